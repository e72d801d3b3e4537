"""Typed values that a sentence states -- quantities, dates, names, confirmation status -- with interval semantics.

Pure functions over plain strings, no I/O: each parser returns the character span it read, so a caller can
cite it, and each value says which other values it is compatible with ("24 years" fits "over 20 years").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from difflib import SequenceMatcher

from index.vocab import (MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, NAME_PARTICLES, NUMBER_IN_WORDS, SCALES, STOPWORDS,
                         WEEKDAY_NAMES, WEEKDAYS, YEAR_DIGITS, alternation, fold_accents, tokenize, word_parts,
                         word_to_number)

PERSONAL_PRONOUNS = frozenset({"his", "her", "its", "their", "he", "she", "it", "they", "him", "them"})


# --------------------------------------------------------------------------------------------- quantities

_SCALES = {**SCALES, "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}  # "m" and "k" only after a currency: "£40m"
_UNITS = {  # written unit -> (normalised unit, factor)
    "year": ("years", 1), "yr": ("years", 1), "decade": ("years", 10), "century": ("years", 100),
    "centurie": ("years", 100), "month": ("months", 1), "week": ("days", 7), "day": ("days", 1), "night": ("days", 1),
    "hour": ("hours", 1), "minute": ("minutes", 1), "second": ("seconds", 1), "percent": ("percent", 1),
    "per cent": ("percent", 1), "%": ("percent", 1),
    # measures: metric lengths in metres and metric weights in kilograms ("about six kilometres" is "about 6,000
    # metres"), other units each their own (an article converts them itself, "12,400 hectares (30,600 acres)")
    "cubic metre": ("m3", 1), "cubic meter": ("m3", 1), "square kilometre": ("km2", 1), "square kilometer": ("km2", 1),
    "square mile": ("sq mi", 1), "tonne": ("kg", 1000), "ton": ("tons", 1), "hectare": ("hectares", 1),
    "acre": ("acres", 1), "kilometre": ("m", 1000), "kilometer": ("m", 1000), "km": ("m", 1000),
    "mile": ("miles", 1), "metre": ("m", 1), "meter": ("m", 1), "litre": ("litres", 1), "liter": ("litres", 1),
    "barrel": ("barrels", 1), "kilogram": ("kg", 1), "kg": ("kg", 1), "millimetre": ("m", 0.001),
    "millimeter": ("m", 0.001), "mm": ("m", 0.001), "centimetre": ("m", 0.01), "centimeter": ("m", 0.01),
    "cm": ("m", 0.01), "foot": ("ft", 1), "feet": ("ft", 1), "ft": ("ft", 1),
    # power and energy in watts and watt-hours ("a 9 MW plant" is "9,000 kilowatts"), temperatures and speeds as
    # written (an article converts them itself, "212°C (414°F)")
    "watt": ("W", 1), "kilowatt": ("W", 1e3), "kw": ("W", 1e3), "megawatt": ("W", 1e6), "mw": ("W", 1e6),
    "gigawatt": ("W", 1e9), "gw": ("W", 1e9), "kilowatt-hour": ("Wh", 1e3), "kwh": ("Wh", 1e3),
    "megawatt-hour": ("Wh", 1e6), "mwh": ("Wh", 1e6), "gigawatt-hour": ("Wh", 1e9), "gwh": ("Wh", 1e9),
    "°c": ("°C", 1), "degrees celsiu": ("°C", 1), "degrees centigrade": ("°C", 1), "°f": ("°F", 1),
    "degrees fahrenheit": ("°F", 1), "km/h": ("km/h", 1), "kph": ("km/h", 1), "kilometres per hour": ("km/h", 1),
    "kilometers per hour": ("km/h", 1), "mph": ("mph", 1), "miles per hour": ("mph", 1), "knot": ("knots", 1),
}
TIME_UNITS = frozenset({"years", "months", "days", "hours", "minutes", "seconds"})  # the units of a duration
CLOCK_UNIT = "clock"  # the unit of a time of day, in minutes after midnight
MEASURE_UNITS = frozenset(unit for unit, _ in _UNITS.values()) - TIME_UNITS - {"percent"}
LENGTH_UNITS = frozenset({"m", "miles", "ft"})  # the measures "How high/far ...?" asks for
WEIGHT_UNITS = frozenset({"kg", "tons"})  # "How heavy ...?"
SPEED_UNITS = frozenset({"km/h", "mph", "knots"})  # "How fast ...?"
TEMPERATURE_UNITS = frozenset({"°C", "°F"})  # "How hot ...?"
_MEASURE_WORDS = (r"kilomet(?:re|er)s\s+per\s+hour|km/h|kph|miles\s+per\s+hour|mph|knots?|"  # speeds before lengths
                  r"(?:kilo|mega|giga)watt(?:-hour)?s?|watts?|[kmg]wh|[kmg]w|°[cf]|degrees\s+(?:celsius|centigrade|"
                  r"fahrenheit)|"
                  r"cubic\s+met(?:re|er)s?|square\s+(?:kilomet(?:re|er)s?|miles?)|tonnes?|tons|hectares?|acres?|"
                  r"kilomet(?:re|er)s?|km|miles?|met(?:re|er)s?|lit(?:re|er)s?|barrels?|kilograms?|kg|"
                  r"millimet(?:re|er)s?|mm|centimet(?:re|er)s?|cm|feet|foot|ft")
_CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
               "dollar": "USD", "euro": "EUR", "pound": "GBP", "crown": "crowns", "krone": "crowns",
               "kroner": "crowns", "krona": "crowns", "kronor": "crowns", "yen": "yen", "yuan": "yuan",
               "franc": "francs", "rupee": "rupees", "rouble": "roubles", "ruble": "roubles", "peso": "pesos",
               "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD", "ca$": "CAD", "cad": "CAD", "nz$": "NZD",
               "hk$": "HKD", "s$": "SGD", "r$": "BRL", "chf": "francs"}
CURRENCY_UNITS = frozenset(_CURRENCIES.values())
# Currencies named in words, with a nationality before them or not ("2.3 billion Norwegian crowns", "US dollars"):
# one unit per word (Swiss and French francs are one unit here; the figures compared come from one collection).
CURRENCY_WORDS = (r"dollars?|euros?|pounds?|crowns?|kroner|krone|krona|kronor|yen|yuan|francs?|rupees?|roubles?|"
                   r"rubles?|pesos?")
# Currencies written after a hyphen as an adjective ("a 5,000-euro reward", "a 2-million-dollar deal"); not "pound",
# which is as often a weight ("a 300-pound bear").
_HYPHENED_CURRENCIES = r"dollar|euro|crown|krone|krona|yen|yuan|franc|rupee|rouble|ruble|peso"
_HEDGES = {  # hedge -> how it turns a number x into an interval
    "over": "above", "more than": "above", "above": "above", "at least": "above", "upwards of": "above",
    "in excess of": "above", "just over": "above", "exceeding": "above",
    "under": "below", "less than": "below", "fewer than": "below", "below": "below", "up to": "below",
    "at most": "below", "no more than": "below",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "circa": "about", "~": "about",
}

_WORD_NUMBER = rf"(?:{NUMBER_IN_WORDS}|an|a)"
_QUANTITY_RE = re.compile(
    r"(?<![\w.,:/$€£-])"
    r"(?:(?P<hedge>" + "|".join(sorted(map(re.escape, _HEDGES), key=len, reverse=True)) + r")\s+)?"
    r"(?P<cur>(?:US|AU?|CA?|NZ|HK|S|R)?\$|€|£|(?:USD|EUR|GBP|AUD|CAD|CHF)\s?)?"
    r"(?:(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<word>" + _WORD_NUMBER + r"))"
    r"(?:(?:\s*|-)(?P<scale>hundred|thousand|million|billion|trillion|bn|mn)\b|(?(cur)(?P<abbr>m|k)\b))?"
    r"(?:\s*-?\s*(?P<unit>years?|yrs?|decades?|centur(?:y|ies)|months?|weeks?|days?|nights?|hours?|minutes?|seconds|"
    r"percent|per cent|%|" + _MEASURE_WORDS + r")(?![\w])(?:-(?:old|long))?)?"
    r"(?:\s+(?:[A-Z][a-z]+\s+)?(?P<curword>" + CURRENCY_WORDS + r")\b|-(?P<curadj>" + _HYPHENED_CURRENCIES + r")\b)?",
    re.IGNORECASE,
)
_RELATIVE_AFTER = re.compile(r"^\s*(?:ago|later|earlier|before|after|from now|since)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, as the interval it allows: "over 20 years" is [20, inf) years."""

    low: float
    high: float
    unit: str            # "years", "days", "months", "hours", "minutes", "percent", "USD", ... or "" (a count)
    hedge: str = ""      # "", "above", "below", "nearly", "about"
    value: float = 0.0   # the number as stated, in the normalised unit
    words: str = ""      # an amount stated in words with no figure: "thousands", "dozens"

    @property
    def is_exact(self) -> bool:
        return not self.hedge

    def compatible(self, other: "Quantity") -> bool:
        """Whether both can be true: same unit and overlapping intervals; two estimates ("about 2,800", "some
        3,400") when one's figure lies within the other's interval, not where only the edges of their intervals
        meet (they are then two estimates that differ by a fifth)."""
        if self.unit != other.unit:
            return False
        if self.hedge == other.hedge == "about" and not (self.words or other.words):
            return self.low <= other.value <= self.high or other.low <= self.value <= other.high
        return self.low <= other.high and other.low <= self.high

    @property
    def label(self) -> str:
        if self.words:
            return self.words
        words = {"above": "over", "below": "under", "nearly": "nearly", "about": "about"}
        prefix = words[self.hedge] + " " if self.hedge else ""
        return prefix + format_amount(self.value, self.unit)


