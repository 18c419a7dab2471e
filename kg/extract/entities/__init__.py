"""Find the governments, officials, persons and organizations an article names, one Entity per referent."""
from __future__ import annotations

from spacy.tokens import Doc

from .governments import (assign_governments, context_government, find_division_governments, find_groups,
                          find_leader_governments, find_generic_governments, find_ministries, find_named_bodies, find_state_bodies,
                          find_states)
from .organizations import find_acronyms, find_organizations, is_outlet
from .people import adopt_title_descriptions, find_people, find_short_names, merge_short_names
from .table import EntityTable, gov_key, norm_name, state_government, text_of

__all__ = ["EntityTable", "find_entities", "context_government", "gov_key", "is_outlet", "norm_name",
           "state_government", "text_of"]


def find_entities(doc: Doc, headline_end: int = 0) -> EntityTable:
    """All entity mentions of a parsed article, in the order that lets later steps use earlier ones."""
    table = EntityTable(doc)
    acronyms = find_acronyms(doc, table)
    find_groups(doc, table)
    find_named_bodies(doc, table)
    find_states(doc, table)
    find_people(doc, table, headline_end)
    merge_short_names(table)
    find_short_names(doc, table)
    find_leader_governments(doc, table)
    find_ministries(doc, table)
    find_division_governments(doc, table)
    find_organizations(doc, table, acronyms)
    find_state_bodies(doc, table)
    find_generic_governments(doc, table)
    adopt_title_descriptions(doc, table)
    assign_governments(doc, table)
    table.order.sort()
    return table

