"""Facts inside a claim, each with its own span: numbers, dates, durations, names, speakers.

Dates and quantities are read here; names and speakers in `names`; what a fact is in
`kinds` (re-exported: callers import facts from this module)."""

from __future__ import annotations

import re
from datetime import date

from ..text import numbers
from ..text.numbers import NUMBER_WORDS, SCALES, WORDS_PATTERN, figure_value, scale_of, words_value
from .kinds import MONTHS, WORDS, Fact, FactDict, FactKind, Taken
from .lists import share_units
from .names import ACRONYM, find_attribution, find_entities, headline_cased
from .shares import and_a_half, find_dozens, find_shares, part_of_scale, vague_scale

_fmt = numbers.format_value  # one formatter for a figure's value, as normal forms write it

__all__ = ["ACRONYM", "MONTHS", "WORDS", "Fact", "FactDict", "FactKind", "Taken",
           "extract_facts", "find_dates", "find_quantities", "find_entities",
           "find_attribution", "headline_cased"]

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
# ...and "may" where a preposition of time, or a word of wire copy that dates what follows,
# puts a day after it ("maturing on may 12", "due may 31", "payable commencing may 18"),
# or a day and a year follow it ("may 31, 1990"), or it closes a range from another month's
# day ("april 1-may 5": the other month is already capitalised when this runs).
_LOWER_MAY = re.compile(
    r"\b(?:(?:on|by|until|till|from|since|before|after|through|due|commencing|beginning"
    r"|starting|ending|effective|dated|expiring|maturing|payable) may"
    r"(?=\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:times|percent|pct|%)))"
    r"|may(?=\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b)"
    rf"|(?:{'|'.join(sorted({m.capitalize() for m in MONTHS} - {'May'}, key=len, reverse=True))})"
    r"\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"\s*(?:-|\u2013|to|through)\s*may(?=\s+\d{1,2}\b))")
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_TO_DAY = r"\s*(?:-|\u2013|/|(?i:to|and|or))\s*"  # "4 or 5 April": either day, a range
_DATE_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("mdy", re.compile(
        rf"\b({_MONTH})\.?\s+{_DAY}(?:\s*(?:-|\u2013|(?i:to|and|or))\s*(?:({_MONTH})\.?\s+)?{_DAY})?"
        r"(?:,?\s+(\d{4}))?\b")),
    # Day-first ranges, the British form: "12-13 March", "6 to 9 January", "8/9 January".
    ("dmy-range", re.compile(
        rf"\b{_DAY}{_DAY_TO_DAY}{_DAY}\s+({_MONTH_AFTER_DAY})\.?(?:,?\s+(\d{{4}}))?\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+({_MONTH_AFTER_DAY})\.?(?:,?\s+(\d{{4}}))?\b")),
    ("my", re.compile(rf"\b({_MONTH})\.?,?\s+(\d{{4}})\b")),
    # A split year, fiscal or seasonal: "1985/86", "2003-04", "1999/2000" (not '86' apart).
    ("years", re.compile(r"(?<![\w$£€.,/])((?:19|20)\d{2})[/\-\u2013]((?:19|20)\d{2}|\d{2})"
                         r"(?![\w%/]|,\d|\.\d)")),
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
# A scale word right after a figure is its scale, never the start of number words
# ("3.255 billion one year earlier" has the duration "one year", not "billion one year").
_AFTER_FIGURE = r"(?!(?<=\d\s)(?i:hundred|thousand|million|billion|trillion)\b)"
_NUM_TOKEN = (rf"({numbers.FRACTION_PATTERN}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
              rf"|{_AFTER_FIGURE}{WORDS_PATTERN})")
# "versus 309,000 week ago": wire copy leaves out the "a"; the figure is no count of weeks.
_WIRE_AGO = re.compile(r"\s+ago\b", re.IGNORECASE)
_AND_HALF = r"[\s-]+and[\s-]+a[\s-]+half"  # 'two and a half years', 'two-and-a-half-year'
_DURATION = re.compile(rf"(?<![\d.,]){_NUM_TOKEN}(?P<half>{_AND_HALF})?(?:-|\s+)(?:{_UNIT})"
                       r"(?:-long|-old)?\b", re.IGNORECASE)
