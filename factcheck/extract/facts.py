"""Facts inside a claim, each with its own span: numbers, dates, durations, names, speakers."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypedDict

from ..text.numbers import NUMBER_WORDS, WORDS_PATTERN, scale_of, words_value

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Month names only count when capitalised, so the verbs "may" and "march" stay words; a
# full name in lower case ("12-13 march", typed by a user) counts where a day number
# precedes it, except "may" ("12 may be eligible"). Read otherwise, the day became a bare
# figure and "12-13 march" differed from the "12-13 March" it copies.
_MONTH_NAMES = sorted({m.capitalize() for m in MONTHS} | {m.upper() for m in MONTHS},
                      key=len, reverse=True)
_MONTH = f"(?:{'|'.join(_MONTH_NAMES)})"
_LOWER_MONTHS = sorted(list(MONTHS)[:12], key=len, reverse=True)  # full names, not "mar"
_LOWER_MONTHS.remove("may")
_MONTH_AFTER_DAY = f"(?:{'|'.join(_MONTH_NAMES + _LOWER_MONTHS)})"
_MONTH_WORDS = frozenset(_MONTH_NAMES + _LOWER_MONTHS)
_NAMED_FORMS = ("mdy", "dmy-range", "dmy", "my")
_UPPER = re.compile(r"[A-Z]")
_LOWER_MONTH = re.compile(r"\b(?:" + "|".join(sorted(set(MONTHS) - {"may"}, key=len,
                                                      reverse=True)) + r")\b")
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_TO_DAY = r"\s*(?:-|\u2013|/|to|and|or)\s*"  # "4 or 5 April": either day, a range
_DATE_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("mdy", re.compile(
        rf"\b({_MONTH})\.?\s+{_DAY}(?:\s*(?:-|\u2013|to|and|or)\s*(?:({_MONTH})\.?\s+)?{_DAY})?"
        r"(?:,?\s+(\d{4}))?\b")),
    # Day-first ranges, the British form: "12-13 March", "6 to 9 January", "8/9 January".
    ("dmy-range", re.compile(
        rf"\b{_DAY}{_DAY_TO_DAY}{_DAY}\s+({_MONTH_AFTER_DAY})\.?(?:,?\s+(\d{{4}}))?\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+({_MONTH_AFTER_DAY})\.?(?:,?\s+(\d{{4}}))?\b")),
    ("my", re.compile(rf"\b({_MONTH})\.?,?\s+(\d{{4}})\b")),
    ("y", re.compile(r"(?<![\w$£€.,])((?:19|20)\d{2})(?![\w%]|,\d|\.\d)")),
    # Older years only after a word that introduces a year and before a clause ends, so
    # "of 1500 troops" and "denominations of 1000 and 10000" stay figures ("in 1066, ...").
    ("y", re.compile(r"\b(?:in|since|by|from|until|till|before|after|during|of|year) "
                     r"(1[0-8]\d{2})(?![\w%]|,\d|\.\d)(?=\s*(?:[,.;:)]|$)|\s+(?:when|BC|AD)\b)")),
]
_UNITS = ("second", "minute", "hour", "day", "week", "fortnight", "month", "quarter", "year",
          "decade", "centur")
_UNIT = r"(second|minute|hour|day|week|fortnight|month|quarter|year|decade|century)s?"
# A figure with its thousands ("6,000 years", not "000 years"), or number words.
_NUM_TOKEN = rf"(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{WORDS_PATTERN})"
_DURATION = re.compile(rf"(?<![\d.,]){_NUM_TOKEN}(?:-|\s+)(?:{_UNIT})(?:-long|-old)?\b",
                       re.IGNORECASE)
# Scale, percent and currency words in any case ("1.1 Million", "$34.1M", "5 Percent": a
# headline in title case); a one-letter scale only glued to its figure, so the "M" of
# "35 M&S goods" is not a million.
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<cur>[$£€]\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<mult>(?i:bn|mln|bln|billion|million|thousand|trillion))\b|(?P<mult1>[kmbKMB])\b)?"
    r"(?:\s?(?P<pct>%|(?i:percent|per cent|pct)\b))?"
    r"(?:\s(?P<cur2>(?i:dlrs|dollars|pounds|euros|yen|stg))\b)?",
)
_NUMBER_WORDS = re.compile(WORDS_PATTERN, re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_WORD_GAP = re.compile(r"[\s-]+")
_NONSPACE = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_LETTERS = re.compile(r"[a-z]+")
_WORD_CURRENCY = re.compile(r"\s(dlrs|dollars|pounds|euros|yen|stg)\b", re.IGNORECASE)
_WORD_SCALE = re.compile(r"\s?(mln|bln|bn|k)\b", re.IGNORECASE)  # "Four Mln": a headline
_CONNECTOR = r"(?:of|for|de|del|du|von|van|der|on)(?:\s+the)?"
_CAP = r"[A-Z][\w'\u2019&.-]*"
_ENTITY = re.compile(rf"\b{_CAP}(?:\s+(?:{_CONNECTOR}\s+)?{_CAP})*")
ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}(?![A-Za-z])|\b[A-Z][A-Z&]{1,7}s?\b")
# Adjectives in -al end -ial, -ical, -onal, -ral, -tal, -ual...; place names mostly do not
# (Portugal, Nepal, Senegal, Bengal, Montreal), so those stay names at a sentence's start.
_ADJECTIVE_AL = re.compile(r"[icnrtumbv]al$")
_CONTRACTION = re.compile(r"['\u2019](?:re|ll|ve|m|d|t)\b")
_FUNCTION_WORDS = set(
    "a an the it its this that these those there here he she they we i you his her their our "
    "in on at by for of to from with as and or but if when while after before during since "
    "under over about into through between among against without within although though "
    "however meanwhile also yet so then thus still even not no nor only just more most many "
    "some all each every other such both several few around approximately roughly nearly "
    "almost over up last next today yesterday tomorrow every".split()
)
_SPEECH = r"(?:said|says|told|announced|stated|reported|added|noted|warned|claimed|wrote|tweeted)"
_SPEECH_WORDS = frozenset(_SPEECH[3:-1].split("|"))
WORDS = re.compile(r"\w+")  # whole words, as a pattern's \b...\b sees them
_SPEAKER = r"((?:[A-Za-z][\w.'\u2019-]*\s+){0,6}?[A-Za-z][\w.'\u2019-]*)"
_ATTRIBUTIONS = [
    re.compile(rf"(?:^|[,;:'\"\u2019\u201d]\s*)(?:that\s+)?{_SPEAKER}\s+{_SPEECH}\b"),
    re.compile(rf"[,'\"\u2019\u201d]\s*(?:said|says|added|wrote)\s+{_SPEAKER}\s*[.,]?\s*$"),
    re.compile(rf"\baccording to\s+{_SPEAKER}(?=[,.;]|$)"),
]


FactKind = Literal["number", "percent", "money", "date", "daterange", "duration", "entity",
                   "acronym", "attribution"]


class FactDict(TypedDict):
    """A fact as stored and served: its span in document offsets."""

    kind: FactKind
    start: int
    end: int
    text: str
    value: str
    unit: str | None
    extra: dict


@dataclass
class Fact:
    """One fact found in a text, with its span relative to that text."""

    kind: FactKind
    start: int
    end: int
    text: str
    value: str
    unit: str | None = None
    extra: dict = field(default_factory=dict)

    def as_dict(self, offset: int = 0) -> FactDict:
        return {
            "kind": self.kind, "start": self.start + offset, "end": self.end + offset,
            "text": self.text, "value": self.value, "unit": self.unit, "extra": self.extra,
        }


class Taken:
    """Disjoint spans already claimed by a fact, kept sorted: an overlap test is a binary
    search, not a scan (a scan made a sentence of 16,000 figures take 19 s)."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            self.append((start, end))

    def append(self, span: tuple[int, int]) -> None:
        at = bisect_left(self.starts, span[0])
        self.starts.insert(at, span[0])
        self.ends.insert(at, span[1])

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) meets a span: of those starting before `end`, the last
        ends latest (the spans are disjoint), so it alone needs a look."""
        at = bisect_left(self.starts, end)
        return at > 0 and self.ends[at - 1] > start


def _resolve_year(month: int, day: int, reference: date | None) -> int | None:
    """The year nearest the document's date for a day given without one."""
    if reference is None:
        return None
    best = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            gap = abs((date(year, month, day) - reference).days)
        except ValueError:
            continue
        if best is None or gap < best[0]:
            best = (gap, year)
    return best[1] if best else None


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    try:
        if year is None:
            return f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
        if day is None:
            return f"{year:04d}-{month:02d}"
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _has_number_words(folded: str) -> bool:
    """Whether a number word may be in a casefolded text: a set lookup per word, where the
    number words' pattern tried some thirty alternatives at every letter."""
    return not NUMBER_WORDS.isdisjoint(_LETTERS.findall(folded))


