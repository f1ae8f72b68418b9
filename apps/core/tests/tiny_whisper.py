"""A tiny Whisper model in CTranslate2's format, built by the tests: no test downloads one.

The model has random weights and a small byte-level BPE tokenizer, yet faster-whisper loads it
through its ordinary path (``WhisperModel(directory, device="cpu", compute_type="int8")``) and
transcribes, detects the language and aligns words with it, in a fraction of a second.

Random weights alone would decode up to 224 arbitrary tokens per 30 s window, at low
probability, which makes faster-whisper retry at five more temperatures. So the decoder is
wired to follow a fixed script instead: each token of the script has its own axis in the
embedding space, and the output projection maps that axis to the token that must come next.
Every 30 s window therefore decodes, confidently and at once (also with beam search),

    <|0.00|> hello world<|2.00|><|2.00|> this is a test<|4.00|><|endoftext|>

which faster-whisper turns into the segments "hello world" and "this is a test". The
detected language is ``language`` (the token after <|startoftranscript|>), with probability 1.
One cross-attention head (the only alignment head) looks, from each word, at the middle of
that word's share of its segment, so word timestamps follow the script too.

The text and the timings do not depend on the audio; only the VAD filter does. So a test
with this model checks faster-whisper's loading, decoding, language detection, word
timestamps, progress and stopping, but never whether words were heard right.
"""

import hashlib
import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from ctranslate2.specs import attention_spec, common_spec, transformer_spec, whisper_spec
from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers

from echo_core.pipeline.asr.languages import WHISPER_LANGUAGES

# (start seconds, end seconds, text) of the segments decoded in every 30 s window.
DEFAULT_SCRIPT: tuple[tuple[float, float, str], ...] = (
    (0.0, 2.0, "hello world"),
    (2.0, 4.0, "this is a test"),
)

# Whisper's language tokens, in the order of the real vocabulary (large-v3, with "yue").
LANGUAGES = tuple(WHISPER_LANGUAGES.values())

N_MELS = 80
D_MODEL = 64
NUM_LAYERS = 2
ENCODER_HEADS = 4
DECODER_HEADS = 2  # heads of 32 dimensions, enough for the 16 time harmonics below
FFN_SIZE = 4 * D_MODEL
ENCODER_POSITIONS = 1500  # 3000 mel frames of 10 ms, halved by the second convolution
DECODER_POSITIONS = 448
TIME_PRECISION = 0.02  # seconds per timestamp token, and per encoder position
NUM_TIMESTAMPS = 1501  # <|0.00|> ... <|30.00|>
MAX_INITIAL_TIMESTAMP = 1.0  # faster-whisper's default: the first timestamp is at most 1 s
ALIGNMENT_HEAD = (NUM_LAYERS - 1, 0)  # (decoder layer, cross-attention head)

_WEIGHT_STD = 0.02
# Logits of the decoder output. Script tokens are penalized unless they come next, so that
# the beams that leave the script cannot cheaply come back to it and reach <|endoftext|> first:
# CTranslate2's beam search stops at the first finished hypothesis (num_hypotheses=1).
_FIRST_CHOICE = 30.0  # the next token of the script
_SECOND_CHOICE = 15.0  # the token after a repeated timestamp (see _script_transitions)
_OFF_SCRIPT_PENALTY = 20.0  # any script token elsewhere
# Script tokens take every other axis. CPUs with AVX2 but no VNNI multiply int8 values in
# adjacent pairs whose sum saturates at 16 bits: a projection row with large weights on two
# neighbouring axes (a timestamp that may follow a word and itself) lost its logit there,
# and the model wandered off the script. A zero axis between them keeps each pair small.
_AXIS_SPACING = 2
# The encoder positions carry cos and sin of 16 harmonics of a 60 s period, so that the
# alignment head can score frames with a smooth bump (2.4 s wide) around any chosen time.
_HARMONICS = np.arange(1, 17)
_ANGULAR_SPEED = 2 * np.pi / 60.0  # radians per second of the first harmonic
_BUMP_WEIGHTS = np.exp(-((_HARMONICS * 0.25) ** 2) / 2)
# Attention logits from far to near. Much more and a frame far from every word would get an
# attention of exactly 0 from all tokens, which CTranslate2's alignment (a layer norm across
# tokens, without epsilon) turns into NaN.
_BUMP_HEIGHT = 60.0
_POSITION_SCALE = 2.0  # the time signal outweighs the random audio-dependent terms


