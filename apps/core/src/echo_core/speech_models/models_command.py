"""`echo-core models list` and `echo-core models pull [NAME]`: the Whisper models on this
machine, and fetching one ahead of the first job, with a progress bar."""

from echo_core.config import Settings
from echo_core.pipeline.asr.child_process import ChildFailedError
from echo_core.pipeline.asr.download_memory import DownloadMemory
from echo_core.pipeline.asr.whisper_models import (
    download_in_child,
    known_model_names,
    model_on_disk,
    whisper_hardware,
    whisper_model_name,
)
from echo_core.pipeline.stop_signal import StopSignal


def list_command() -> int:
    settings = Settings()
    chosen = whisper_model_name(settings)
    hardware = whisper_hardware()
    print(
        f"Whisper on {hardware.device} ({hardware.compute_type}); jobs use {chosen!r} "
        f"({'ECHO_WHISPER_MODEL' if settings.whisper_model else 'the default here'})"
    )
    names = known_model_names()
    for name in [chosen, *(name for name in names if name != chosen)]:
        mark = "*" if name == chosen else " "
        state = "on disk" if model_on_disk(name) is not None else "not downloaded"
        print(f"{mark} {name:<20} {state}")
    return 0


def pull_command(name: str | None) -> int:
    """Download now, even when a recent failure is remembered; success clears it."""
    from tqdm import tqdm

    settings = Settings()
    model = name or whisper_model_name(settings)
    if model_on_disk(model) is not None:
        print(f"The Whisper model {model!r} is already on disk.")
        return 0
    memory = DownloadMemory(settings.data_dir, settings.whisper_download_retry_seconds)
    # A percentage bar, the size after it: the child process reports shares, not bytes.
    bar_format = "{desc}: {percentage:3.0f}%|{bar}| {postfix}"
    with tqdm(total=1.0, desc=f"Downloading {model}", bar_format=bar_format) as bar:

        def report(fraction: float, size: str | None) -> None:
            bar.update(fraction - bar.n)
            bar.set_postfix_str(size or "")

        try:
            # In a child process, like a job's download: a server that never finishes its
            # answer is given up on, where a download in this process would wait for ever.
            path = download_in_child(
                model,
                settings.whisper_download_timeout_seconds,
                report,
                StopSignal(),
                for_stage=False,
            )
        except ChildFailedError as error:  # no network, unknown name, full disk: say so
            print(f"error: the Whisper model {model!r} could not be downloaded: {error}")
            memory.remember_failure(model, str(error))
            return 1
    memory.forget()
    print(f"The Whisper model {model!r} is in {path}")
    return 0


def models_command(action: str, name: str | None) -> int:
    if action == "list":
        return list_command()
    return pull_command(name)