def find_dates(text: str, reference: date | None) -> list[Fact]:
    """Dates and date ranges, ISO-normalised, the document's date supplying missing years."""
    facts: list[Fact] = []
    if not _DIGIT.search(text):  # every date pattern has a digit (most sentences do not)
        return facts
    # A text typed without capitals cannot capitalise its months: read them as if it had
    # ("april 9, 1992", "feb 26"), all but "may". Same offsets, so spans hold.
    read = text if _UPPER.search(text) else _LOWER_MONTH.sub(
        lambda m: m.group().capitalize(), text)
    # A month name is a whole word where one is matched: without one, skip those patterns.
    named = not _MONTH_WORDS.isdisjoint(WORDS.findall(read))
    taken = Taken()
    for form, pattern in _DATE_PATTERNS:
        if form in _NAMED_FORMS and not named:
            continue
        for m in pattern.finditer(read):
            if taken.overlaps(m.start(), m.end()):
                continue
            fact = _date_fact(form, m, reference)
            if fact:
                fact.text = text[fact.start:fact.end]
                facts.append(fact)
                taken.append((m.start(), m.end()))
    return facts


def _date_fact(form: str, m: re.Match, reference: date | None) -> Fact | None:
    g = m.groups()
    if form == "iso":
        value = _iso(int(g[0]), int(g[1]), int(g[2]))
        return Fact("date", m.start(), m.end(), m.group(), value) if value else None
    if form == "y":
        return Fact("date", m.start(1), m.end(1), m.group(1), g[0], extra={"precision": "year"})
    if form == "my":
        value = _iso(int(g[1]), MONTHS[g[0].lower()], None)
        return Fact("date", m.start(), m.end(), m.group(), value, extra={"precision": "month"})
    if form == "dmy":
        month, day, year = MONTHS[g[1].lower()], int(g[0]), g[2]
        end_month, end_day = None, None
    elif form == "dmy-range":
        month, day, end_day, year = MONTHS[g[2].lower()], int(g[0]), g[1], g[3]
        end_month = None
        if int(end_day) <= day:  # "8/9" is a range; "12/5 March" is not one
            return None
    else:
        month, day, end_month, end_day, year = MONTHS[g[0].lower()], int(g[1]), g[2], g[3], g[4]
    given = int(year) if year else None
    year_value = given or _resolve_year(month, day, reference)
    start_iso = _iso(year_value, month, day)
    if start_iso is None:
        return None
    extra = {} if given else {"year": "inferred" if year_value else "unknown"}
    if end_day:
        end_month_value = MONTHS[end_month.lower()] if end_month else month
        end_iso = _iso(year_value, end_month_value, int(end_day))
        if end_iso is None:
            return None
        return Fact("daterange", m.start(), m.end(), m.group(), f"{start_iso}/{end_iso}",
                    extra=extra)
    return Fact("date", m.start(), m.end(), m.group(), start_iso, extra=extra)


