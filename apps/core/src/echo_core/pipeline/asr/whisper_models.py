"""Which Whisper model fits this machine, whether it is on disk, and fetching it.

Models are named as faster-whisper names them ("small", "large-v3-turbo"), by Hugging Face
repository ("Systran/faster-whisper-small"), or given as a directory. Named ones live in
the Hugging Face cache (HF_HOME, ~/.cache/huggingface by default), where faster-whisper
itself looks. huggingface_hub reads its timeouts from the environment when it is first
imported, so it is imported only inside the functions that need it.
"""

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from echo_core.config import Settings
from echo_core.pipeline.asr.child_process import run_in_child
from echo_core.pipeline.progress import ProgressCallback
from echo_core.pipeline.stop_signal import StopSignal

# The files faster-whisper loads; a repository may hold others (PyTorch weights) it never reads.
MODEL_FILES = [
    "config.json",
    "preprocessor_config.json",
    "model.bin",
    "tokenizer.json",
    "vocabulary.*",
]

# (bytes written so far, bytes in all)
DownloadReport = Callable[[int, int], None]


@dataclass(frozen=True)
class WhisperHardware:
    device: str
    compute_type: str
    # The most accurate model that transcribes faster than real time on this hardware.
    default_model: str


GPU = WhisperHardware("cuda", "float16", "large-v3-turbo")
CPU = WhisperHardware("cpu", "int8", "small")


def whisper_hardware() -> WhisperHardware:
    import ctranslate2

    return GPU if ctranslate2.get_cuda_device_count() > 0 else CPU


def whisper_model_name(settings: Settings) -> str:
    return settings.whisper_model or whisper_hardware().default_model


def known_model_names() -> list[str]:
    from faster_whisper.utils import available_models

    return list(available_models())


def repository_of(model: str) -> str:
    """The Hugging Face repository a model name stands for; ValueError for an unknown name."""
    if "/" in model:
        return model
    from faster_whisper.utils import _MODELS  # the table faster-whisper downloads by

    try:
        return str(_MODELS[model])
    except KeyError:
        raise ValueError(
            f"unknown Whisper model {model!r}; known: {', '.join(known_model_names())}"
        ) from None


def model_on_disk(model: str) -> Path | None:
    """The model's directory when it can be loaded without the network, else None."""
    if Path(model).is_dir():
        return Path(model)
    from huggingface_hub import snapshot_download

    try:
        path = snapshot_download(
            repository_of(model), allow_patterns=MODEL_FILES, local_files_only=True
        )
    except Exception:  # unknown name, not cached, or cached only in part: not on disk
        return None
    return Path(path) if (Path(path) / "model.bin").is_file() else None


def hub_offline() -> bool:
    """Whether huggingface_hub is told to stay offline (read now, not at its import)."""
    return os.environ.get("HF_HUB_OFFLINE", "").upper() in {"1", "ON", "YES", "TRUE"}


def download_model(model: str, report: DownloadReport, timeout_seconds: float) -> Path:
    """Fetch the model into the Hugging Face cache, reporting bytes as they are written.

    Each request gives up after `timeout_seconds` without an answer. A download cut short
    leaves its partial files, which the next attempt resumes.
    """
    # An int: huggingface_hub reads this with int() and "20.0" would fail.
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", str(math.ceil(timeout_seconds)))
    from huggingface_hub import HfApi, snapshot_download
    from huggingface_hub.utils import filter_repo_objects  # type: ignore[attr-defined]

    repository = repository_of(model)
    # The sizes first, so progress reads "34% of 466 MB"; the request has a deadline, as
    # the download's own first request has none and would wait on a silent server forever.
    info = HfApi().model_info(repository, files_metadata=True, timeout=timeout_seconds)
    files = filter_repo_objects(
        info.siblings or [], allow_patterns=MODEL_FILES, key=lambda sibling: sibling.rfilename
    )
    total = sum(sibling.size or 0 for sibling in files)
    report(0, total)
    path = snapshot_download(
        repository,
        allow_patterns=MODEL_FILES,
        etag_timeout=timeout_seconds,
        tqdm_class=_progress_class(report, total),
    )
    report(total, total)
    return Path(path)


def download_in_child(
    model: str,
    timeout_seconds: float,
    progress: ProgressCallback,
    stop: StopSignal,
    *,
    for_stage: bool,
) -> Path:
    """`download_model` in a child process, which ends at once when `stop` is set.

    A server that dribbles its answer a byte at a time never trips a read timeout; so once
    the child has started it must report at least every `timeout_seconds` and 5 s more (it
    reports when it starts, when it knows the sizes, and as bytes are written), or it is
    ended. `for_stage`: the stage's bar stays at 0 until recognition starts and the detail
    says how far the download got; otherwise the fraction is the share written and the
    detail the size. Raises ChildFailedError.
    """
    work = _download_reporting_detail if for_stage else _download_reporting_share
    path: Path = run_in_child(work, (model, timeout_seconds), progress, stop, timeout_seconds + 5)
    return path


def _download_reporting_detail(
    model: str, timeout_seconds: float, progress: ProgressCallback
) -> Path:
    progress(0.0, "Looking up the speech model")
    return download_model(
        model,
        lambda written, total: progress(0.0, download_detail(written, total)),
        timeout_seconds,
    )


def _download_reporting_share(
    model: str, timeout_seconds: float, progress: ProgressCallback
) -> Path:
    progress(0.0, None)
    return download_model(
        model,
        lambda written, total: progress(written / total if total else 0.0, _megabytes(total)),
        timeout_seconds,
    )


def download_detail(written: int, total: int) -> str:
    """What a creator reads while the model downloads."""
    percent = math.floor(100 * written / total) if total else 0
    return f"Downloading the speech model: {percent}% of {_megabytes(total)}"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB" if size >= 10_000_000 else f"{size / 1_000_000:.1f} MB"


def _progress_class(report: DownloadReport, total: int) -> Any:
    """A tqdm class for snapshot_download that draws nothing and reports bytes written.

    huggingface_hub makes a bar of files ("Fetching N files") and bars of bytes: "Downloading
    bytes" counts what the network brought (Xet storage only) and the others count what was
    written, which is what every download does; those are summed.
    """
    from tqdm.auto import tqdm

    written = [0]

    class ReportingBar(tqdm):  # type: ignore[misc, unused-ignore]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["disable"] = False  # huggingface_hub may disable bars; the counts matter
            kwargs["file"] = _NOWHERE
            super().__init__(*args, **kwargs)

        def update(self, n: float | None = 1) -> bool | None:
            result: bool | None = super().update(n)
            if self.unit == "B" and not str(self.desc).startswith("Downloading bytes"):
                written[0] += int(n or 0)
                report(min(written[0], total), total)
            return result

    return ReportingBar


class _Nowhere:
    """A file the bars draw into: nothing is printed."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        return None


_NOWHERE = _Nowhere()
