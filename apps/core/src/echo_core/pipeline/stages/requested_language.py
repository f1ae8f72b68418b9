"""The language a job's speech is in, as the upload said."""

from echo_core.models.video_metadata import VideoMetadata


def requested_language(metadata: VideoMetadata) -> str | None:
    """An ISO 639-1 code, or None to detect it.

    Until the transcribe stage stores the language it used, the job's `language` holds the
    one chosen at upload (None for `auto`): the job was created with it.
    """
    return metadata.language or None