def _number_value(m: re.Match) -> tuple[str, float, str | None]:
    value = float(m.group("num").replace(",", ""))
    if m.group("mult") or m.group("mult1"):
        value *= scale_of(m.group("mult") or m.group("mult1"))
    if m.group("pct"):
        return "percent", value, "%"
    if m.group("cur") or m.group("cur2"):
        return "money", value, (m.group("cur") or m.group("cur2")).strip()
    return "number", value, None


def find_quantities(text: str, taken: Taken) -> list[Fact]:
    """Durations first ('two-day'), then numbers in digits and in words."""
    facts: list[Fact] = []
    low = text.casefold()
    digits, words = bool(_DIGIT.search(text)), _has_number_words(low)
    if not digits and not words:
        return facts
    units = any(unit in low for unit in _UNITS)  # the pattern is slow to find no unit
    for m in _DURATION.finditer(text) if units else ():
        if taken.overlaps(m.start(), m.end()):
            continue
        raw = m.group(1)
        amount = (float(raw.replace(",", "")) if raw[0].isdigit()
                  else words_value(_WORD_GAP.split(raw)))
        unit = m.group(m.lastindex).lower()
        if amount is not None:
            facts.append(Fact("duration", m.start(), m.end(), m.group(), _fmt(amount), unit))
            taken.append((m.start(), m.end()))
    for m in _NUMBER.finditer(text) if digits else ():
        if taken.overlaps(m.start(), m.end()) or _in_code(text, m.start()):
            continue
        kind, value, unit = _number_value(m)
        facts.append(Fact(kind, m.start(), m.end(), m.group().strip(), _fmt(value), unit))
        taken.append((m.start(), m.end()))
    for m in _NUMBER_WORDS.finditer(text) if words else ():
        if taken.overlaps(m.start(), m.end()):
            continue
        end, value = _longest_number(text, m.start(), m.end())
        if value is None:
            continue
        scale = _WORD_SCALE.match(text, end)  # "seven mln dlrs" is seven million
        if scale:
            value *= scale_of(scale.group(1))
            end = scale.end()
        # In a currency, as its figure in digits would be ("ten billion dlrs", "10 billion dlrs").
        money = _WORD_CURRENCY.match(text, end)
        kind, unit = ("money", money.group(1)) if money else ("number", None)
        end = money.end() if money else end
        facts.append(Fact(kind, m.start(), end, text[m.start():end], _fmt(value), unit))
    return facts


