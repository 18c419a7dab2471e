"""Numbers as news writes them: digits with separators and scales ("1,730,000", "£40bn", "N480", "Rs 7 lakh"),
number words ("fifty-two", "a hundred and two", "two dozen"), fractions ("two-thirds") and percentages.

Cardinal number words are read by text2num; scales, currencies and fractions come from the lexicons.
"""
from __future__ import annotations

import re

from text_to_num import text2num

from .lexicon import table as table_lexicon, words

SCALES = {w: float(row[0]) for w, row in table_lexicon("number_scales").items()}
FRACTIONS = {w: float(row[0]) for w, row in table_lexicon("fractions").items()}
CURRENCY_ROWS = table_lexicon("currencies")
CURRENCIES = {surface: row[0] for surface, row in CURRENCY_ROWS.items()}
PERCENT = {"percent", "per cent", "%", "pc", "percentage", "pct"}
TIME_UNITS = words("time_units")
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
# a number glued to its currency and scale: "£40bn", "$5.2m", "N480", "C$29.8", "Rs7", "-3.5"
GLUED = re.compile(r"^(?P<cur>[A-Za-z]{0,3}[$€£¥₹₦₩₱₽]|Rs\.?|Rp|N|RM|KSh|Ksh)?(?P<sign>[-−–])?"
                   r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<scale>bn|mn|m|k|tn|trn|b)?$")
UNITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
NUMBER_WORDS = UNITS | TENS | {"hundred", "thousand", "million", "billion", "trillion"}


def word_value(word: str) -> float | None:
    """The value of one number token ("1.73", "2,200", "three", "twenty-five"), or None."""
    w = word.lower().strip()
    if w[:1] in "-−–" and DIGITS.match(w[1:]):  # "-3.5"
        return -float(w[1:].replace(",", ""))
    if DIGITS.match(w):
        return float(w.replace(",", ""))
    if w in UNITS or w in TENS or "-" in w and all(p in UNITS | TENS for p in w.split("-")):
        try:
            return float(text2num(w, "en"))
        except ValueError:
            return None
    return None


def glued_value(token: str) -> tuple[float, str | None] | None:
    """A token holding a number with its currency or scale ("£40bn", "N480", "5m"): value and currency code."""
    m = GLUED.match(token)
    if not m or not (m["cur"] or m["scale"]):
        return None
    cur = m["cur"]
    code = None
    if cur:
        code = CURRENCIES.get(cur.lower())
        if code is None or cur.isalpha() and cur.lower() not in ("rs", "rs.", "rp", "n", "rm", "ksh"):
            return None
    value = float(m["num"].replace(",", "")) * (SCALES[m["scale"].lower()] if m["scale"] else 1)
    return (-value if m["sign"] else value), code


def phrase_value(words_: list[str]) -> float | None:
    """The value of a run of number tokens: "1.73 million", "three million", "a hundred and two", "two dozen",
    "fifty-two", "Rs 7 lakh" (the currency left out)."""
    digits_part: float | None = None
    spelled: list[str] = []
    scale = 1.0
    for w in words_:
        lw = w.lower()
        if lw in ("and", "-", "a", "an") and (spelled or lw in ("a", "an")):
            if lw in ("a", "an"):
                spelled.append("one")
            continue
        if DIGITS.match(lw) or lw[:1] in "-−–" and DIGITS.match(lw[1:]):
            if digits_part is not None or spelled:
                return None
            digits_part = word_value(lw)
        elif lw in SCALES and (digits_part is not None or spelled):
            if spelled and lw in ("hundred", "thousand", "million", "billion", "trillion"):
                spelled.append(lw)
            else:
                scale *= SCALES[lw]
        elif lw in NUMBER_WORDS or "-" in lw and all(p in UNITS | TENS for p in lw.split("-")):
            if digits_part is not None or lw in SCALES and not spelled:
                return None  # "million" alone counts nothing
            spelled.append(lw)
        else:
            return None
    if digits_part is not None:
        return digits_part * scale
    if not spelled:
        return None
    try:
        return float(text2num(" ".join(spelled), "en")) * scale
    except ValueError:
        return None


def fraction_value(text: str) -> float | None:
    """"two-thirds", "a quarter", "half": the share as a number."""
    t = text.lower().replace("-", " ").split()
    if not t or t[-1] not in FRACTIONS:
        return None
    if len(t) == 1:
        return FRACTIONS[t[0]] if t[0] == "half" else None
    count = 1.0 if t[0] in ("a", "one", "an") else word_value(t[0])
    return count * FRACTIONS[t[-1]] if count is not None and len(t) == 2 else None


def clean_number(value: float) -> str:
    """A decimal literal without float noise: 1730000.0 -> "1730000", 1.5 -> "1.5"."""
    s = f"{value:.6f}".rstrip("0").rstrip(".")
    return s or "0"