def build_tiny_whisper(
    directory: Path,
    *,
    seed: int = 0,
    language: str = "en",
    script: Sequence[tuple[float, float, str]] = DEFAULT_SCRIPT,
    multilingual: bool = True,
) -> Path:
    """Write a faster-whisper model directory and return it.

    ``directory`` is created if needed; files already there are overwritten. It receives
    model.bin, config.json and vocabulary.json (from CTranslate2's WhisperSpec), tokenizer.json
    and preprocessor_config.json. ``language`` is the language the model detects; ``script``
    lists the segments decoded in each 30 s window (window-relative seconds, increasing; words
    of letters or digits, each used once).
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    words = _script_words(script)
    tokenizer = _build_tokenizer(words, multilingual)
    vocabulary = _vocabulary(tokenizer)
    ids = {token: index for index, token in enumerate(vocabulary)}
    transitions = _script_transitions(script, tokenizer, ids, language, multilingual)
    alignment_targets = _alignment_targets(script, tokenizer, ids)

    rng = np.random.default_rng(seed)
    spec = whisper_spec.WhisperSpec(NUM_LAYERS, ENCODER_HEADS, NUM_LAYERS, DECODER_HEADS)
    _fill_encoder(spec.encoder, rng)
    _fill_decoder(spec.decoder, rng, len(vocabulary), transitions, alignment_targets)
    spec.register_vocabulary(vocabulary)

    config = spec.config
    config.suppress_ids = []  # faster-whisper always passes its own list of tokens to suppress
    config.suppress_ids_begin = [ids["\u0120"], ids["<|endoftext|>"]]  # " " and end, as Whisper
    config.lang_ids = [ids[f"<|{code}|>"] for code in LANGUAGES]
    # Word timestamps come from these (decoder layer, head) cross-attention heads.
    config.alignment_heads = [list(ALIGNMENT_HEAD)]

    spec.validate()
    spec.optimize()  # no quantization: faster-whisper's compute_type converts at load time
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    spec.save(str(directory))
    tokenizer.save(str(directory / "tokenizer.json"))
    preprocessor = {
        "chunk_length": 30,
        "feature_extractor_type": "WhisperFeatureExtractor",
        "feature_size": N_MELS,
        "hop_length": 160,
        "n_fft": 400,
        "n_samples": 480000,
        "nb_max_frames": 3000,
        "padding_side": "right",
        "padding_value": 0.0,
        "return_attention_mask": False,
        "sampling_rate": 16000,
    }
    (directory / "preprocessor_config.json").write_text(json.dumps(preprocessor, indent=2) + "\n")
    return directory


def cache_tiny_whisper(hub_cache: Path, repository: str, **options: Any) -> Path:
    """Build the model where huggingface_hub's cache (HF_HUB_CACHE) keeps `repository`.

    faster-whisper then loads it by name, offline, as if it had been downloaded:
    ``WhisperModel("small")`` for "Systran/faster-whisper-small". Returns the snapshot.
    """
    commit = hashlib.sha1(repository.encode()).hexdigest()  # any 40 hex digits will do
    repository_dir = hub_cache / f"models--{repository.replace('/', '--')}"
    snapshot = build_tiny_whisper(repository_dir / "snapshots" / commit, **options)
    (repository_dir / "refs").mkdir(parents=True, exist_ok=True)
    (repository_dir / "refs" / "main").write_text(commit)
    return snapshot


def _script_words(script: Sequence[tuple[float, float, str]]) -> list[str]:
    words: list[str] = []
    previous_end = 0.0
    for start, end, text in script:
        if not (previous_end <= start < end <= 30.0) or not text.split():
            raise ValueError(f"bad script segment {(start, end, text)!r}")
        previous_end = end
        words.extend(text.split())
    if not script or script[0][0] > MAX_INITIAL_TIMESTAMP:
        raise ValueError(f"the script must start within {MAX_INITIAL_TIMESTAMP} s")
    if len(set(words)) != len(words):
        raise ValueError("every word of the script must be different")
    splitter = pre_tokenizers.ByteLevel(add_prefix_space=False)
    for word in words:  # one token per word: no punctuation (it would split off)
        if len(splitter.pre_tokenize_str(" " + word)) != 1:
            raise ValueError(f"script words must be letters or digits only, not {word!r}")
    return words


def _bytes_to_unicode() -> dict[int, str]:
    """GPT-2's printable stand-in character for each byte, as byte-level BPE uses."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1)]
    printable += range(ord("®"), ord("ÿ") + 1)
    mapping = {byte: chr(byte) for byte in printable}
    extra = 0
    for byte in range(256):
        if byte not in mapping:
            mapping[byte] = chr(256 + extra)
            extra += 1
    return mapping


