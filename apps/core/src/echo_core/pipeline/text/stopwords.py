"""English words that carry no topic, for keyphrases, topic segmentation and line breaking.

Transcripts are speech, so besides the usual function words the list holds the fillers and
all-purpose verbs people say in every topic ("gonna", "really", "thing"); left in, they would
tie unrelated stretches of a video together and turn up as tags.
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Short words that stay lower-case inside a title (Chicago style, as most YouTube titles use).
MINOR_TITLE_WORDS = _words(
    """
    a an the and but or nor for so yet as at by in into of off on per to up via vs with from
    """
)

# Words that lead into what follows: a subtitle line or cue should not end on one of them.
BINDING_WORDS = _words(
    """
    a an the and or but nor so yet if because as than that which who whom whose of to in on
    at by for with from into onto over under about after before between through during
    without within against among upon via per my your his her its our their this these those
    some any each every no is are was were be been am i'm you're we're they're it's there's
    that's will would can could should shall may might must do does did have has had
    """
)

# After these a verb usually follows ("we start", "you can see"): a word there says
# what is done, not what the talk is about.
VERB_LEADS = _words(
    """
    i you we they he she can could will would should must might let's don't
    """
)

FUNCTION_WORDS = BINDING_WORDS | _words(
    """
    i me mine myself you yours yourself yourselves he him himself she hers herself it itself
    we us ours ourselves they them theirs themselves what where when why how whether all
    both few more most other such only own same too very not also just then there here again
    once ever even still already always never often sometimes usually maybe perhaps up down
    out off above below near far away back around across along behind beyond being having
    doing don't doesn't didn't isn't aren't wasn't weren't won't wouldn't can't cannot
    couldn't shouldn't haven't hasn't hadn't i've you've we've they've i'll you'll he'll
    she'll we'll they'll it'll i'd you'd he'd she'd we'd they'd he's she's what's where's
    who's here's let's one two three four five six seven eight nine ten first second last
    next much many lot lots little bit less least enough quite rather while until since
    though although unless whereas however therefore yes nope yeah yep okay ok oh ah um uh
    uhm er erm hmm mm huh wow hey hi hello
    """
)

# Said in every topic; they make speech about different things look alike.
SPOKEN_FILLERS = _words(
    """
    like just really actually basically literally totally pretty kind sort stuff thing
    things something anything everything nothing someone anyone everyone somebody anybody
    gonna wanna gotta kinda sorta dunno get gets got getting gotten go goes going went gone
    come comes coming came make makes making made take takes taking took taken put puts
    putting know knows knew known think thinks thought say says said saying tell told see
    sees saw seen look looks looking looked want wants wanted need needs needed let lets use
    uses used using try tries tried trying give gives gave given keep keeps kept start
    starts started find found show shows showed right well good great nice cool awesome bad
    better best sure fine new old big small way ways time times today now day days week year
    years people guys guy folks mean means meant talk talking talked thanks thank please
    welcome video videos channel check checks checked add adds added turn turns turned
    set sets call calls called ask asks asked feel feels felt seem seems seemed help helps
    helped move moves moved stay stays stayed bring brings brought hold holds held happen
    happens happened change changes changed follow follows followed remember understand
    learn learned become becomes became appear appears include includes continue continues
    finally lastly firstly secondly anyway
    """
)

STOP_WORDS = FUNCTION_WORDS | SPOKEN_FILLERS
