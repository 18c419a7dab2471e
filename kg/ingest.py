"""Reading article files: decoding, markup stripping and the metadata header, before any NLP."""
from __future__ import annotations

import hashlib
import re
import stat
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError

SUFFIXES = {".txt", ".md", ".html", ".htm"}
MAX_CHARS = 1_000_000  # spaCy's default max_length: past it the parser needs far too much memory
MAX_BYTES = 8 * MAX_CHARS  # a file is refused by its size before it is read: a million characters in any encoding,
# or an HTML page around them
HEADER_KEYS = {"source", "date", "title", "url"}
# other names a header often gives the same fields
KEY_ALIASES = {"outlet": "source", "publisher": "source", "publication": "source", "published": "date",
               "headline": "title", "link": "url"}
SEED_DATE = re.compile(r"\A\s*date (\d{4}-\d{2}-\d{2})\s+")
# an English article in a legacy encoding is far likelier Windows-1252 than a look-alike code page
WESTERN = ("cp1252", "latin_1", "iso8859_15", "utf_16", "utf_16_le", "utf_16_be", "ascii")
HEADER_LINE = re.compile(r"^([A-Za-z][\w-]{0,30})\s*:\s*(.*)$")


@dataclass(frozen=True)
class Article:
    """One article ready for the pipeline: the body every span offset refers to, and its metadata."""

    identifier: str
    body: str
    path: str = ""
    title: str | None = None
    source: str | None = None
    date: date | None = None
    url: str | None = None
    sha256: str = ""
    notes: tuple[str, ...] = field(default=())
    metadata: tuple[tuple[str, str], ...] = ()  # header keys newskg has no field for, e.g. ("author", "…")

    @cached_property
    def slug(self) -> str:
        """The article's IRI fragment; cached, since every mention of an article graph points at its IRI."""
        return slugify(Path(self.identifier).stem)


def slugify(text: str) -> str:
    """A stable IRI-safe fragment for a name."""
    s = re.sub(r"[^0-9A-Za-z]+", "-", text.strip().lower()).strip("-")
    return s or hashlib.sha1(text.encode()).hexdigest()[:12]


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """The article files named, folders searched recursively, in a stable order."""
    return [f for f in _named_files(paths) if isinstance(f, Path)]


def _named_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Each file named, the article files of each folder named, and an InputError for a folder without any."""
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                yield InputError(p, f"no article files ({', '.join(sorted(SUFFIXES))}) in this folder")
            yield from found
        else:
            yield p


def read_article(path: str | Path, lang_check: str = "note") -> Article:
    """Read one file into an Article, or raise InputError saying why it is not usable news text.

    `lang_check` says what to do with an article that does not look English: "note" it, "skip" it, or "off".
    """
    path = Path(path)
    raw = read_bytes(path)
    text, notes = decode(raw, path)
    if path.suffix.lower() in {".html", ".htm"}:
        text, html_title = strip_html(text)
    else:
        html_title = None
    article = parse_article(text, identifier=path.name, path=str(path), notes=notes,
                            sha256=hashlib.sha256(raw).hexdigest(), fallback_title=html_title)
    return check_language(article, lang_check)


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file no larger than MAX_BYTES; its size is checked before anything is read."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "not a regular file")
        if info.st_size > MAX_BYTES:
            raise InputError(path, f"too large ({info.st_size:,} bytes; at most {MAX_BYTES:,} per file)")
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file or folder") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:  # it grew after its size was taken
        raise InputError(path, f"too large (over {MAX_BYTES:,} bytes)")
    return raw


def check_language(article: Article, lang_check: str = "note") -> Article:
    """The article with a note when it does not look English (or InputError with "skip") or its numbers
    use separators English does not."""
    from dataclasses import replace

    from .language import LANG_CHECKS, foreign_numbers, not_english

    if lang_check not in LANG_CHECKS:
        raise ValueError(f"lang_check must be one of {', '.join(LANG_CHECKS)}, not {lang_check!r}")
    notes = []
    reason = not_english(article.body) if lang_check != "off" else None
    if reason and lang_check == "skip":
        raise InputError(article.path or article.identifier, f"{reason} (--lang-check note extracts it anyway)")
    if reason:
        notes.append(f"{reason}; extracted anyway (--lang-check skip leaves such articles out, off silences this)")
    numbers = foreign_numbers(article.body)
    if numbers:
        notes.append(numbers)
    return replace(article, notes=(*article.notes, *notes)) if notes else article


def parse_article(text: str, identifier: str, path: str = "", notes: tuple[str, ...] = (),
                  sha256: str = "", fallback_title: str | None = None) -> Article:
    """Split metadata from body and check the body is worth parsing."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    meta, body = split_header(text)
    extra = tuple((k, v) for k, v in meta.items() if k not in HEADER_KEYS)
    when, date_note = parse_date(meta.get("date"))
    notes = (*notes, *([date_note] if date_note else []),
             *([f"header {'keys' if len(extra) > 1 else 'key'} {', '.join(k for k, _ in extra)} kept as article "
                f"metadata (nkg:header)"] if extra else []))
    if len(body) > MAX_CHARS:
        raise InputError(path or identifier, f"too large ({len(body):,} characters; at most {MAX_CHARS:,} per article)")
    if not re.search(r"[^\W\d_]{2,}.*\s.*[^\W\d_]{2,}", body, re.S):
        raise InputError(path or identifier, "empty file" if not body.strip() else "no sentences to read")
    title = meta.get("title") or fallback_title or headline(body)
    return Article(identifier=identifier, body=body, path=path, title=title, source=meta.get("source"),
                   date=when, url=meta.get("url"), sha256=sha256 or hashlib.sha256(text.encode()).hexdigest(),
                   notes=notes, metadata=extra)


