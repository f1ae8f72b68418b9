"""Timed transcripts made on the spot: several topics of natural speech, with word timings.

Two styles, as the two kinds of engine produce them: "sphinx" (pocketsphinx: lower-case
words, no punctuation, a segment per pause-bounded stretch) and "whisper" (cased and
punctuated words, a segment per sentence).
"""

import itertools
import random
import re
from dataclasses import dataclass
from typing import Literal

from echo_core.pipeline.transcript import Segment, Transcript, Word

Style = Literal["sphinx", "whisper"]

PASTA = [
    "So today we are cooking fresh pasta at home, and it is easier than you think.",
    "First bring a big pot of water to a rolling boil and add a good handful of salt.",
    "The salted water is what seasons the pasta from the inside.",
    "While the water heats up, we start the tomato sauce with olive oil and garlic.",
    "Slice the garlic thin and let it sizzle gently in the olive oil without browning.",
    "Then add the crushed tomatoes, a pinch of chili flakes and some fresh basil leaves.",
    "Let the sauce simmer for about twenty minutes until it thickens.",
    "Now drop the spaghetti into the boiling water and stir it so it does not stick.",
    "Cook the pasta two minutes less than the packet says, because it finishes in the sauce.",
    "Save a cup of the starchy pasta water before you drain the spaghetti.",
    "Toss the spaghetti in the pan with the sauce and a splash of pasta water.",
    "The starch makes the sauce glossy and helps it cling to every strand of pasta.",
    "Finish the plate with grated parmesan cheese, more basil and a drizzle of olive oil.",
    "Fresh pasta dough is just flour and eggs, kneaded until the dough is smooth and silky.",
]

TELESCOPES = [
    "Now let us move on to the night sky and your first telescope.",
    "A small refractor telescope with a good lens is perfect for beginners.",
    "The aperture of the telescope decides how much starlight it can gather.",
    "Start with a low power eyepiece, because a wide field makes planets easy to find.",
    "Jupiter is a great first target, and you can see its four bright moons.",
    "Saturn and its rings look amazing even through a modest telescope.",
    "Let the telescope cool down outside for half an hour so the image stays steady.",
    "Use the finder scope to line up the planet before you switch eyepieces.",
    "Focus slowly until the stars become sharp points of light.",
    "Light pollution from the city washes out faint galaxies and nebulae.",
    "A dark sky site far from streetlights will show you the Milky Way.",
    "An astronomy app helps you identify constellations and bright stars.",
    "The Moon is best viewed along the terminator, where shadows show the craters.",
    "Keep a red flashlight so your eyes stay adapted to the dark sky.",
]

GARDEN = [
    "Next up is the vegetable garden, and this spring I am growing tomato plants.",
    "Start your seedlings indoors about six weeks before the last frost.",
    "Good soil is everything, so mix plenty of compost into the garden beds.",
    "Plant the seedlings deep, because tomato stems grow roots along the buried part.",
    "Water the garden early in the morning, right at the roots, not on the leaves.",
    "Wet leaves in the evening invite fungus and blight into the garden.",
    "Mulch with straw to keep the soil moist and to stop weeds from sprouting.",
    "Tie the tomato plants to stakes or cages as they grow taller.",
    "Pinch off the suckers that sprout between the main stem and the branches.",
    "Feed the plants with a fertilizer that is rich in potassium once the flowers appear.",
    "Bees pollinate the flowers, so plant marigolds and lavender nearby to attract them.",
    "Harvest the tomatoes when they are fully red and slightly soft to the touch.",
    "Rotate your crops every year so soil diseases do not build up in the beds.",
    "A rain barrel saves water and the plants prefer rainwater anyway.",
]

BICYCLE = [
    "Finally, let us talk about keeping your bicycle in good shape.",
    "Check the tire pressure every week with a floor pump and a gauge.",
    "Road bike tires need much higher pressure than mountain bike tires.",
    "Clean the chain with a degreaser and an old toothbrush to remove the grime.",
    "Then apply a drop of chain lube on every link and wipe off the excess.",
    "A dry chain wears out the cassette and the chainrings much faster.",
    "Squeeze the brake levers to check that the brake pads grip the rim firmly.",
    "Replace worn brake pads before the metal backing scrapes the wheel.",
    "If the gears skip, adjust the derailleur with the barrel adjuster a quarter turn.",
    "Spin each wheel and watch the rim for wobbles that need truing with a spoke key.",
    "Tighten the bolts on the stem and handlebars with a torque wrench.",
    "Carry a spare inner tube, tire levers and a mini pump on every ride.",
    "To fix a flat, find the puncture, patch the tube and check the tire for glass.",
    "A clean and lubricated bike shifts smoothly and rides quietly.",
]

PHOTOGRAPHY = [
    "Shoot in aperture priority mode and let the camera pick the shutter speed.",
    "A wide aperture blurs the background and makes portraits pop.",
    "Raise the ISO indoors, but watch for noise in the shadows.",
    "Golden hour light after sunrise makes skin tones warm and soft.",
    "Use the rule of thirds and place the horizon on a gridline.",
    "A tripod and a remote shutter release keep long exposures sharp.",
    "Shoot raw files so you can recover highlights when editing.",
    "Clean the lens and the sensor before a landscape trip.",
]

