"""Small readers over extraction records, so tests say what they check and not how to find it."""
from kg.extract.records import ArticleRecord


def names(rec: ArticleRecord, kind: str) -> set[str]:
    return {e.name for e in rec.entities.values() if e.kind == kind}


def entity(rec: ArticleRecord, key: str):
    return rec.entities[key]


def speaker_name(rec: ArticleRecord, stmt) -> str:
    e = rec.entities[stmt.speaker]
    return e.name


def statements_by(rec: ArticleRecord, fragment: str):
    return [s for s in rec.statements if fragment in s.text]
