"""Open media files so that no video decoder in them makes a picture over a pixel limit."""

from pathlib import Path

import av


def open_media(path: Path, max_video_pixels: int) -> av.container.InputContainer:
    """Open `path` for reading; frames over `max_video_pixels` fail to decode.

    FFmpeg decodes a few frames while opening, to learn the streams' formats, and a
    stream's header may claim one size while its frames hold another: both the opening
    decoders and the ones Echo decodes with refuse pictures over the limit, instead of
    allocating whatever size a frame asks for.
    """
    options = {"max_pixels": str(max_video_pixels)}
    container = av.open(str(path), mode="r", options=options)
    for stream in container.streams.video:
        stream.codec_context.options = {**stream.codec_context.options, **options}
    return container