def format_amount(value: float, unit: str) -> str:
    """``24, "years"`` -> "24 years"; ``10.4e9, "USD"`` -> "$10.4 billion"."""
    scale = ""
    for word, factor in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(value) >= factor:
            value, scale = value / factor, " " + word
            break
    number = f"{value:,.3f}".rstrip("0").rstrip(".")
    symbols = {"USD": "$", "EUR": "€", "GBP": "£"}
    if unit in symbols:
        return f"{symbols[unit]}{number}{scale}"
    if unit == "percent":
        return f"{number}%"
    if unit == CLOCK_UNIT:
        return f"{int(value) // 60:02d}:{int(value) % 60:02d}"
    if unit == "seconds" and value >= 60:
        hundredths = round(value * 100)  # as a race time writes them ("8:19.42"); none for whole seconds ("2:09:31")
        hours, rest = divmod(hundredths // 100, 3600)
        fraction = f".{hundredths % 100:02d}" if hundredths % 100 else ""
        clock = f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
        return clock + fraction
    if unit:
        return f"{number}{scale} {unit[:-1] if value == 1 and unit.endswith('s') else unit}"
    return f"{number}{scale}"


def _decimal_halfstep(number_text: str) -> float:
    """Half a unit of the last stated digit: "6.3" -> 0.05, "24" -> 0 (integers are exact)."""
    if "." not in number_text:
        return 0.0
    return 0.5 * 10 ** -len(number_text.split(".")[1])


def hedge_interval(x: float, hedge: str, halfstep: float) -> tuple[float, float]:
    """The interval a hedged number allows: "nearly 60" -> [54, 60], "over 20" -> [20, inf)."""
    if hedge == "above":
        return x, math.inf
    if hedge == "below":
        return 0.0, x
    if hedge == "nearly":
        return 0.9 * x, x
    if hedge == "about":
        return 0.9 * x, 1.1 * x
    return x - halfstep, x + halfstep


def is_year_number(text: str) -> bool:
    """A bare four-digit number that reads as a year (1800-2100)."""
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d|2100", text))


@dataclass(frozen=True)
class QuantityMention:
    """A quantity with its span in the sentence."""

    start: int
    end: int
    text: str
    quantity: Quantity


def parse_quantity(text: str) -> Quantity | None:
    """Read one quantity phrase: "24-year" -> 24 years; "over 20-year" -> [20, inf) years."""
    found = find_quantities(text)
    return found[0].quantity if found else None


def find_quantities(text: str) -> list[QuantityMention]:
    """Every number a sentence states with its unit and hedge, skipping years, names ("Splatoon 2") and ordinals,
    and every amount it states in words alone ("thousands of people", ``_VAGUE``)."""
    found: list[QuantityMention] = []
    for m in _QUANTITY_RE.finditer(text):
        q = _quantity_from_match(m, text)
        if q is not None:
            start = m.start("hedge") if m.group("hedge") else m.start()
            found.append(QuantityMention(start, m.end(), text[start:m.end()].strip(), q))
    found = _below_zero(_joined_durations(found, text), text)
    for m in _ELAPSED.finditer(text):
        seconds = sum(float(m.group(g) or 0) * f for g, f in (("h", 3600), ("m", 60), ("s", 1), ("hh", 3600),
                                                               ("mm", 60), ("ss", 1), ("m3", 60), ("s3", 1)))
        found = _read_over(found, m, seconds, "seconds")
    for m in _CLOCK.finditer(text):
        hour, minute = int(m.group("hour") or m.group("h2")), int(m.group("minute") or m.group("m2") or 0)
        half = (m.group("half") or m.group("half2") or "").lower()
        if half and not 1 <= hour <= 12:
            continue
        minutes = (hour % 12 + (12 if half == "p" else 0) if half else hour) * 60 + minute
        found = _read_over(found, m, minutes, CLOCK_UNIT)
    for m in _VAGUE.finditer(text):
        times = _VAGUE_TIMES[m.group("times").split()[0].lower()] if m.group("times") else 1
        low, high = (bound * times for bound in _VAGUE_RANGE[m.group("scale").lower()])
        words = re.sub(r"\s+", " ", m.group().lower())
        found.append(QuantityMention(m.start(), m.end(), m.group(),
                                     Quantity(low=low, high=high, unit="", hedge="about", value=low, words=words)))
    return sorted(found, key=lambda q: q.start)


_MINUS = re.compile(r"(?:\bminus\s+|[-−])$", re.IGNORECASE)
_FLIPPED = {"above": "below", "below": "above"}


def _below_zero(found: list[QuantityMention], text: str) -> list[QuantityMention]:
    """``found`` with each temperature written after "minus" or a minus sign read below zero: "minus six degrees
    Celsius" is -6 °C, not 6 °C (what it is "over" or "under" turns round with it)."""
    out = []
    for mention in found:
        q = mention.quantity
        sign = _MINUS.search(text, max(0, mention.start - 8), mention.start) if q.unit in TEMPERATURE_UNITS else None
        if sign is not None:
            q = replace(q, low=-q.high, high=-q.low, value=-q.value, hedge=_FLIPPED.get(q.hedge, q.hedge))
            mention = QuantityMention(sign.start(), mention.end, text[sign.start():mention.end], q)
        out.append(mention)
    return out


# A duration written in two units, the larger first, and how many of the smaller make one of the larger.
_UNIT_STEPS = {("years", "months"): 12, ("days", "hours"): 24, ("hours", "minutes"): 60, ("minutes", "seconds"): 60}
_DURATION_GLUE = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and\s+)?")


