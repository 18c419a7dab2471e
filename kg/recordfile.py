"""Extraction records on disk as JSON: data only, checked field by field when read back.

The records cache of a store build (`STORE.records/`) used to hold pickles, and unpickling a file runs
whatever code it names: anyone who could write into the folder ran code as the user who builds. A JSON
record can only ever be data. It is read back into the record dataclasses by their type hints, and a file
that is not valid JSON, has a field of the wrong type, belongs to another article or has spans that do not
match its text is refused (RecordError), so the build extracts that article again.
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from functools import lru_cache
from typing import Any

from .errors import RecordError
from .extract.records import ArticleRecord, Span

SUFFIX = ".json"
VERSION = 1


def dumps(record: ArticleRecord) -> bytes:
    """The record as JSON bytes."""
    return json.dumps({"newskg-record": VERSION, "record": _plain(record)}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def loads(data: bytes, identifier: str | None = None, sha256: str | None = None) -> ArticleRecord:
    """The record in JSON bytes, checked: every field of its type, the article the one expected (when
    `identifier` and `sha256` are given), every span the text it points at. RecordError says what is wrong."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RecordError(f"not JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("newskg-record") != VERSION or "record" not in doc:
        raise RecordError(f"not a newskg record of version {VERSION}")
    record = _read(doc["record"])
    article = record.article
    if identifier is not None and (article.identifier, article.sha256) != (identifier, sha256):
        raise RecordError(f"holds article {article.identifier!r} ({article.sha256[:12]}), not {identifier!r} "
                          f"({(sha256 or '')[:12]})")
    for span in _spans(record):
        if not 0 <= span.begin <= span.end <= len(article.body) or article.body[span.begin:span.end] != span.text:
            raise RecordError(f"span {span.begin}-{span.end} {span.text!r} is not in the article text")
    return record


def _spans(record: ArticleRecord) -> typing.Iterator[Span]:
    for entity in record.entities.values():
        yield from entity.mentions
    for statement in record.statements:
        yield statement.span
    for figure in record.figures:
        yield figure.surface
        yield from figure.mentions
    for policy in record.policies:
        yield from policy.spans


def _plain(value: Any) -> Any:
    """A JSON-ready form of a record value: dataclasses as objects, dates as ISO text, sets as sorted lists."""
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    # no class namespace: a field named `date` must not hide the type `date` in the annotations
    return typing.get_type_hints(cls, localns={})


class _Mismatch(Exception):
    """A value the fast reader does not take as it is; _typed then says what is wrong."""


def _read(value: Any) -> ArticleRecord:
    """The record read back by readers made once per type (four times faster than _typed, which works out
    each value's type from its hint and names its place as it goes); on any doubt, _typed reads it again,
    returning the same record or raising the RecordError that names the wrong field."""
    try:
        return _reader(ArticleRecord)(value)
    except _Mismatch:
        return _typed(value, ArticleRecord, "record")


@lru_cache(maxsize=None)
def _reader(hint: Any) -> typing.Callable[[Any], Any]:
    """A function reading a JSON value as `hint` says, as _typed does, raising _Mismatch where _typed would
    raise RecordError."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        optional = type(None) in args
        inner = next(a for a in args if a is not type(None))
        return lambda v: None if v is None and optional else _reader(inner)(v)
    if dataclasses.is_dataclass(hint):
        return _dataclass_reader(hint)
    if origin in (list, set, frozenset) or (origin is tuple and args[-1:] == (Ellipsis,)):
        make, item = (tuple if origin is tuple else origin), args[0]

        def read_list(v):
            if not isinstance(v, list):
                raise _Mismatch
            read = _reader(item)
            return make([read(x) for x in v])
        return read_list
    if origin is tuple:
        def read_tuple(v):
            if not isinstance(v, list) or len(v) != len(args):
                raise _Mismatch
            return tuple(_reader(a)(x) for x, a in zip(v, args))
        return read_tuple
    if origin is dict:
        def read_dict(v):
            if not isinstance(v, dict):
                raise _Mismatch
            read = _reader(args[1])
            return {k: read(x) for k, x in v.items()}
        return read_dict
    if hint is date:
        def read_date(v):
            try:
                return date.fromisoformat(v)
            except (TypeError, ValueError):
                raise _Mismatch from None
        return read_date
    if hint in (str, int, float, bool):
        def read_plain(v):
            if type(v) is hint:
                return v
            if hint is float and isinstance(v, int) and not isinstance(v, bool):
                return float(v)
            raise _Mismatch
        return read_plain

    def refuse(v):
        raise _Mismatch
    return refuse


def _dataclass_reader(cls: type) -> typing.Callable[[Any], Any]:
    names = frozenset(f.name for f in dataclasses.fields(cls))
    hints = _hints(cls)

    def read(v):
        if not isinstance(v, dict) or not names.issuperset(v):
            raise _Mismatch
        try:
            return cls(**{name: _reader(hints[name])(x) for name, x in v.items()})
        except TypeError:  # a required field is missing
            raise _Mismatch from None
    return read


def _typed(value: Any, hint: Any, where: str) -> Any:
    """The value read back as `hint` says, or RecordError naming the field that is wrong."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        return _typed(value, next(a for a in args if a is not type(None)), where)
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise RecordError(f"{where}: expected an object")
        fields = {f.name: f for f in dataclasses.fields(hint)}
        unknown = set(value) - set(fields)
        if unknown:
            raise RecordError(f"{where}: unknown field {sorted(unknown)[0]!r}")
        hints = _hints(hint)
        kwargs = {name: _typed(value[name], hints[name], f"{where}.{name}") for name in fields if name in value}
        try:
            return hint(**kwargs)
        except TypeError as exc:  # a required field is missing
            raise RecordError(f"{where}: {exc}") from None
    if origin in (list, set, frozenset) or (origin is tuple and args[-1:] == (Ellipsis,)):
        if not isinstance(value, list):
            raise RecordError(f"{where}: expected a list")
        items = [_typed(v, args[0], f"{where}[{i}]") for i, v in enumerate(value)]
        return (tuple if origin is tuple else origin)(items)
    if origin is tuple:
        if not isinstance(value, list) or len(value) != len(args):
            raise RecordError(f"{where}: expected a list of {len(args)}")
        return tuple(_typed(v, a, f"{where}[{i}]") for i, (v, a) in enumerate(zip(value, args)))
    if origin is dict:
        if not isinstance(value, dict):
            raise RecordError(f"{where}: expected an object")
        return {k: _typed(v, args[1], f"{where}.{k}") for k, v in value.items()}
    if hint is date:
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise RecordError(f"{where}: expected a date as YYYY-MM-DD") from None
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, float, bool) and type(value) is hint:
        return value
    raise RecordError(f"{where}: expected {getattr(hint, '__name__', hint)}, found {type(value).__name__}")
