"""Extractors: spaCy pipeline components that find entities, statements, policies and figures in a Doc."""