def _joined_durations(found: list[QuantityMention], text: str) -> list[QuantityMention]:
    """``found`` with each duration written in two units ("41 days and 19 hours", "2 years, 3 months", "5 hours 12
    minutes") read as one, in the smaller unit and with the first part's hedge: a crossing of "41 days and 19 hours"
    is not one of 41 days, and two outlets giving 7 and 19 hours over the days disagree."""
    out: list[QuantityMention] = []
    for mention in found:
        last = out[-1] if out else None
        step = _UNIT_STEPS.get((last.quantity.unit, mention.quantity.unit)) if last else None
        if step and not mention.quantity.hedge and not last.quantity.words \
                and _DURATION_GLUE.fullmatch(text[last.end:mention.start]):
            value = last.quantity.value * step + mention.quantity.value
            low, high = hedge_interval(value, last.quantity.hedge, 0.0)
            out[-1] = QuantityMention(last.start, mention.end, text[last.start:mention.end],
                                      Quantity(low=low, high=high, unit=mention.quantity.unit,
                                               hedge=last.quantity.hedge, value=value))
        else:
            out.append(mention)
    return out


def _read_over(found: list[QuantityMention], m: re.Match, value: float, unit: str) -> list[QuantityMention]:
    """``found`` without the quantities a match covers, then the match as one exact quantity: a race time or a time
    of day read over the numbers the general pattern read in it ("2", "09", "31")."""
    return [q for q in found if q.end <= m.start() or q.start >= m.end()] + [
        QuantityMention(m.start(), m.end(), m.group(), Quantity(low=value, high=value, unit=unit, value=value))]