FOOTBALL = [
    "The striker curled the free kick over the wall into the top corner.",
    "Our goalkeeper saved the penalty with a dive to his left.",
    "The referee showed a yellow card for the late tackle.",
    "A high press forces the defenders into long clearances.",
    "The midfielder threaded a through ball behind the back line.",
    "Corners and set pieces won the league for the champions.",
    "The coach switched to three centre backs at half time.",
    "Offside was checked by the video assistant referee.",
]

COFFEE = [
    "Grind the coffee beans fresh just before you brew.",
    "Pour over brewing needs water just below boiling and a slow spiral pour.",
    "A burr grinder gives an even grind size for espresso.",
    "Pull the espresso shot in about twenty five seconds.",
    "Steam the milk until the jug is too hot to hold for latte art.",
    "Light roast beans taste fruity and acidic, dark roast tastes bitter.",
    "Store the beans in an airtight container away from sunlight.",
    "A French press needs a coarse grind and four minutes of steeping.",
]

GUITAR = [
    "Tune the guitar strings with a clip on tuner before you practice.",
    "Press the frets just behind the metal wire for a clean note.",
    "Learn the open chords G, C, D and E minor first.",
    "Strum down on the beat and up between the beats.",
    "Calluses on your fingertips form after a few weeks of practice.",
    "A capo on the second fret changes the key without new chord shapes.",
    "Practice barre chords slowly until every string rings out.",
    "Fingerpicking patterns use the thumb for the bass strings.",
]

TOPICS = [PASTA, TELESCOPES, GARDEN, BICYCLE]
MORE_TOPICS = [PHOTOGRAPHY, FOOTBALL, COFFEE, GUITAR]
TOPIC_NAMES = ["pasta", "telescope", "tomato", "bike"]


@dataclass(frozen=True)
class Talk:
    transcript: Transcript
    duration: float
    topic_starts: list[float]  # when the first word of each topic is spoken
    sentences: list[str]  # as written, in spoken order


def make_talk(
    topics: list[list[str]] | None = None,
    seconds_per_topic: float | list[float] = 90.0,
    style: Style = "sphinx",
    seed: int = 0,
    lead_in: float = 1.0,
    tail: float = 2.0,
) -> Talk:
    """Speak each topic's sentences (shuffled, repeated as needed) for about its share of time.

    About 2.6 words per second, short gaps between words, 0.4 to 1.0 s at sentence ends and
    a shorter pause at most commas, as a person reading aloud would.
    """
    rng = random.Random(seed)
    topics = TOPICS if topics is None else topics
    shares = (
        seconds_per_topic
        if isinstance(seconds_per_topic, list)
        else [seconds_per_topic] * len(topics)
    )
    clock = lead_in
    segments: list[Segment] = []
    topic_starts: list[float] = []
    spoken: list[str] = []
    for sentences, share in zip(topics, shares, strict=True):
        topic_starts.append(clock)
        topic_end = clock + share
        order: list[str] = []
        while clock < topic_end:
            if not order:
                order = rng.sample(sentences, len(sentences))
            sentence = order.pop()
            spoken.append(sentence)
            words, clock = _speak(sentence, clock, rng)
            segments.extend(_segments(words, style))
            clock += rng.uniform(0.4, 1.0)
    return Talk(
        transcript=Transcript(language="en", segments=tuple(segments)),
        duration=round(clock + tail, 3),
        topic_starts=topic_starts,
        sentences=spoken,
    )


def _speak(sentence: str, clock: float, rng: random.Random) -> tuple[list[Word], float]:
    words: list[Word] = []
    for written in sentence.split():
        length = 0.1 + 0.055 * len(written.strip(",.")) * rng.uniform(0.8, 1.2)
        words.append(Word(written, round(clock, 3), round(clock + length, 3)))
        clock += length + rng.uniform(0.02, 0.1)
        if written.endswith(",") and rng.random() < 0.7:
            clock += rng.uniform(0.25, 0.45)
    return words, words[-1].end


def _segments(words: list[Word], style: Style) -> list[Segment]:
    if style == "whisper":
        text = " ".join(word.word for word in words)
        # Whisper words carry their leading space, as faster-whisper returns them.
        spaced = tuple(Word(" " + word.word, word.start, word.end) for word in words)
        return [Segment(words[0].start, words[-1].end, " " + text, spaced)]
    plain = [Word(re.sub(r"[^\w']", "", word.word).lower(), word.start, word.end) for word in words]
    pieces: list[list[Word]] = [[plain[0]]]
    for previous, word in itertools.pairwise(plain):
        if word.start - previous.end >= 0.25:  # pocketsphinx starts a new segment at a pause
            pieces.append([])
        pieces[-1].append(word)
    return [
        Segment(piece[0].start, piece[-1].end, " ".join(w.word for w in piece), tuple(piece))
        for piece in pieces
    ]
