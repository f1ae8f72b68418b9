"""Where a job's generated files live in storage."""


def audio_key(job_id: str) -> str:
    return f"jobs/{job_id}/audio.wav"


def subtitles_key(job_id: str, extension: str) -> str:
    return f"jobs/{job_id}/subtitles.{extension}"


def thumbnail_key(job_id: str, index: int) -> str:
    return f"jobs/{job_id}/thumbnails/{index}.jpg"


def job_prefix(job_id: str) -> str:
    return f"jobs/{job_id}/"