def time_of_day(text: str) -> Quantity | None:
    """The first time of day ``text`` states ("7:40 a.m."), as minutes after midnight; None if it states none."""
    return next((q.quantity for q in find_quantities(text) if q.quantity.unit == CLOCK_UNIT), None)


# A time elapsed, to the second or its hundredth: "2:09:31", "8:19.42", "2 hours 9 minutes 31 seconds", "2 hours, 9
# minutes and 31 seconds" (a race time); a time of day has no seconds, and hours and minutes alone stay two durations.
_ELAPSED = re.compile(r"(?<![\w:.])(?:(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?![\d:])|"
                      r"(?P<m3>\d{1,2}):(?P<s3>[0-5]\d\.\d{1,2})(?![\d:])|"  # "8:19.42": minutes, seconds, hundredths
                      r"(?P<hh>\d{1,2})\s*(?:hours?|hrs?),?\s+(?P<mm>\d{1,2})\s*(?:minutes?|mins?),?\s+(?:and\s+)?"
                      r"(?P<ss>\d{1,2})\s*(?:seconds?|secs?)\b)", re.I)


# A time of day: "07:40", "7:40 a.m.", "3.17am", "3 p.m."; not "64:20" (a race split), "8:19.42" (a race time) nor a
# bare "7.40" (a number).
_CLOCK = re.compile(r"(?<![\w:.])(?:(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))(?:\s*(?P<half>[ap])\.?m\b\.?)?|"
                    r"(?P<h2>\d{1,2})(?:\.(?P<m2>[0-5]\d))?\s*(?P<half2>[ap])\.?m\b\.?)(?![\d:]|\.\d)", re.I)


# "Hundreds", "tens of thousands": at least two of the unit the word counts in, up to the next power of ten ("dozens":
# at least two dozen, up to a hundred); "tens of" and "hundreds of" multiply both. Definitions of the words, not
# fitted numbers.
_VAGUE_RANGE = {"dozens": (24.0, 100.0), "hundreds": (200.0, 1e3), "thousands": (2e3, 1e4), "millions": (2e6, 1e7),
                "billions": (2e9, 1e10)}
_VAGUE_TIMES = {"tens": 10, "hundreds": 100}
_VAGUE = re.compile(r"(?<![\w-])(?P<times>(?:tens|hundreds)\s+of\s+)?(?P<scale>dozens|hundreds|thousands|millions|"
                    r"billions)\b(?!\s+of\s+(?:dollars|euros|pounds)\b)", re.I)


def _quantity_from_match(m: re.Match, text: str) -> Quantity | None:
    num, word, unit, scale = m.group("num"), m.group("word"), m.group("unit"), m.group("scale") or m.group("abbr")
    currency = m.group("cur") or m.group("curword") or m.group("curadj")
    if word is not None:
        if not (unit or scale):
            return None  # "one of the", "a source": number words count only with a unit
        value = word_to_number(word)
        halfstep = 0.0
    else:
        if num is None:
            return None
        if not (unit or scale or currency) and _is_not_a_quantity(num, m, text):
            return None
        value = float(num.replace(",", ""))
        halfstep = _decimal_halfstep(num.replace(",", ""))
    if value is None or _RELATIVE_AFTER.match(text[m.end():]):
        return None
    factor = _SCALES.get((scale or "").lower(), 1.0)
    unit_name, unit_factor = _UNITS.get(_unit_key(unit), ("", 1)) if unit else ("", 1)
    if currency:
        unit_name = _CURRENCIES.get(currency.strip().lower().rstrip("s"), "USD")
    value = value * factor * unit_factor
    hedge = _HEDGES.get((m.group("hedge") or "").lower(), "")
    low, high = hedge_interval(value, hedge, halfstep * factor * unit_factor)
    return Quantity(low=low, high=high, unit=unit_name, hedge=hedge, value=value)


def unit_named(word: str) -> str | None:
    """The unit a written unit word is counted in once normalised ("weeks" -> "days", "decades" -> "years", as
    ``Quantity.unit`` holds it), or None when the word is no unit."""
    found = _UNITS.get(_unit_key(word))
    return found[0] if found else None


