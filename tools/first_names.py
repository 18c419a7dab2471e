#!/usr/bin/env python3
"""Regenerate kg/extract/lexicons/first_names.tsv from the name-gender data of the nomquamgender package.

    pip install nomquamgender && python tools/first_names.py

Only given names written in plain letters, seen at least MIN_COUNT times, and used for one gender in at least
nine cases out of ten are kept: a pronoun is checked against them, and a name used for both is no evidence.
Not needed at run time; the table it writes is shipped.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

MIN_COUNT = 300
SHARE = 0.9
OUT = Path(__file__).resolve().parent.parent / "kg" / "extract" / "lexicons" / "first_names.tsv"
HEADER = """# given names that mark a gender (a pronoun of the other gender never refers to their bearer): name, tab,
# m or f. Derived by tools/first_names.py from the name data of nomquamgender 0.1.4 (MIT licence,
# copyright (c) 2022 Ian Van Buskirk): names seen at least {count} times, used for one gender in at least {share}%
# of cases.
"""


def main() -> None:
    spec = importlib.util.find_spec("nomquamgender")  # located, not imported: its module needs pandas
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("nomquamgender is not installed: pip install nomquamgender")
    path = Path(list(spec.submodule_search_locations)[0]) / "name_data.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for name, (_, count, female_share, *_) in sorted(data.items()):
        if not (name.isascii() and name.isalpha() and len(name) > 1) or count < MIN_COUNT:
            continue
        if female_share >= SHARE:
            rows.append(f"{name}\tf")
        elif female_share <= 1 - SHARE:
            rows.append(f"{name}\tm")
    OUT.write_text(HEADER.format(count=MIN_COUNT, share=int(SHARE * 100)) + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} names)")


if __name__ == "__main__":
    main()
