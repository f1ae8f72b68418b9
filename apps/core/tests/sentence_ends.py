"""How well a written transcript's sentence ends match the sentences really spoken."""

from echo_core.pipeline.transcript import Transcript
from tests.wer import aligned_positions, normalized_words


def sentence_ends_found(sentences: list[str], transcript: Transcript) -> tuple[float, float]:
    """(recall, precision) of the written transcript's sentence ends against `sentences`."""
    reference: list[str] = []
    true_ends: set[int] = set()
    for sentence in sentences:
        reference += normalized_words(sentence)
        true_ends.add(len(reference) - 1)
    heard: list[str] = []
    heard_ends: set[int] = set()
    for segment in transcript.segments:
        heard += normalized_words(segment.text)
        heard_ends.add(len(heard) - 1)
    positions = aligned_positions(reference, heard)
    found = {positions[end] for end in true_ends if end in positions} & heard_ends
    return len(found) / len(true_ends), len(found) / len(heard_ends)
