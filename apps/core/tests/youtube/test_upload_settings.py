"""ECHO_YOUTUBE_CHUNK_BYTES must be what YouTube takes: a multiple of 256 KiB."""

import pytest
from pydantic import ValidationError

from echo_core.config import Settings


@pytest.mark.parametrize("chunk", [0, 100_000, 256 * 1024 + 1, 8 * 1024**3])
def test_a_chunk_size_youtube_would_refuse_stops_the_start(chunk: int) -> None:
    with pytest.raises(ValidationError, match="youtube_chunk_bytes"):
        Settings(youtube_chunk_bytes=chunk)


def test_the_default_and_any_multiple_of_256_kib_are_taken() -> None:
    assert Settings().youtube_chunk_bytes == 8 * 1024 * 1024
    assert Settings(youtube_chunk_bytes=3 * 256 * 1024).youtube_chunk_bytes == 786_432