def _build_tokenizer(words: Sequence[str], multilingual: bool) -> Tokenizer:
    """A byte-level BPE with the 256 bytes, one token per " word", then Whisper's specials."""
    byte_chars = _bytes_to_unicode()
    vocab = {byte_chars[byte]: byte for byte in range(256)}
    merges: list[tuple[str, str]] = []
    for word in words:
        pieces = [byte_chars[byte] for byte in (" " + word).encode()]
        merged = pieces[0]
        for piece in pieces[1:]:
            if merged + piece not in vocab:
                vocab[merged + piece] = len(vocab)
                merges.append((merged, piece))
            merged += piece
    # CTranslate2 (since 4.7) treats a model as multilingual when its vocabulary has the
    # empty token, which real multilingual Whisper vocabularies hold as the last text token.
    if multilingual:
        vocab[""] = len(vocab)

    tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=merges))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    # The order matters: faster-whisper takes timestamp_begin = <|notimestamps|> + 1, and
    # CTranslate2 counts the languages between <|startoftranscript|> and <|nospeech|>.
    specials = [
        "<|endoftext|>",
        "<|startoftranscript|>",
        *(f"<|{code}|>" for code in LANGUAGES),
        "<|translate|>",
        "<|transcribe|>",
        "<|startoflm|>",
        "<|startofprev|>",
        "<|nospeech|>",
        "<|notimestamps|>",
    ]
    tokenizer.add_special_tokens([AddedToken(token, normalized=False) for token in specials])
    tokenizer.add_tokens(
        [
            AddedToken(f"<|{index * TIME_PRECISION:.2f}|>", normalized=False)
            for index in range(NUM_TIMESTAMPS)
        ]
    )
    return tokenizer


def _vocabulary(tokenizer: Tokenizer) -> list[str]:
    by_id = {index: token for token, index in tokenizer.get_vocab(with_added_tokens=True).items()}
    if sorted(by_id) != list(range(len(by_id))):
        raise AssertionError("the tokenizer ids are not contiguous")
    vocabulary = [by_id[index] for index in range(len(by_id))]
    if vocabulary.index("<|0.00|>") != vocabulary.index("<|notimestamps|>") + 1:
        raise AssertionError("timestamps must follow <|notimestamps|>")
    return vocabulary


def _script_transitions(
    script: Sequence[tuple[float, float, str]],
    tokenizer: Tokenizer,
    ids: dict[str, int],
    language: str,
    multilingual: bool,
) -> dict[int, list[int]]:
    """For each token of the script, the tokens that may follow it, preferred first.

    CTranslate2's timestamp rules forbid text right after a single timestamp and a third
    timestamp after a pair. So a segment boundary <|t|><|t|> needs <|t|> to prefer itself, and
    the next word once timestamps are forbidden.
    """

    def timestamp(seconds: float) -> int:
        return ids["<|0.00|>"] + round(seconds / TIME_PRECISION)

    def word(text: str) -> int:
        return _word_token(tokenizer, text)

    first_words = [word(text.split()[0]) for _, _, text in script]
    # A multilingual prompt is <|startoftranscript|><|xx|><|transcribe|>, and the token after
    # <|startoftranscript|> is what language detection reads; an English-only prompt is
    # <|startoftranscript|> alone.
    after_start = ids[f"<|{language}|>"] if multilingual else timestamp(script[0][0])
    transitions: dict[int, list[int]] = {
        ids["<|startoftranscript|>"]: [after_start],
        ids["<|transcribe|>"]: [timestamp(script[0][0])],
        ids["<|translate|>"]: [timestamp(script[0][0])],
        ids["<|notimestamps|>"]: [first_words[0]],  # without_timestamps=True
    }
    for index, (start, end, text) in enumerate(script):
        tokens = [timestamp(start), *(word(piece) for piece in text.split()), timestamp(end)]
        for current, following in itertools.pairwise(tokens):
            transitions.setdefault(current, []).append(following)
        if index + 1 == len(script):
            transitions[tokens[-1]] = [ids["<|endoftext|>"]]
        elif script[index + 1][0] == end:
            transitions[tokens[-1]] = [tokens[-1], first_words[index + 1]]
        else:
            transitions[tokens[-1]] = [timestamp(script[index + 1][0])]
    if len(transitions) * _AXIS_SPACING > D_MODEL:
        raise ValueError("the script is too long for the model width")
    return transitions


