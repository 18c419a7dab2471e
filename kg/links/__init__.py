"""Cross-source links: what different articles say about the same figure, statement and policy."""
