"""The canned SPARQL queries, shipped with newskg as kg.queries (see kg.query for their header format)."""