def _word_token(tokenizer: Tokenizer, word: str) -> int:
    (token,) = tokenizer.encode(" " + word, add_special_tokens=False).ids
    return token


def _alignment_targets(
    script: Sequence[tuple[float, float, str]], tokenizer: Tokenizer, ids: dict[str, int]
) -> dict[int, float]:
    """Where (window-relative seconds) the alignment head looks from each token.

    faster-whisper aligns <|notimestamps|> w1 ... wn; the attention from each of these tokens
    times the token after it. Each word gets an equal share of its segment, and the head looks
    at its middle, so that the frames nearest to that middle go to that word. After the last
    word comes <|endoftext|>, half a word after the end.
    """
    centers: list[float] = []
    for start, end, text in script:
        pieces = text.split()
        share = (end - start) / len(pieces)
        centers.extend(start + share * (index + 0.5) for index in range(len(pieces)))
    centers.append(script[-1][1] + share / 2)  # share: of the last segment
    words = [_word_token(tokenizer, piece) for _, _, text in script for piece in text.split()]
    return dict(zip([ids["<|notimestamps|>"], *words], centers, strict=True))


def _time_features(seconds: np.ndarray) -> np.ndarray:
    """cos then sin of every harmonic, one row per time."""
    angles = np.outer(seconds, _HARMONICS * _ANGULAR_SPEED)
    return np.concatenate([np.cos(angles), np.sin(angles)], axis=1)


def _random(rng: np.random.Generator, *shape: int, std: float = _WEIGHT_STD) -> np.ndarray:
    return rng.normal(0.0, std, size=shape).astype(np.float32)


def _fill_layer_norm(spec: common_spec.LayerNormSpec) -> None:
    spec.gamma = np.ones(D_MODEL, dtype=np.float32)
    spec.beta = np.zeros(D_MODEL, dtype=np.float32)


def _fill_attention(
    spec: attention_spec.MultiHeadAttentionSpec, rng: np.random.Generator, *, self_attention: bool
) -> None:
    _fill_layer_norm(spec.layer_norm)
    # Self-attention: fused queries, keys and values, then the output. Cross-attention:
    # queries, fused keys and values (of the encoder output), then the output.
    shapes = [3 * D_MODEL, D_MODEL] if self_attention else [D_MODEL, 2 * D_MODEL, D_MODEL]
    for linear, outputs in zip(spec.linear, shapes, strict=True):
        linear.weight = _random(rng, outputs, D_MODEL)
        linear.bias = np.zeros(outputs, dtype=np.float32)


def _fill_ffn(spec: transformer_spec.FeedForwardSpec, rng: np.random.Generator) -> None:
    _fill_layer_norm(spec.layer_norm)
    spec.linear_0.weight = _random(rng, FFN_SIZE, D_MODEL)
    spec.linear_0.bias = np.zeros(FFN_SIZE, dtype=np.float32)
    spec.linear_1.weight = _random(rng, D_MODEL, FFN_SIZE)
    spec.linear_1.bias = np.zeros(D_MODEL, dtype=np.float32)


