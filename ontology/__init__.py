"""The newskg ontology, SHACL shapes and JSON-LD context, shipped with newskg as kg.ontology."""