def _unit_key(unit: str) -> str:
    """The singular key of a written unit: "decades" -> "decade", "centuries" -> "centurie", "%" -> "%"."""
    unit = " ".join(unit.lower().split())
    return unit if unit in ("%", "per cent") else unit[:-1] if unit.endswith("s") else unit


def _is_not_a_quantity(num: str, m: re.Match, text: str) -> bool:
    """A bare number that is a year, part of a name or code, a time of day or an ordinal."""
    before, after = text[: m.start("num")], text[m.end("num"):]
    if is_year_number(num):
        return True
    if re.match(r"(?:st|nd|rd|th|[A-Za-z]|:\d|/|-\d|\.\d)", after):
        return True
    prev_word = re.search(r"([\w'’.]+)\s*$", before)
    if prev_word and prev_word.group(1)[:1].isupper() and not before.rstrip().endswith(","):
        return True  # "Splatoon 2", "Season 17", "Resolution 2254"
    if re.search(r"(?:No\.?|#)\s*$", before):
        return True
    return False


# --------------------------------------------------------------------------------------------- dates

# A full stop after an abbreviation is part of it ("Dec. 8"); after a full name it ends the sentence ("on 2 August.").
_MONTH = rf"(?P<mon>{alternation(MONTH_NAMES)}(?![a-z])|{alternation(MONTH_ABBREVIATIONS, title=True)}(?![a-z])\.?)"
_WEEKDAY = rf"(?P<wd>{alternation(WEEKDAY_NAMES)})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = rf"(?P<year>{YEAR_DIGITS})(?!\d)"  # as a year span reads it (``qa.spans``): "January 1, 1700" too
_DATE_PATTERNS = (
    re.compile(r"(?P<year>\d{4})-(?P<monnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"(?:" + _WEEKDAY + r",?\s+)?" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?"),
    re.compile(r"(?:" + _WEEKDAY + r",?\s+)?(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH
               + r"(?:,?\s+" + _YEAR + r")?"),
    re.compile(_MONTH + r",?\s+" + _YEAR),
    re.compile(r"(?P<lead>\b(?:in|In|since|Since|by|By|until|during|from|From|before|after|early|late|mid)\s+)"
               + _YEAR + r"(?!\s*[-–]|\s+[A-Z])"),
    re.compile(_WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?"),
)
_UPPER_BOUND_BEFORE = re.compile(r"\b(?:by|before|until|till|no later than|prior to)\s*$", re.IGNORECASE)
_LOWER_BOUND_BEFORE = re.compile(r"\b(?:after|since)\s*$", re.IGNORECASE)
_DATELINE_AFTER = re.compile(r"^\s*(?::|\.\.\.|…|·|;)")
# A page's own stamp ("Updated October 5", "Retrieved 12 May 2019"), not a statement in prose that something was
# published or released ("It was published in Japan on April 29, 2015"): an auxiliary before the verb makes it prose.
_STAMP_BEFORE = re.compile(r"(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )"
                           r"\b(?:updated|published|posted|modified|retrieved|archived|accessed)\b[^.;]{0,25}$",
                           re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\d\s*[–-]\s*$")
_RANGE_AFTER = re.compile(r"\s*[–-]\s*(?=\d)")


@dataclass(frozen=True)
class DateValue:
    """A calendar day, month or year, or a bound on one ("by December 1"); ``year`` may be unknown. A range of years
    ("built 1850–1851") is a year with the last year it runs ``through``."""

    year: int | None
    month: int | None
    day: int | None
    bound: str = "on"  # "on" | "by" (on or before) | "after" (on or after)
    through: int | None = None

    @property
    def is_exact(self) -> bool:
        return self.bound == "on"

    @property
    def granularity(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def interval(self, year: int | None = None) -> tuple[date, date]:
        """First and last day this value allows, with ``year`` filled in when it is not stated."""
        y = self.year or year or 2000
        if self.month is None:
            lo, hi = date(y, 1, 1), date(self.through or y, 12, 31)
        elif self.day is None:
            lo = date(y, self.month, 1)
            hi = (date(y + (self.month == 12), self.month % 12 + 1, 1) - timedelta(days=1))
        else:
            lo = hi = _safe_date(y, self.month, self.day)
        if self.bound == "by":
            lo = date.min
        elif self.bound == "after":
            hi = date.max
        return lo, hi

    def compatible(self, other: "DateValue") -> bool:
        """Whether both can be true; a missing year takes the other's (or is ignored on both)."""
        if self.year is None and other.year is None:
            shared = 2000
        else:
            shared = self.year or other.year
        a_lo, a_hi = self.interval(shared)
        b_lo, b_hi = other.interval(shared)
        return a_lo <= b_hi and b_lo <= a_hi

    @property
    def label(self) -> str:
        """ISO when the year is known ("2024-12-08", "2020-06", "2017"), else the month and day ("December 1")."""
        if self.month is None:
            core = f"{self.year}–{self.through}" if self.through else str(self.year)
        elif self.year is None:
            core = MONTH_NAMES[self.month - 1] + (f" {self.day}" if self.day else "")
        elif self.day is None:
            core = f"{self.year}-{self.month:02d}"
        else:
            core = f"{self.year}-{self.month:02d}-{self.day:02d}"
        return {"on": core, "by": f"by {core}", "after": f"after {core}"}[self.bound]


@dataclass(frozen=True)
class YearRange:
    """A range of years as written: ``text == sentence[start:end]`` ("1850–1851", "1926-27", "1790 to 1794")."""

    start: int
    end: int
    text: str
    first: int
    last: int

    @property
    def value(self) -> DateValue:
        return DateValue(self.first, None, None, through=self.last)


# A year, a dash or "to", and a later year, in full or by its last two digits ("1926-27"); not a date written with
# dashes ("2019-12-05"), nor part of a longer run of numbers.
_YEAR_RANGE = re.compile(rf"(?<![\d,.$–-])({YEAR_DIGITS})(\s*[–—-]\s*|\s+to\s+)(\d{{4}}|\d{{2}})"
                         r"(?!\d|,\d|\s*[–—-]\s*\d)")


def find_year_ranges(text: str) -> list[YearRange]:
    """Every range of years a sentence states, from an earlier year to a later one."""
    found = []
    for m in _YEAR_RANGE.finditer(text):
        first, tail = int(m.group(1)), m.group(3)
        if len(tail) == 2 and "to" in m.group(2):
            continue  # "1990 to 91": a count, as often as a range
        last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
        if first < last:
            found.append(YearRange(m.start(), m.end(), m.group(), first, last))
    return found


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, 28)


@dataclass(frozen=True)
class DateMention:
    """A date as written: absolute ("Dec. 8, 2024"), yearless ("December 8") or a bare weekday ("on Sunday")."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None     # 0 = Monday, when one is stated
    bound: str              # "on" | "by" | "after"
    dateline: bool = False  # when it was written, not what it says: "Moscow – December 9:", "Feb 7, 2021 ...",
    #                         "Updated October 5, 2021"
    range_bound: bool = False  # a bound of a range of bare days or years ("15 July" of "2–15 July"): no one date

    @property
    def states_a_date(self) -> bool:
        """Whether the mention is a date the text says something happened on: no dateline nor range bound."""
        return not (self.dateline or self.range_bound)

    @property
    def is_relative(self) -> bool:
        return self.month is None and self.year is None and self.weekday is not None


def find_dates(text: str) -> list[DateMention]:
    """Every date a sentence states, longest reading first, with "by"/"after" bounds read from the words before."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            start = m.end("lead") if "lead" in pattern.groupindex else m.start()
            if any(start < e and s < m.end() for s, e in taken):
                continue
            mention = _date_from_match(m, text, start)
            if mention is not None:
                taken.append((start, m.end()))
                found.append(mention)
    return sorted((replace(d, range_bound=True) if _range_bound(d, text, found) else d for d in found),
                  key=lambda d: d.start)


def _date_from_match(m: re.Match, text: str, start: int) -> DateMention | None:
    groups = m.groupdict()
    month = int(groups["monnum"]) if groups.get("monnum") else MONTHS.get((groups.get("mon") or "").lower().rstrip("."))
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    weekday = WEEKDAYS.get((groups.get("wd") or "").lower())
    if day is not None and not 1 <= day <= 31 or month is not None and not 1 <= month <= 12:
        return None
    if month is None and year is None and weekday is None:
        return None
    before = text[:start]
    bound = "by" if _UPPER_BOUND_BEFORE.search(before) else "after" if _LOWER_BOUND_BEFORE.search(before) else "on"
    dateline = (bool(_DATELINE_AFTER.match(text[m.end():])) and start < 60 and month is not None
                or bool(_STAMP_BEFORE.search(before)))
    return DateMention(start, m.end(), text[start:m.end()], year, month, day, weekday, bound, dateline)


def _range_bound(mention: DateMention, text: str, found: Sequence[DateMention]) -> bool:
    """Whether a date is the bound of a range of bare days or years ("2–15 July", "15 July–2"), which states no one
    date; a date on each side of the dash ("18 December 1888 – 25 December 1923") is two dates."""
    after = _RANGE_AFTER.match(text, mention.end)
    if after and not any(other.start == after.end() for other in found):
        return True
    before = _RANGE_BEFORE.search(text, 0, mention.start)
    return bool(before) and not any(other.end == before.start() + 1 for other in found)


def parse_published(published: str | None) -> tuple[int | None, int | None, int | None]:
    """``"2024-12-09"`` -> (2024, 12, 9); ``"--12-09"`` -> (None, 12, 9); anything else -> all None."""
    m = re.fullmatch(r"(\d{4}|-)-(\d\d)-(\d\d)", (published or "").strip()[:10])
    if not m:
        return None, None, None
    return (int(m.group(1)) if m.group(1) != "-" else None), int(m.group(2)), int(m.group(3))


def infer_year(weekday_dates: list[tuple[int, int, int]], latest: date, earliest_year: int = 1900) -> int | None:
    """The latest year in which every (weekday, month, day) pair holds, none of them after ``latest``; None if
    there are no pairs or no year fits. "Sunday, December 1" holds in 2019 and 2024: by 2025 the answer is 2024.
    """
    if not weekday_dates:
        return None
    for year in range(latest.year, earliest_year - 1, -1):
        if all(_weekday_of(year, month, day) == weekday and _safe_date(year, month, day) <= latest
               for weekday, month, day in weekday_dates):
            return year
    return None


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None


def most_recent_weekday(weekday: int, on_or_before: date) -> date:
    """"on Sunday" in an article of Monday 2024-12-09 -> Sunday 2024-12-08."""
    return on_or_before - timedelta(days=(on_or_before.weekday() - weekday) % 7)


def resolve_date(mention: DateMention, published: str | None, year_hint: int | None = None) -> DateValue | None:
    """Turn a written date into a calendar value, using the article's publication date for what it leaves out.

    A bare weekday ("on Sunday") is the most recent such day on or before publication; when the publication date
    has no year ("--12-09") it takes ``year_hint`` (see ``infer_year``). A yearless date takes the publication
    year when there is one (the year before, if the date would fall over six months after publication), else
    ``year_hint``, the year the collection's own weekdays and dates point to, and stays yearless without either:
    a day of this year's events is then no part of "2011". Returns None when nothing determines the day.
    """
    pub_year, pub_month, pub_day = parse_published(published)
    if mention.is_relative:
        pub_year = pub_year or year_hint
        if pub_year is None or pub_month is None or pub_day is None:
            return None
        d = most_recent_weekday(mention.weekday, _safe_date(pub_year, pub_month, pub_day))
        return DateValue(d.year, d.month, d.day, mention.bound)
    year, base = mention.year, pub_year or year_hint
    if year is None and mention.month is not None and base is not None:
        if pub_month is not None:
            year = base - 1 if mention.month - pub_month > 6 else base
        elif pub_year is None:
            year = base  # the articles' year, and nothing to say which side of a new year the date is
    return DateValue(year, mention.month, mention.day, mention.bound)


# --------------------------------------------------------------------------------------------- names

def entity_key(name: str) -> frozenset[str]:
    """The words that identify a name: "Abu Mohammed al-Jolani" -> {abu, mohammed, jolani}."""
    words = word_parts(fold_accents(name).lower().replace("’s", "").replace("'s", ""))
    return frozenset(w for w in words if w not in NAME_PARTICLES)


def _acronym(name: str) -> str:
    return re.sub(r"[^A-Za-z]", "", name).upper()


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in NAME_PARTICLES).upper()


def _similar_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.85)