def _longest_number(text: str, start: int, end: int) -> tuple[int, float | None]:
    """The longest run of number words from `start` that is a number: 'ten' of 'the last
    ten Six Nations titles', where 'ten Six' is none."""
    gaps = [g.start() for g in _WORD_GAP.finditer(text, start, end)] + [end]
    for stop in reversed(gaps):
        value = words_value(_WORD_GAP.split(text[start:stop]))
        if value is not None:
            return stop, value
    return end, None


def _in_code(text: str, start: int) -> bool:
    """Whether digits end a code or model name ('COVID-19', 'F-16', 'IL-6', 'A-769662'):
    part of a name, not a quantity that another figure could contradict. The prefix is one
    letter or has two capitals, so 'mid-2020' and 'over-50s' stay figures."""
    if start < 2 or text[start - 1] != "-":
        return False
    begin = start - 1
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    prefix = text[begin:start - 1]
    if not prefix or (begin > 0 and text[begin - 1].isalnum()):
        return False
    return len(prefix) == 1 or sum(ch.isupper() for ch in prefix) >= 2


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.6g}"


_CASED_SMALL = frozenset("a an the of to and in for on at by from with is are was".split())
# A capitalised small word after a space: one search rules out nearly every sentence of
# prose (2 us, against 6 for counting the capitals of all).
_SMALL_CAPITALISED = re.compile(r"\s(?:" + "|".join(sorted(
    {w.capitalize() for w in _CASED_SMALL} | {w.upper() for w in _CASED_SMALL},
    key=len, reverse=True)) + r")\b")
