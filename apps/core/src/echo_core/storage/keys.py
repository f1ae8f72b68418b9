"""Storage keys are generated, never derived from anything a user typed."""

import uuid


def new_video_key(owner_id: str, extension: str) -> str:
    # The owner's id is hashed into a stable, safe prefix so one user's files sit together.
    owner_prefix = uuid.uuid5(uuid.NAMESPACE_URL, owner_id).hex[:16]
    return f"videos/{owner_prefix}/{uuid.uuid4().hex}{extension}"
