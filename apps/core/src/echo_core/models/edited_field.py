"""The fields of a video's metadata a creator edits, as `video_metadata.edited_fields`
records them."""

import enum


class EditedField(enum.StrEnum):
    TITLE = "title"
    DESCRIPTION = "description"
    TAGS = "tags"
    CHAPTERS = "chapters"
    THUMBNAIL = "thumbnail"
    TRANSCRIPT = "transcript"
