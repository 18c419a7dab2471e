"""Dates written in news prose, resolved to calendar days against the article's date."""
from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
MONTH_DAY = re.compile(_MONTH + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s*(?P<year>\d{4}))?", re.I)
DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s*(?P<year>\d{4}))?", re.I)
ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
WEEKDAY = re.compile(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}


def resolve(text: str, anchor: date | None) -> date | None:
    """The calendar day a date expression names, or None when it names no single day."""
    t = text.strip()
    m = ISO.search(t)
    if m:
        return _safe(int(m["year"]), int(m["month"]), int(m["day"]))
    m = MONTH_DAY.search(t) or DAY_MONTH.search(t)
    if m:
        month, day = MONTHS[m["month"].lower().rstrip(".")[:4] if m["month"].lower().startswith("sept")
                            else m["month"].lower().rstrip(".")[:3]], int(m["day"])
        if m["year"]:
            return _safe(int(m["year"]), month, day)
        return _nearest_year(month, day, anchor) if anchor else None
    low = t.lower()
    for word, delta in RELATIVE.items():
        if re.search(rf"\b{word}\b", low) and anchor:
            return anchor + timedelta(days=delta)
    m = WEEKDAY.search(t)
    if m and anchor:
        return _recent_weekday(WEEKDAYS[m["wd"].lower()], anchor, future="next" in low or "coming" in low)
    return None


MONTH_YEAR = re.compile(_MONTH + r",?\s+(?P<year>\d{4})\b", re.I)


def resolve_month(text: str) -> date | None:
    """The first day of a month written with its year ("from April 2025"), for measures that start then."""
    m = MONTH_YEAR.search(text.strip())
    if not m:
        return None
    key = m["month"].lower().rstrip(".")
    return _safe(int(m["year"]), MONTHS[key[:4] if key.startswith("sept") else key[:3]], 1)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, anchor: date) -> date | None:
    """A day written without its year is the one nearest the article date ("November 1" in late October)."""
    options = [d for d in (_safe(anchor.year + k, month, day) for k in (-1, 0, 1)) if d]
    return min(options, key=lambda d: abs((d - anchor).days)) if options else None


def _recent_weekday(weekday: int, anchor: date, future: bool = False) -> date:
    """News says "on Tuesday" for the latest Tuesday up to the article date, unless it says "next"."""
    if future:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def latest_full_date(text: str) -> date | None:
    """The latest date written with its year: an anchor for an article that carries no date of its own."""
    found = []
    for rx in (ISO, MONTH_DAY, DAY_MONTH):
        for m in rx.finditer(text):
            if m["year"]:
                found.append(resolve(m.group(0), None))
    found = [d for d in found if d]
    return max(found) if found else None