_LETTER_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")


def headline_cased(text: str) -> bool:
    """Whether a text capitalises nearly every word ('Hamm Took To The Field', or all in
    capitals): its capitals then say nothing about which words are names."""
    if not _SMALL_CAPITALISED.search(text):
        return False
    words = _LETTER_WORD.findall(text)
    if len(words) < 4 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return False
    return any(w[0].isupper() and w.lower() in _CASED_SMALL for w in words[1:])


def _small_words_lowered(text: str) -> str:
    """The text with its capitalised small words in lower case (same offsets), so that a
    headline's runs of capitals break where prose would."""
    return _LETTER_WORD.sub(lambda m: m.group().lower() if m.group().lower() in _CASED_SMALL
                            else m.group(), text)


def find_entities(text: str) -> list[Fact]:
    """Capitalised names and acronyms, without the function words that start a sentence.
    In a headline-cased text each is marked: a guess, never grounds for a difference."""
    facts: list[Fact] = []
    headline = headline_cased(text)
    runs = _small_words_lowered(text) if headline else text
    for m in _ENTITY.finditer(runs):
        tokens = list(_NONSPACE.finditer(m.group()))
        while tokens and tokens[0].group().lower() in _FUNCTION_WORDS:
            tokens.pop(0)
        if not tokens:
            continue
        start = m.start() + tokens[0].start()
        name = _trim_name(text[start:m.start() + tokens[-1].end()])
        if not name or _positional_capital(text, start, name):
            continue
        kind = "acronym" if ACRONYM.fullmatch(name) else "entity"
        facts.append(Fact(kind, start, start + len(name), name, name,
                          extra={"headline": True} if headline else {}))
    return facts


def _trim_name(name: str) -> str:
    """Drop a possessive and trailing punctuation, keeping the dot of 'U.S.'."""
    name = _POSSESSIVE.sub("", name).rstrip("'\u2019-,")
    if name.endswith(".") and not _INITIALS.fullmatch(name.split()[-1]):
        name = name.rstrip(".")
    return name


def _positional_capital(text: str, start: int, name: str) -> bool:
    """A lone sentence-initial word capitalised only by position ('Immediately', 'Bilateral')."""
    at_start = not text[:start].strip() or text[:start].rstrip()[-1:] in ".!?\"'\u201c\u2018"
    if _CONTRACTION.search(name) or name.lower() in MONTHS:
        return True
    return at_start and " " not in name and not ACRONYM.fullmatch(name) and (
        name.lower().endswith(("ly", "ing", "ed")) or _ADJECTIVE_AL.search(name.lower())
        or name.lower() in _FUNCTION_WORDS)


def find_attribution(text: str) -> Fact | None:
    """Who said it: 'X said', 'said X', 'according to X'."""
    # Each pattern needs a speech verb as a word, or 'according to': most sentences have
    # neither, and the speaker's lazy run of words is slow to rule out.
    if _SPEECH_WORDS.isdisjoint(WORDS.findall(text)) and "according to" not in text:
        return None
    for pattern in _ATTRIBUTIONS:
        m = pattern.search(text)
        if not m:
            continue
        group = m.lastindex
        speaker = m.group(group).strip()
        if speaker.lower() in _FUNCTION_WORDS or speaker.lower().split()[0] in {"it", "which"}:
            continue
        start = m.start(group)
        return Fact("attribution", start, start + len(speaker), speaker, speaker)
    return None


def extract_facts(text: str, reference: date | None = None) -> list[Fact]:
    """All facts of a text, ordered by position; spans relative to the text."""
    facts = find_dates(text, reference)
    taken = Taken((f.start, f.end) for f in facts)
    facts += find_quantities(text, taken)
    facts += [e for e in find_entities(text) if not taken.overlaps(e.start, e.end)]
    speaker = find_attribution(text)
    if speaker:
        facts.append(speaker)
    return sorted(facts, key=lambda f: (f.start, f.end))