def same_entity(a: str, b: str) -> bool:
    """Whether two names can denote the same thing: "Jolani" = "al-Jolani", "U.S." = "United States".

    One name's words must all appear (allowing small spelling differences) in the other's.
    """
    ka, kb = entity_key(a), entity_key(b)
    if not ka or not kb:
        return False
    small, large = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    if all(any(_similar_word(w, v) for v in large) for w in small):
        return True
    for x, y in ((a, b), (b, a)):
        if len(_acronym(x)) >= 2 and x.replace(".", "").isupper() and _acronym(x) == _initials(y):
            return True
    return False


# --------------------------------------------------------------------------------------------- status

CONFIRMED, UNCONFIRMED, DENIED, REPORTED = "confirmed", "unconfirmed", "denied", "reported"

# Confirming is also verifying, ratifying or certifying a thing (a record, a result, a treaty): the participles
# below, and the nouns for it ("ratification").
_CONFIRMED_WORDS = r"(?:confirmed|verified|ratified|certified|validated|authenticated)"
_CONFIRM_VERBS = r"(?:confirm|verify|ratify|certify|validate|authenticate)"
_CONFIRMATION = r"(?:confirmation|verification|ratification|certification|validation|authentication)"
_STATUS_PATTERNS = (
    (UNCONFIRMED, re.compile(
        rf"\bno\s+(?:official\s+|independent\s+|immediate\s+|formal\s+)?{_CONFIRMATION}\b"
        rf"|\b(?:not|n't|never|(?:yet|still)\s+to\s+be)\s+(?:been\s+|yet\s+been\s+)?(?:officially\s+|independently\s+|"
        rf"formally\s+)?{_CONFIRMED_WORDS}\b"
        r"|\b(?:(?:did|does|do|has|have|had|could|would|can|ca)\s*(?:not|n't)|cannot)\s+(?:yet\s+)?"
        rf"(?:officially\s+|independently\s+|immediately\s+|formally\s+)?{_CONFIRM_VERBS}\b"
        rf"|\b(?:declined|refused|yet|failed)\s+to\s+(?:officially\s+|publicly\s+)?{_CONFIRM_VERBS}\b"
        rf"|\b(?:pending|awaiting|await|awaits|subject\s+to)\s+(?:official\s+|formal\s+|independent\s+)?"
        rf"{_CONFIRMATION}\b"
        r"|\bunconfirmed\b|\bwithout\s+(?:official\s+|independent\s+)?confirmation\b", re.IGNORECASE)),
    (DENIED, re.compile(r"\b(?:denied|denies|deny|denying)\b(?!\s+(?:him|her|them|entry|access|asylum|bail))",
                        re.IGNORECASE)),
    # "ratified" and the rest confirm as a verb ("had been ratified"), not as an adjective ("certified scales")
    (CONFIRMED, re.compile(r"\b(?:confirmed|confirms|confirming|confirm\s+that|verified)\b"
                           r"|\b(?:been|was|were|is|are|be)\s+(?:officially\s+|formally\s+|independently\s+)?"
                           r"(?:ratified|certified|validated|authenticated)\b"
                           r"|\bofficially\s+(?:announced|acknowledged)\b", re.IGNORECASE)),
    (REPORTED, re.compile(r"\b(?:reportedly|allegedly|purportedly)\b|\bis\s+said\s+to\b|\bunverified\s+reports?\b",
                          re.IGNORECASE)),
)
_ROLE_WORDS = {"source": "source", "sources": "source", "insider": "source", "insiders": "source"}


