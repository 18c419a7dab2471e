"""Many triples of one named graph into rdflib's memory store at once.

rdflib's Memory store takes triples one call at a time: each call announces itself to the store's listeners
(an event object made per triple, though a dataset has no listener) and names the graph again as a string.
A build adds millions, a named graph at a time, so here the graph is named once and the triples go straight
into the store's indexes, exactly as Memory.add leaves them, which tests/test_bulk_add.py checks against
Memory.add itself. A store of another kind, one with listeners, or an rdflib whose Memory store is laid out
otherwise goes through the store's own add.
"""
from __future__ import annotations

from typing import Iterable

from rdflib.plugins.stores.memory import Memory

# the indexes Memory keeps, by their attribute names inside the class (rdflib 7)
PARTS = ("spo", "pos", "osp", "context_obj_map", "tripleContexts", "contextTriples", "all_contexts",
         "defaultContexts")


def add_triples(store, context, triples: Iterable[tuple]) -> None:
    """Add `triples`, none of them quoted, to the graph `context` of `store`."""
    if not _direct(store):
        for triple in triples:
            store.add(triple, context)
        return
    parts = {name: getattr(store, f"_Memory__{name}") for name in PARTS}
    spo, pos, osp = parts["spo"], parts["pos"], parts["osp"]
    contexts, in_context = parts["tripleContexts"], parts["contextTriples"]
    ctx = f"{context.identifier.__class__.__name__}:{context.identifier}"  # as Memory names a graph
    parts["context_obj_map"][ctx] = context
    parts["all_contexts"].add(context)
    default = parts["defaultContexts"]
    every, own = in_context[None], in_context.setdefault(ctx, set())
    for triple in triples:
        s, p, o = triple
        objects = spo.setdefault(s, {}).setdefault(p, {})
        if o in objects:  # in another graph already: this one joins the graphs it is in
            where = contexts.get(triple)
            if where is None:  # so far in the graphs most triples are in: copy them out
                where = contexts[triple] = default.copy()
            where[ctx] = False
            where[None] = False
            if where == default:
                del contexts[triple]
        else:
            objects[o] = 1
            where = {ctx: False, None: False}
            if default is None:  # the store's first triple: its graphs are those most triples are in
                default = where
                setattr(store, "_Memory__defaultContexts", default)
            elif where != default:  # kept only for a triple not in the graphs most triples are in
                contexts[triple] = where
            pos.setdefault(p, {}).setdefault(o, {})[s] = 1
            osp.setdefault(o, {}).setdefault(s, {})[p] = 1
        every.add(triple)
        own.add(triple)


def _direct(store) -> bool:
    """Whether the triples can go straight into the store's indexes: a Memory store as this module knows it,
    with no one listening for additions."""
    return (type(store) is Memory and not getattr(store.dispatcher, "_dispatch_map", None)
            and all(hasattr(store, f"_Memory__{name}") for name in PARTS))