def _fill_encoder(spec: whisper_spec.WhisperEncoderSpec, rng: np.random.Generator) -> None:
    spec.conv1.weight = _random(rng, D_MODEL, N_MELS, 3)  # (out channels, in channels, width)
    spec.conv1.bias = np.zeros(D_MODEL, dtype=np.float32)
    spec.conv2.weight = _random(rng, D_MODEL, D_MODEL, 3)
    spec.conv2.bias = np.zeros(D_MODEL, dtype=np.float32)
    # [features, -features]: zero mean over the model dimension, so the encoder's final layer
    # norm keeps the time signal as it is, times sqrt(2).
    features = _time_features(np.arange(ENCODER_POSITIONS) * TIME_PRECISION)
    positions = _POSITION_SCALE * np.concatenate([features, -features], axis=1)
    spec.position_encodings.encodings = positions.astype(np.float32)
    _fill_layer_norm(spec.layer_norm)
    for layer in spec.layer:
        _fill_attention(layer.self_attention, rng, self_attention=True)
        _fill_ffn(layer.ffn, rng)


def _fill_decoder(
    spec: transformer_spec.TransformerDecoderSpec,
    rng: np.random.Generator,
    vocabulary_size: int,
    transitions: dict[int, list[int]],
    alignment_targets: dict[int, float],
) -> None:
    embeddings = _random(rng, vocabulary_size, D_MODEL)
    projection = _random(rng, vocabulary_size, D_MODEL)
    # Each script token gets its own axis of the residual stream; the layers add only small
    # random terms, so after the final layer norm the projection reads which token is current.
    # A one-hot vector is sqrt(D_MODEL - 1) long on its axis after layer norm.
    active = np.sqrt(D_MODEL - 1)
    bias = np.zeros(vocabulary_size, dtype=np.float32)
    axes = {token: _AXIS_SPACING * index for index, token in enumerate(transitions)}
    for token, following in transitions.items():
        axis = axes[token]
        embeddings[token] = 0.0
        embeddings[token, axis] = 1.0
        bias[[token, *following]] = -_OFF_SCRIPT_PENALTY
        for logit, successor in zip((_FIRST_CHOICE, _SECOND_CHOICE), following, strict=False):
            projection[successor, axis] = (logit + _OFF_SCRIPT_PENALTY) / active
    spec.embeddings.weight = embeddings
    spec.position_encodings.encodings = _random(rng, DECODER_POSITIONS, D_MODEL)
    _fill_layer_norm(spec.layer_norm)
    spec.projection.weight = projection
    spec.projection.bias = bias
    for layer in spec.layer:
        _fill_attention(layer.self_attention, rng, self_attention=True)
        _fill_attention(layer.attention, rng, self_attention=False)
        _fill_ffn(layer.ffn, rng)
    _shape_alignment_head(spec.layer[ALIGNMENT_HEAD[0]].attention, axes, alignment_targets)


def _shape_alignment_head(
    spec: attention_spec.MultiHeadAttentionSpec, axes: dict[int, int], targets: dict[int, float]
) -> None:
    """Make the alignment head attend, from each aligned token, around its target time.

    The head's keys are the time features of the encoder output; its query for a token is the
    same features at the target time, weighted by _BUMP_WEIGHTS, so that the attention logit
    is a smooth bump (a sum of cosines of the time difference) peaking at the target.
    """
    width = 2 * len(_HARMONICS)
    rows = slice(ALIGNMENT_HEAD[1] * width, (ALIGNMENT_HEAD[1] + 1) * width)
    head_dim = D_MODEL // DECODER_HEADS
    if width != head_dim:
        raise AssertionError("the time features must fill one head")
    keys = spec.linear[1].weight  # fused keys then values
    keys[rows] = 0.0
    keys[rows, :width] = np.eye(width, dtype=np.float32)  # encoder output = sqrt(2) * features
    spec.linear[1].bias[rows] = 0.0

    differences = np.linspace(0.0, 30.0, 3001)
    bump = _time_features(differences)[:, : len(_HARMONICS)] @ _BUMP_WEIGHTS
    # logit = query . key / sqrt(head_dim); a script token is sqrt(D_MODEL - 1) after layer norm
    scale = _BUMP_HEIGHT * np.sqrt(head_dim) / (np.ptp(bump) * np.sqrt(2) * np.sqrt(D_MODEL - 1))
    queries = spec.linear[0].weight
    queries[rows] = 0.0
    spec.linear[0].bias[rows] = 0.0
    weights = np.concatenate([_BUMP_WEIGHTS, _BUMP_WEIGHTS])
    for token, seconds in targets.items():
        queries[rows, axes[token]] = scale * weights * _time_features(np.array([seconds]))[0]
