"""When two written names are one name: joined or split words, '&' and 'and', initialisms,
demonyms and country names, short and full first names."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..text.normalize import normalize
from .similarity import matches

_MINOR = {"of", "the", "for", "and", "on", "de", "du", "von", "van", "der", "del", "la", "le"}
# Demonym -> country, as normalize() spells both (United States and UK are folded already).
DEMONYMS = {
    "american": "united states", "british": "united kingdom", "english": "england",
    "chinese": "china", "indian": "india", "japanese": "japan", "german": "germany",
    "french": "france", "russian": "russia", "italian": "italy", "spanish": "spain",
    "canadian": "canada", "australian": "australia", "mexican": "mexico",
    "brazilian": "brazil", "irish": "ireland", "scottish": "scotland", "welsh": "wales",
    "dutch": "netherlands", "swiss": "switzerland", "swedish": "sweden",
    "norwegian": "norway", "danish": "denmark", "finnish": "finland", "polish": "poland",
    "greek": "greece", "turkish": "turkey", "israeli": "israel", "iranian": "iran",
    "iraqi": "iraq", "afghan": "afghanistan", "pakistani": "pakistan", "korean": "korea",
    "european": "europe", "african": "africa", "egyptian": "egypt", "saudi": "saudi arabia",
    "ukrainian": "ukraine", "portuguese": "portugal", "belgian": "belgium",
    "austrian": "austria", "nigerian": "nigeria", "kenyan": "kenya", "argentine": "argentina",
    "argentinian": "argentina", "chilean": "chile", "colombian": "colombia",
    "venezuelan": "venezuela", "cuban": "cuba", "thai": "thailand", "vietnamese": "vietnam",
    "indonesian": "indonesia", "filipino": "philippines", "malaysian": "malaysia",
    "singaporean": "singapore", "taiwanese": "taiwan", "syrian": "syria",
    "lebanese": "lebanon", "palestinian": "palestine", "nepalese": "nepal",
    "nepali": "nepal", "sri lankan": "sri lanka", "bangladeshi": "bangladesh",
}
# Other names of one party or country, as the news writes them: a seat of government
# for its country ("Washington imposed sanctions" is what "the US imposed" says).
ALIASES = {"tory": "conservative", "tories": "conservatives", "gop": "republican",
           "holland": "netherlands", "kremlin": "russia", "washington": "united states",
           "beijing": "china", "brussels": "european union"}
# Short forms of first names that are not prefixes of the full name.
NICKNAMES = {
    "mike": "michael", "bill": "william", "will": "william", "bob": "robert",
    "rob": "robert", "bobby": "robert", "jim": "james", "jimmy": "james", "tony": "anthony",
    "dick": "richard", "rick": "richard", "ted": "edward", "ned": "edward", "peggy": "margaret",
    "maggie": "margaret", "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth",
    "kate": "katherine", "kathy": "katherine", "jack": "john", "johnny": "john",
    "chuck": "charles", "charlie": "charles", "hank": "henry", "harry": "henry",
    "larry": "lawrence", "steve": "stephen", "sue": "susan", "peg": "margaret",
}


@lru_cache(maxsize=65536)
def canonical(name: str) -> str:
    """A name's comparable form: normalised, '&' as 'and', a leading 'the' dropped."""
    text = normalize(name.replace("&", " and "))
    text = re.sub(r"^the ", "", text)
    return ALIASES.get(text) or DEMONYMS.get(text, text)


def _initials(words: tuple[str, ...] | list[str]) -> str:
    return "".join(w[0] for w in words if w not in _MINOR)


def _abbreviates(acronym: str, initials: str) -> bool:
    """'INCB' for 'International Narcotics Control Board (Global Database)': the initials of
    the name, or of a run of its words from the start, for three letters or more."""
    return acronym == initials or (len(acronym) >= 3 and initials.startswith(acronym))


def _first_names_agree(a: str, b: str) -> bool:
    a, b = NICKNAMES.get(a, a), NICKNAMES.get(b, b)
    return a == b or (len(min(a, b, key=len)) >= 2 and
                      (a.startswith(b) or b.startswith(a)))


class _Forms(NamedTuple):
    """The forms of one written name that `same_name` compares."""

    canonical: str
    unspaced: str
    joined: str  # as written, joined ('BankAmerica')
    words: tuple[str, ...]
    bare: tuple[str, ...]


@lru_cache(maxsize=65536)
def _forms(name: str) -> _Forms:
    """A name's forms, read once: a check compares each with many (~60 pairs a check)."""
    x = canonical(name)
    words = tuple(x.split())
    return _Forms(x, x.replace(" ", ""), _joined(name), words, tuple(_bare(words)))


def same_name(a: str, b: str) -> bool:
    """Whether two written names name one actor."""
    fa, fb = _forms(a), _forms(b)
    if not fa.canonical or not fb.canonical:
        return False
    if (fa.canonical == fb.canonical or fa.unspaced == fb.unspaced
            or fa.joined == fb.joined or (fa.bare and fa.bare == fb.bare)):
        return True
    xs, ys = fa.words, fb.words
    if _initialism_of(xs, ys):
        return True
    if len(xs) == len(ys) >= 2 and all(map(_shortened, xs, ys)) and any(
            min(len(x), len(y)) >= 2 for x, y in zip(xs, ys, strict=True)):
        # "Man Utd" and "Manchester United", "Intl Paper" and "International Paper", and
        # an initial beside them ("Man U"), but not initials alone ("J K" for "John Key").
        return True
    if len(xs) >= 2 and len(ys) >= 2 and xs[-1] == ys[-1]:
        # "BBC One" and "British Broadcasting Corporation One": the rest abbreviated.
        return _first_names_agree(xs[0], ys[0]) or _initialism_of(xs[:-1], ys[:-1])
    # "GSK" and "GlaxoSmithKline": an initialism of a name written as one word.
    return _initialism_of(_camel_words(a) or xs, _camel_words(b) or ys)


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def _camel_words(name: str) -> tuple[str, ...]:
    """The words of a name written as one in three or more capitalised parts."""
    parts = _CAMEL.split(name.strip())
    return tuple(p.lower() for p in parts) if len(parts) >= 3 and " " not in name else ()


