"""The languages speech engines can transcribe, as ISO 639-1 codes ("en")."""

# The upload's choice when the language is not known: Whisper detects it.
AUTO_LANGUAGE = "auto"
# pocketsphinx's model (inside its wheel) is American English.
POCKETSPHINX_LANGUAGES = frozenset({"en"})


def _by_name(table: str) -> dict[str, str]:
    pairs = (entry.split("=") for entry in table.split(", "))
    return {name: code for code, name in pairs}


# Whisper's languages as its tokenizer lists them, looked up by name.
WHISPER_LANGUAGES = _by_name(
    "en=english, zh=chinese, de=german, es=spanish, ru=russian, ko=korean, fr=french, "
    "ja=japanese, pt=portuguese, tr=turkish, pl=polish, ca=catalan, nl=dutch, ar=arabic, "
    "sv=swedish, it=italian, id=indonesian, hi=hindi, fi=finnish, vi=vietnamese, "
    "he=hebrew, uk=ukrainian, el=greek, ms=malay, cs=czech, ro=romanian, da=danish, "
    "hu=hungarian, ta=tamil, no=norwegian, th=thai, ur=urdu, hr=croatian, bg=bulgarian, "
    "lt=lithuanian, la=latin, mi=maori, ml=malayalam, cy=welsh, sk=slovak, te=telugu, "
    "fa=persian, lv=latvian, bn=bengali, sr=serbian, az=azerbaijani, sl=slovenian, "
    "kn=kannada, et=estonian, mk=macedonian, br=breton, eu=basque, is=icelandic, "
    "hy=armenian, ne=nepali, mn=mongolian, bs=bosnian, kk=kazakh, sq=albanian, "
    "sw=swahili, gl=galician, mr=marathi, pa=punjabi, si=sinhala, km=khmer, sn=shona, "
    "yo=yoruba, so=somali, af=afrikaans, oc=occitan, ka=georgian, be=belarusian, "
    "tg=tajik, sd=sindhi, gu=gujarati, am=amharic, yi=yiddish, lo=lao, uz=uzbek, "
    "fo=faroese, ht=haitian creole, ps=pashto, tk=turkmen, nn=nynorsk, mt=maltese, "
    "sa=sanskrit, lb=luxembourgish, my=myanmar, bo=tibetan, tl=tagalog, mg=malagasy, "
    "as=assamese, tt=tatar, haw=hawaiian, ln=lingala, ha=hausa, ba=bashkir, "
    "jw=javanese, su=sundanese, yue=cantonese"
)

WHISPER_LANGUAGE_CODES = frozenset(WHISPER_LANGUAGES.values())


def language_name(code: str) -> str:
    """ "de" as "German", for messages; an unknown code as itself."""
    names = {code: name for name, code in WHISPER_LANGUAGES.items()}
    return names.get(code, code).title()