def split_header(text: str) -> tuple[dict[str, str], str]:
    """A leading block of `key: value` lines ended by a blank line, or the seeds' ` date YYYY-MM-DD ` prefix.

    The block is a header when at least one key is a field newskg knows (source, date, title, url or one of
    KEY_ALIASES); its other keys (author, section…) come back too, for the article's metadata.
    """
    m = SEED_DATE.match(text)
    if m:
        return {"date": m.group(1)}, text[m.end():]
    lines = text.split("\n")
    meta: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if set(meta) & HEADER_KEYS:
                return meta, "\n".join(lines[i + 1:])
            break
        hm = HEADER_LINE.match(line.strip())
        if not hm:
            break
        key = hm.group(1).lower()
        meta.setdefault(KEY_ALIASES.get(key, key), hm.group(2).strip())
    return {}, text


def headline(body: str) -> str | None:
    """A short first line standing alone, without a full stop, is the headline."""
    first, sep, rest = body.lstrip().partition("\n")
    first = first.strip()
    if sep and rest.startswith("\n") and looks_like_headline(first):
        return first
    return None


def looks_like_headline(line: str) -> bool:
    """Short, and without a full stop or written in Title Case: a headline, not a lede written out as the title."""
    words = line.split()
    if not (3 <= len(line) <= 200 and len(words) <= 25):
        return False
    if not line.rstrip().endswith((".", '"', "”", ":")):
        return True
    long_words = [w for w in words if len(w.strip("\"“”'‘’.,:;!?")) > 3]
    capitals = sum(1 for w in long_words if w.strip("\"“”'‘’")[:1].isupper())
    return bool(long_words) and capitals / len(long_words) >= 0.75


def parse_date(value: str | None) -> tuple[date | None, str | None]:
    """The date a header gives, in any common form (2023-11-07, November 7, 2023, 07/11/2023, 7 Nov 2023…),
    and a note when it cannot be read or when day and month could be swapped (read month first)."""
    if not value:
        return None, None
    iso = re.match(r"\s*(\d{4}-\d{2}-\d{2})\b", value)
    if iso:
        try:
            return date.fromisoformat(iso.group(1)), None
        except ValueError:
            pass
    from dateutil import parser

    try:  # parsed twice with different defaults: a part the value lacks would show up as a difference
        first = parser.parse(value, default=datetime(2000, 1, 1), ignoretz=True)
        second = parser.parse(value, default=datetime(2001, 2, 2), ignoretz=True)
    except (ValueError, OverflowError):
        first = second = None
    if first is None or first.date() != second.date():
        return None, f"date {value!r} cannot be read as a day (write it as YYYY-MM-DD); the article is undated"
    day = first.date()
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    if not re.search(r"[A-Za-z]", value) and day.day <= 12 and day.day != day.month and day.day in numbers[:2]:
        return day, f"date {value!r} could be day or month first; read as {day.isoformat()} (write YYYY-MM-DD to be sure)"
    return day, None


def decode(raw: bytes, path: Path) -> tuple[str, tuple[str, ...]]:
    """UTF-8 when it is; another encoding only when it can be detected reliably. UTF-16 and UTF-32, with or
    without a byte order mark, are text even though most of their bytes may be zero."""
    if not raw.strip():
        raise InputError(path, "empty file")
    wide = b"\x00" in raw[:8192]
    if not wide and looks_binary(raw[:8192]):
        raise InputError(path, "binary file, not text")
    if not wide:
        try:
            return raw.decode("utf-8"), ()
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(raw) if not wide or m.encoding.startswith(WIDE)]
    best = min(matches, key=lambda m: (m.chaos > 0.2, m.encoding not in WESTERN, m.chaos), default=None)
    if wide and (best is None or best.chaos > 0.2 or looks_binary(str(best)[:8192].encode("utf-8"))):
        raise InputError(path, "binary file, not text")
    if best is None or best.chaos > 0.2:
        raise InputError(path, "not UTF-8 and its encoding cannot be detected reliably; convert it to UTF-8")
    return str(best), (f"decoded as {best.encoding}",)


WIDE = ("utf_16", "utf_32")  # the encodings whose text holds zero bytes


def looks_binary(head: bytes) -> bool:
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(head) // 50)


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML page: no scripts, styles or markup, blocks as paragraphs."""

    BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "section",
              "article", "header", "footer", "title", "figcaption", "pre"}
    HIDDEN = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in self.HIDDEN:
            self.hidden += 1
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def strip_html(markup: str) -> tuple[str, str | None]:
    """Visible text of a page, paragraphs separated by blank lines, and its <title>."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text)]
    title = " ".join("".join(parser.title).split()) or None
    return "\n\n".join(p for p in paragraphs if p), title


def read_articles(paths: Iterable[str | Path], lang_check: str = "note") -> Iterator[Article | InputError]:
    """Every file named, as an Article or as the InputError that explains why it was skipped; a missing or
    unreadable path, or a folder without article files, is one of those, and the others are still read."""
    for f in _named_files(paths):
        if isinstance(f, InputError):
            yield f
            continue
        try:
            yield read_article(f, lang_check)
        except InputError as exc:
            yield exc