# Scale, percent and currency words in any case ("1.1 Million", "$34.1M", "5 Percent": a
# headline in title case); a one-letter scale only glued to its figure, so the "M" of
# "35 M&S goods" is not a million.
_PERCENT = r"%|(?i:percent|per cent|pct)\b"
# A sum as an adjective is singular ("a 1.5bn euro charge", "a 50 mln dlr loan"); not
# "pound", which also weighs ("a 10-pound baby").
_CURRENCY = r"(?i:dlrs?|dollars?|pounds|euros?|yen|stg)"
_NUMBER = re.compile(
    rf"(?<![\w.,])(?P<cur>[$£€]\s?)?(?P<num>{numbers.FRACTION_PATTERN}"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<mult>(?i:bn|mln|bln|billion|million|thousand|trillion))\b|(?P<mult1>[kmbKMB])\b)?"
    rf"(?:\s?(?P<pct>{_PERCENT}))?"
    rf"(?:\s(?P<cur2>{_CURRENCY})\b)?",
)
_NUMBER_WORDS = re.compile(_AFTER_FIGURE + WORDS_PATTERN, re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_WORD_GAP = re.compile(r"[\s-]+")
_LETTERS = re.compile(r"[a-z]+")
_WORD_CURRENCY = re.compile(rf"\s({_CURRENCY})\b")  # as after a figure in digits
_WORD_SCALE = re.compile(r"\s?(mln|bln|bn|k)\b", re.IGNORECASE)  # "Four Mln": a headline
_WORD_PREFIXES = {"mid", "pre", "non", "top", "sub", "ex", "up", "co", "bi", "re", "de"}
_AND = re.compile(r"\s+and\b", re.IGNORECASE)
_OF_A_SCALE = re.compile(r"\s+of\s+an?\s+(?:hundred|thousand|million|billion|trillion)\b",
                         re.IGNORECASE)
_SCALE_WORD = re.compile(r"\s+(hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
_WORD_PERCENT = re.compile(rf"\s?(?:{_PERCENT})")



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
    # ("april 9, 1992", "feb 26"), and "may" only after a preposition of time and before
    # a day ("on may 12"; "12 may be" is the verb). Same offsets, so spans hold.
    read = text if _UPPER.search(text) else _LOWER_MAY.sub(
        lambda m: m.group()[:-3] + "May", _LOWER_MONTH.sub(
            lambda m: m.group().capitalize(), text))
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
    if form == "years":
        return _split_year(m)
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


def _split_year(m: re.Match) -> Fact | None:
    """'1985/86' as the years 1985 to 1986; None unless the second follows within 20."""
    first, second = int(m.group(1)), int(m.group(2))
    if second < 100:
        second += first - first % 100 + (100 if second <= first % 100 else 0)
    if not 0 < second - first <= 20:
        return None
    return Fact("daterange", m.start(), m.end(), m.group(), f"{first}/{second}",
                extra={"precision": "year"})


def _number_value(m: re.Match) -> tuple[str, float, str | None]:
    value = figure_value(m.group("num"))
    if m.group("mult") or m.group("mult1"):
        value *= scale_of(m.group("mult") or m.group("mult1"))
    if m.group("pct"):
        return "percent", value, "%"
    if m.group("cur") or m.group("cur2"):
        return "money", value, (m.group("cur") or m.group("cur2")).strip()
    return "number", value, None


def find_quantities(text: str, taken: Taken) -> list[Fact]:
    """Shares in words first ('one in five'), then durations ('two-day'), then numbers in
    digits and in words."""
    facts: list[Fact] = []
    low = text.casefold()
    digits, words = bool(_DIGIT.search(text)), _has_number_words(low)
    # Shares first: 'one in five' is no 1 and 5, 'three quarters of' no duration.
    facts += find_shares(text, low, taken, counts=digits or words)
    facts += find_dozens(text, low, taken)
    if not digits and not words:
        return facts  # 'a third of', 'half the' need no figure
    units = any(unit in low for unit in _UNITS)  # the pattern is slow to find no unit
    for m in _DURATION.finditer(text) if units else ():
        if taken.overlaps(m.start(), m.end()) or _OF_A_SCALE.match(text, m.end()):
            continue  # 'three quarters of a million' is 750,000
        raw = m.group(1)
        amount = (figure_value(raw) if not raw[0].isalpha()
                  else words_value(_WORD_GAP.split(raw)))
        if amount is not None and m.group("half"):
            amount += 0.5
        unit = m.group(m.lastindex).lower()
        if amount is not None and not (amount != 1 and _WIRE_AGO.match(text, m.end())
                                       and not m.group().lower().endswith("s")):
            facts.append(Fact("duration", m.start(), m.end(), m.group(), _fmt(amount), unit))
            taken.append((m.start(), m.end()))
    for m in _NUMBER.finditer(text) if digits else ():
        if taken.overlaps(m.start(), m.end()) or _in_code(text, m.start()):
            continue
        kind, value, unit = _number_value(m)
        facts.append(Fact(kind, m.start(), m.end(), m.group().strip(), _fmt(value), unit))
        taken.append((m.start(), m.end()))
    if words:
        facts += _word_numbers(text, taken)
    share_units(text, facts)
    return facts


def _word_numbers(text: str, taken: Taken) -> list[Fact]:
    """Figures in words, each with any scale, currency or percent word after it."""
    facts, pos = [], 0
    while m := _NUMBER_WORDS.search(text, pos):
        pos = m.end()
        if taken.overlaps(m.start(), m.end()):
            continue
        end, value = _longest_number(text, m.start(), m.end())
        if value is None or vague_scale(text, m.start(), text[m.start():end]):
            continue
        start, value, end, pos = _with_parts(text, m.start(), end, value, pos)
        if start < m.start():  # 'Three' of 'Three quarters of a million' is part of it
            facts = [f for f in facts if f.end <= start]
        scale = _WORD_SCALE.match(text, end)  # "seven mln dlrs" is seven million
        if scale:
            value *= scale_of(scale.group(1))
            end = scale.end()
        # In a currency or a percent, as its figure in digits would be ("ten billion dlrs",
        # "10 billion dlrs"; "ten pct", "10 pct").
        money, percent = _WORD_CURRENCY.match(text, end), _WORD_PERCENT.match(text, end)
        kind, unit = (("money", money.group(1)) if money else ("percent", "%") if percent
                      else ("number", None))
        end = money.end() if money else percent.end() if percent else end
        facts.append(Fact(kind, start, end, text[start:end], _fmt(value), unit))
        # A quantity, not a name's word: "five Percent", "Four Mln Yen", "Half a million".
        if unit or scale or (start, end) != (m.start(), m.end()):
            taken.append((start, end))
    return facts


def _with_parts(text: str, start: int, end: int, value: float, pos: int
                ) -> tuple[int, float, int, int]:
    """A figure in words with its article, half or quarter written around it ('a
    million', 'half a million', 'two and a half million'): its start, value, end, and
    where the search goes on."""
    part = part_of_scale(text, start, text[start:end])
    if part:
        start, value = part[0], value * part[1]
    half = and_a_half(text, end, text[start:end])
    if half is not None:  # 'two and a half (million)', 'a million and a half'
        end, value = half[0], value + half[1]
        scale = _SCALE_WORD.match(text, end)
        if scale:
            value, end = value * SCALES[scale.group(1).lower()], scale.end()
        return start, value, end, end
    if part:
        return start, value, end, pos
    if _AND.match(text, end):  # "eight and nine pct" is two figures, "ten Six Nations" one
        pos = end
    return start, value, end, pos


def _longest_number(text: str, start: int, end: int) -> tuple[int, float | None]:
    """The longest run of number words from `start` that is a number: 'ten' of 'the last
    ten Six Nations titles', where 'ten Six' is none."""
    gaps = [g.start() for g in _WORD_GAP.finditer(text, start, end)] + [end]
    for stop in reversed(gaps):
        words = _WORD_GAP.split(text[start:stop])
        if words[-1].lower() == "and":  # "eight and nine pct": two figures, not "eight and"
            continue
        after = _WORD_GAP.split(text[stop:end].strip(" -"), maxsplit=1)[0].lower()
        if after in SCALES:  # "three billion and five billion": not "...and five"
            continue
        value = words_value(words)
        if value is not None:
            return stop, value
    return end, None


def _in_code(text: str, start: int) -> bool:
    """Whether digits end a code or model name ('COVID-19', 'F-16', 'IL-6', 'A-769662'):
    part of a name, not a quantity that another figure could contradict. The prefix is one
    letter or has two capitals, so 'mid-2020' and 'over-50s' stay figures. A text typed
    without capitals, or capitalising every word, says nothing by its case ('ss-20',
    'Ss-20'): there a prefix of two or three letters that is no English one is a code's."""
    if start < 2 or text[start - 1] != "-":
        return False
    begin = start - 1
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    prefix = text[begin:start - 1]
    if not prefix or (begin > 0 and text[begin - 1].isalnum()):
        return False
    if len(prefix) == 1 or sum(ch.isupper() for ch in prefix) >= 2:
        return True
    return (len(prefix) <= 3 and prefix.lower() not in _WORD_PREFIXES
            and (not _UPPER.search(text) or headline_cased(text)))


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