def begins_initialism(a: str, b: str) -> bool:
    """Whether one name's initials begin the other, an initialism that may spell it out
    in full or another ('Royal Bank' and 'RBS', Royal Bank of Scotland, or of Canada):
    unsure, so no swap."""
    for short, long in ((a, b), (b, a)):
        words = _forms(short).bare
        if (long.isupper() and len(long) >= 3 and len(words) >= 2
                and long.lower().startswith(_initials(words)) and len(words) < len(long)):
            return True
    return False


def _shortened(a: str, b: str) -> bool:
    """Whether one word is the other, or its abbreviation: the first letter the same and
    the rest in order ('utd' in 'united', 'man' in 'manchester', 'u' an initial)."""
    short, long = sorted((a, b), key=len)
    if short == long:
        return True
    if short[0] != long[0] or not short.isalpha():
        return False
    rest = iter(long[1:])
    return all(letter in rest for letter in short[1:])


def _joined(name: str) -> str:
    """A name as written, joined: 'Bank America' and 'BankAmerica' (the normal form reads
    the one's 'America' as the United States, and not the other's)."""
    return re.sub(r"\W", "", name.lower())


def _initialism_of(xs: tuple[str, ...], ys: tuple[str, ...]) -> bool:
    """Whether one side is one word that abbreviates the other's words."""
    for short, long in ((xs, ys), (ys, xs)):
        if len(short) == 1 and len(long) >= 2 and _abbreviates(short[0], _initials(long)):
            return True
    return False


def _bare(words: tuple[str, ...]) -> list[str]:
    """A name's words without 'of' or 'the', a demonym as its country ('one of the Irish'
    and 'one of Ireland')."""
    return [DEMONYMS.get(w, w) for w in words if w not in _MINOR]


# Words that begin many names of different things: sharing one says nothing ("United
# States" and "United Kingdom", "New York" and "New Zealand" are two places).
_GENERIC = {"united", "new", "north", "south", "east", "west", "northern", "southern",
            "eastern", "western", "great", "national", "international", "general", "central",
            "royal", "saint", "san", "santa", "los", "las", "first"}


def share_word(a: str, b: str) -> bool:
    """Whether two names have a telling word in common: three letters or more, not 'the'
    or 'United' ('F-35' and 'F-16' share only a code's letter)."""
    common = set(canonical(a).split()) & set(canonical(b).split()) - _MINOR - _GENERIC
    return any(len(w) >= 3 and w.isalpha() for w in common)


_VOWELS = re.compile(r"[aeiouyhw]")
_DOUBLED = re.compile(r"(\w)\1+")


def _skeleton(name: str) -> str:
    """A name's consonants after its first letter, doubles as one: 'kv' for Kyiv and Kiev,
    'mhmd'... for Muhammad and Mohammed."""
    return " ".join(w[0] + _DOUBLED.sub(r"\1", _VOWELS.sub("", w[1:]))
                    for w in canonical(name).split())


def sound_alike(a: str, b: str) -> bool:
    """Whether two names may be one transliterated two ways ('Kyiv' and 'Kiev', 'Al-Qaeda'
    and 'Al-Qaida'): as long, of four letters or more, with the same first letters and
    consonants ('Sony' and 'Sanyo', 'Mali' and 'Malawi' are not). Unsure, so no swap."""
    return (len(a) == len(b) >= 4 and a.lower() != b.lower()
            and _skeleton(a) == _skeleton(b))


_AMPERSAND = re.compile(r"[A-Za-z]{1,2}&[A-Za-z]{1,2}")


def _spelt_by_names(name: str, text_norm: str, names: list[str]) -> bool:
    """Whether an '&' initialism ('M&S', 'AT&T') is spelt by the first letters of words in
    a row of the text, each a word of one of its names ('Marks' and 'Spencer')."""
    letters = name.lower().replace("&", "")
    known = {w for n in names for w in canonical(n).split()}
    words = [w for w in text_norm.split() if w not in _MINOR]
    return any("".join(w[0] for w in words[i:i + len(letters)]) == letters
               and all(w in known for w in words[i:i + len(letters)])
               for i in range(len(words) - len(letters) + 1))


def mentions(name: str, text_norm: str, names: list[str]) -> bool:
    """Whether a text (normalised) or its list of names mentions `name` in any form."""
    if any(same_name(name, other) for other in names):
        return True
    if _AMPERSAND.fullmatch(name) and _spelt_by_names(name, text_norm, names):
        return True
    x = canonical(name)
    words = [w for w in x.split() if w not in _MINOR]
    # Every word of the name in the text, a misspelling allowed ("Chna" for China).
    if words and all(hit > 0 for hit in matches(words, text_norm.split())):
        return True
    padded = f" {text_norm} "
    if x and (f" {x} " in padded or x.replace(" ", "") in text_norm.replace(" ", "")):
        return True
    words = x.split()
    # A surname alone refers to the person named in full ("Blinken" for Antony Blinken),
    # and a short form to the organisation ("Jet" for Jet Airways) when the text names it.
    if len(words) >= 2 and f" {words[-1]} " in padded and len(words[-1]) > 3:
        return True
    shorts = {canonical(n) for n in names}
    return len(words) >= 2 and words[0] in shorts and len(words[0]) >= 3
