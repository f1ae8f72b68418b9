"""A boto3 S3 client configured for any S3-compatible store (AWS, MinIO, R2, Supabase)."""

from typing import TYPE_CHECKING

import boto3
from botocore.config import Config

from echo_core.config import Settings

if TYPE_CHECKING:
    from types_boto3_s3.client import S3Client

# Streams being served, transfer parts in flight and the worker share one pool; above
# urllib3's pool size connections are opened and thrown away instead of reused.
MAX_CONNECTIONS = 32


def new_s3_client(settings: Settings) -> "S3Client":
    secret = settings.s3_secret_access_key
    config = Config(
        signature_version="s3v4",
        s3={"addressing_style": settings.s3_addressing_style},
        # Standard retries back off on throttling and 5xx; AWS_MAX_ATTEMPTS still applies.
        retries={"mode": "standard"},
        connect_timeout=10,
        read_timeout=60,
        max_pool_connections=MAX_CONNECTIONS,
        # botocore 1.36 started sending CRC checksums on every upload, which several
        # S3-compatible stores reject; checksums only where the API requires them.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    # Without explicit keys boto3 uses its default chain (env, profile, instance role).
    return boto3.session.Session().client(
        "s3",
        endpoint_url=settings.s3_endpoint_url,
        region_name=settings.s3_region,
        aws_access_key_id=settings.s3_access_key_id,
        aws_secret_access_key=secret.get_secret_value() if secret else None,
        config=config,
    )
