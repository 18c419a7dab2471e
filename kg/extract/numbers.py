"""Numbers as news writes them: digits, decimals with scale words, number words, percentages."""
from __future__ import annotations

import re

UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
CURRENCIES = {"$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "euro": "EUR",
              "euros": "EUR", "£": "GBP", "pound": "GBP", "pounds": "GBP", "rupee": "rupees",
              "rupees": "rupees", "rs": "rupees", "yuan": "CNY", "yen": "JPY"}
PERCENT = {"percent", "per cent", "%", "pc", "percentage"}


def word_value(word: str) -> float | None:
    """The value of one number token ("1.73", "2,200", "three", "twenty-five"), or None."""
    w = word.lower().strip()
    if DIGITS.match(w):
        return float(w.replace(",", ""))
    if w in UNITS:
        return float(UNITS[w])
    if w in TENS:
        return float(TENS[w])
    if "-" in w:
        a, _, b = w.partition("-")
        if a in TENS and b in UNITS:
            return float(TENS[a] + UNITS[b])
    return None


def phrase_value(words: list[str]) -> float | None:
    """The value of a run of number tokens: "1.73 million", "three million", "two hundred thousand"."""
    total, current, seen = 0.0, None, False
    for w in words:
        lw = w.lower()
        if lw in ("and", "a"):
            continue
        v = word_value(lw)
        if v is not None:
            current = (current or 0.0) + v if current is not None and v < 100 and current >= 20 else v
            seen = True
        elif lw in SCALES and seen:
            current = (current if current is not None else 1.0) * SCALES[lw]
            if SCALES[lw] >= 1000:
                total += current
                current = None
        else:
            return None
    if not seen:
        return None
    return total + (current or 0.0)


def clean_number(value: float) -> str:
    """A decimal literal without float noise: 1730000.0 -> "1730000", 1.5 -> "1.5"."""
    s = f"{value:.6f}".rstrip("0").rstrip(".")
    return s or "0"
