"""Where a job's generated files live in storage."""


def audio_key(job_id: str) -> str:
    return f"jobs/{job_id}/audio.wav"


def subtitles_key(job_id: str, extension: str) -> str:
    return f"jobs/{job_id}/subtitles.{extension}"


def thumbnail_key(job_id: str, index: int) -> str:
    return f"jobs/{job_id}/thumbnails/{index}.jpg"


def scratch_keys(job_id: str) -> list[str]:
    """Files only later stages of the same job read; no use once the job has ended."""
    return [audio_key(job_id)]


def job_prefix(job_id: str) -> str:
    return f"jobs/{job_id}/"


def edited_subtitles_key(job_id: str, token: str, extension: str) -> str:
    """Subtitles written again after a transcript edit: a new key for each edit, so the
    row switches from the old files to the new ones in one commit."""
    return f"jobs/{job_id}/subtitles-{token}.{extension}"