@dataclass(frozen=True)
class Status:
    """Whether a claim is confirmed, unconfirmed, denied or only reported, and by whom."""

    status: str               # CONFIRMED | UNCONFIRMED | DENIED | REPORTED
    agent: str | None = None  # "a Kremlin source", "the Russian government"
    official: bool = False    # the sentence speaks of official confirmation

    @property
    def is_exact(self) -> bool:
        return self.status != REPORTED

    def compatible(self, other: "Status") -> bool:
        """Confirmed clashes with unconfirmed and denied; a mere report clashes with nothing."""
        clash = {frozenset({CONFIRMED, UNCONFIRMED}), frozenset({CONFIRMED, DENIED})}
        return frozenset({self.status, other.status}) not in clash

    @property
    def label(self) -> str:
        if self.status == UNCONFIRMED:
            return "no official confirmation" if self.official else "not confirmed"
        if self.status == REPORTED:
            return "reported, unconfirmed"
        return f"{self.status} by {self.agent}" if self.agent else self.status


@dataclass(frozen=True)
class StatusMention:
    """A confirmation-status cue with its span and the words around it."""

    start: int
    end: int
    text: str
    status: Status
    agent_span: tuple[int, int]  # the words naming who confirmed or denied, within the sentence


def find_statuses(text: str) -> list[StatusMention]:
    """Every confirmation cue: "no official confirmation", "X confirmed that", "has not been confirmed",
    "reportedly"."""
    taken: list[tuple[int, int]] = []
    found: list[StatusMention] = []
    for status, pattern in _STATUS_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            agent_span = _agent_span(text, m.start(), m.end())
            agent = agent_label(text[agent_span[0]:agent_span[1]]) if status in (CONFIRMED, DENIED) else None
            official = bool(re.search(r"\bofficial(?:ly)?\b", m.group() + " " + text[max(0, m.start() - 30):
                                                                                       m.start()], re.IGNORECASE))
            found.append(StatusMention(m.start(), m.end(), m.group(), Status(status, agent, official), agent_span))
    return sorted(found, key=lambda s: s.start)


def _agent_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Who confirms: the words before the cue back to a clause start, or the "by ..." phrase after a noun cue."""
    after = re.match(r"\s+of\s+[^,;]*?\bby\s+([^,;.]+)", text[end:])
    if after:
        return end + after.start(1), end + after.end(1)
    head = text[:start]
    cut = max(head.rfind(";"), head.rfind(":"), head.rfind("“"), head.rfind('"'))
    clause_start = cut + 1 if cut >= 0 else 0
    return clause_start, start


def agent_label(agent: str) -> str | None:
    """A short name for who confirmed: "Sources within the Kremlin" -> "a Kremlin source"."""
    words = [t.text for t in tokenize(agent) if t.is_word]
    for role in ("source", "insider"):
        if any(w.lower().rstrip("s") == role for w in words):
            names = [w for w in words if w[:1].isupper() and w.lower().rstrip("s") not in ("source", "insider")
                     and w.lower() not in STOPWORDS]
            return f"a {names[-1]} source" if names else "a source"
    kept = [w for w in words if w.lower() not in ("the", "a", "an")]
    return " ".join(kept[-6:]) or None


@dataclass(frozen=True)
class Name:
    """A proper name as written; two names are compatible when they can denote the same thing."""

    text: str

    @property
    def is_exact(self) -> bool:
        return True

    def compatible(self, other: "Name") -> bool:
        return same_entity(self.text, other.text)

    @property
    def label(self) -> str:
        return self.text


@dataclass(frozen=True)
class Phrase:
    """A noun phrase answer ("comedy film", "his family"); compatible when one's content words hold the other's."""

    text: str

    @property
    def is_exact(self) -> bool:
        return True

    def compatible(self, other: "Phrase | Name") -> bool:
        mine, theirs = _phrase_key(self.text), _phrase_key(other.text)
        return bool(mine and theirs) and (mine <= theirs or theirs <= mine)

    @property
    def label(self) -> str:
        return self.text


def _phrase_key(text: str) -> frozenset[str]:
    from index.vocab import content_terms

    return frozenset(content_terms(fold_accents(text)))


Value = DateValue | Quantity | Status | Name | Phrase


def value_family(value: Value) -> str:
    """Values of one family can be compared: dates with dates, quantities of one unit, statuses, names/phrases."""
    if isinstance(value, DateValue):
        return "date"
    if isinstance(value, Quantity):
        return f"quantity:{value.unit}"
    if isinstance(value, Status):
        return "status"
    return "text"


def values_compatible(a: Value, b: Value) -> bool:
    """Whether two values can both be true (same family and overlapping), as a reader would judge them."""
    if value_family(a) != value_family(b):
        return False
    if isinstance(a, (Name, Phrase)) and isinstance(b, (Name, Phrase)):
        if isinstance(a, Name) and isinstance(b, Name) and a.compatible(b):
            return True
        return Phrase(a.text).compatible(Phrase(b.text))
    return a.compatible(b)
