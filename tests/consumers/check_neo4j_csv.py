#!/usr/bin/python3
"""Reads the Neo4j admin-import CSV files of newsgraph (build --neo4j-csv DIR) the way
`neo4j-admin database import full --array-delimiter=U+001F --multiline-fields=true` does, and
compares them with the plain JSON export of the same graph.

Usage: check_neo4j_csv.py NODES.csv RELATIONSHIPS.csv --json FILE.json

The reader follows the importer's documented rules, written here independently of newsgraph:
fields separated by ',', a field in double quotes may hold ',', line breaks and '""' for '"'
(RFC 4180, no backslash escapes); the header names each column `name:type` (`:ID`, `:LABEL`,
`:START_ID`, `:END_ID`, `:TYPE`, `long`, `string` by default, `[]` for arrays); array items and
labels are separated by U+001F; an empty unquoted field sets nothing; a `point{crs:WGS-84}`
column holds Cypher maps {latitude:.., longitude:..}. Checks: every row has
the header's fields; node ids are unique; every relationship joins two nodes; labels are
Entity and the node's type; every property equals the JSON's (list items without U+001F); the
columns `wikidata` and `location` exist when some JSON node has a Wikidata id or lat/lon.
Prints a one-line summary; exits 1 with a message on the first failure.
"""

import argparse
import json
import sys

DELIMITER = "\x1f"


def fail(msg):
    print(f"check_neo4j_csv: {msg}", file=sys.stderr)
    sys.exit(1)


def read_rows(path):
    """The rows of an RFC 4180 file, each field as (text, quoted)."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    rows, row, i = [], [], 0
    while i < len(text):
        if text[i] == '"':
            value, i = [], i + 1
            while True:
                if i >= len(text):
                    fail(f"{path}: unterminated quoted field")
                if text[i] == '"':
                    if text[i + 1 : i + 2] == '"':
                        value.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                value.append(text[i])
                i += 1
            row.append(("".join(value), True))
        else:
            end = i
            while end < len(text) and text[end] not in ',\n':
                end += 1
            if '"' in text[i:end] or "\r" in text[i:end]:
                fail(f"{path}: a quote or CR in an unquoted field: {text[i:end]!r}")
            row.append((text[i:end], False))
            i = end
        if i >= len(text) or text[i] == "\n":
            rows.append(row)
            row = []
            i += 1
        elif text[i] == ",":
            i += 1
            if i == len(text):
                fail(f"{path}: ends inside a row")
        else:
            fail(f"{path}: text after a quoted field at byte {i}")
    if not text.endswith("\n"):
        fail(f"{path}: does not end with a line feed")
    return rows


def typed(value, quoted, kind, where):
    """A field's value by its header type: None when unset, else int, str or a list."""
    if value == "" and not quoted:
        return None
    base = kind[:-2] if kind.endswith("[]") else kind
    items = value.split(DELIMITER) if kind.endswith("[]") else [value]
    if base.startswith("point"):
        return point(value, quoted, kind, where)
    if base == "long":
        if quoted or not all(x.isdigit() for x in items):
            fail(f"{where}: {value!r} is not a {kind}")
        items = [int(x) for x in items]
    elif base != "string":
        fail(f"{where}: unexpected type {kind}")
    return items if kind.endswith("[]") else items[0]


def point(value, quoted, kind, where):
    """A point field: the header `point{crs:WGS-84}` gives the CRS, the value a Cypher map with
    the keys of Cypher's point() function, here latitude and longitude as decimal numbers
    ({latitude:55.75580, longitude:37.61730}); read as {"latitude": float, "longitude": float}."""
    import re

    if kind != "point{crs:WGS-84}":
        fail(f"{where}: point column {kind!r} without the WGS-84 CRS")
    m = re.fullmatch(r"\{latitude:(-?[0-9]+\.[0-9]+), longitude:(-?[0-9]+\.[0-9]+)\}", value)
    if not quoted or not m:
        fail(f"{where}: {value!r} is not a quoted WGS-84 point map")
    latitude, longitude = float(m.group(1)), float(m.group(2))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        fail(f"{where}: {value!r} is out of range")
    return {"latitude": latitude, "longitude": longitude}


def read_file(path):
    """[{column name: value}] with the header's types; special columns keep their ':' names."""
    rows = read_rows(path)
    if not rows:
        fail(f"{path}: no header")
    header = []
    for text, quoted in rows[0]:
        if quoted:
            fail(f"{path}: quoted header field {text!r}")
        name, _, kind = text.partition(":")
        if kind in ("ID", "LABEL", "START_ID", "END_ID", "TYPE"):
            header.append((name or ":" + kind, "label[]" if kind == "LABEL" else "string"))
        else:
            header.append((name, kind or "string"))
    out = []
    for k, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            fail(f"{path}:{k}: {len(row)} fields, the header has {len(header)}")
        item = {}
        for (name, kind), (value, quoted) in zip(header, row):
            if kind == "label[]":
                item[name] = value.split(DELIMITER)
            else:
                item[name] = typed(value, quoted, kind, f"{path}:{k}: {name}")
        out.append(item)
    return out


def items(xs):
    """A list as the importer reads it back: items without the delimiter, an empty list unset."""
    return [x.replace(DELIMITER, "") for x in xs] or None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("nodes")
    ap.add_argument("relationships")
    ap.add_argument("--json", dest="json_file", required=True)
    args = ap.parse_args()
    with open(args.json_file, encoding="utf-8") as f:
        doc = json.load(f)
    nodes = read_file(args.nodes)
    rels = read_file(args.relationships)

    # The columns of the links exist exactly when some node of the JSON has them; a node
    # without leaves them unset.
    links = [c for c, k in (("wikidata", "wikidata"), ("location", "lat")) if any(k in n for n in doc["nodes"])]
    columns = [c for c in ("wikidata", "location") if nodes and c in nodes[0]]
    if columns != links:
        fail(f"link columns {columns}, the JSON has values for {links}")

    def link_values(n):
        out = {}
        if "wikidata" in links:
            out["wikidata"] = n.get("wikidata")
        if "location" in links:
            out["location"] = {"latitude": n["lat"], "longitude": n["lon"]} if "lat" in n else None
        return out

    ids = [n["id"] for n in nodes]
    if len(set(ids)) != len(ids):
        fail("node ids are not unique")
    expected_nodes = [
        {"id": n["id"], ":LABEL": ["Entity", n["type"]], "type": n["type"], "label": n["label"],
         "aliases": items(n["aliases"]), "mentions": n["mentions"], "articles": n["articles"],
         "article_ids": items(n["article_ids"]), "place_kind": n["place_kind"], "country_code": n["country_code"],
         "titles": items(n["titles"]), "quote": n["quote"],
         "evidence_articles": items([e["article"] for e in n["evidence"]]),
         "evidence_starts": [e["start"] for e in n["evidence"]] or None,
         "evidence_ends": [e["end"] for e in n["evidence"]] or None, **link_values(n)}
        for n in doc["nodes"]
    ]
    if nodes != expected_nodes:
        bad = next((a, b) for a, b in zip(nodes, expected_nodes) if a != b) if len(nodes) == len(expected_nodes) \
            else (len(nodes), len(expected_nodes))
        fail(f"nodes differ from {args.json_file}: {bad}")

    known = set(ids)
    for r in rels:
        if r[":START_ID"] not in known or r[":END_ID"] not in known:
            fail(f"relationship {r[':START_ID']!r} -> {r[':END_ID']!r} joins an unknown node")

    def span_list(e, key, k):
        return [v[key][k] for v in e["evidence"]] or None

    expected_rels = [
        {":START_ID": e["source"], ":END_ID": e["target"], ":TYPE": e["relation"].upper(), "relation": e["relation"],
         "title": e["title"], "cameo": e["cameo"], "weight": e["weight"], "articles": e["articles"],
         "evidence_articles": items([v["article"] for v in e["evidence"]]),
         "evidence_sentence_starts": span_list(e, "sentence", 0), "evidence_sentence_ends": span_list(e, "sentence", 1),
         "evidence_source_starts": span_list(e, "source", 0), "evidence_source_ends": span_list(e, "source", 1),
         "evidence_target_starts": span_list(e, "target", 0), "evidence_target_ends": span_list(e, "target", 1)}
        for e in doc["edges"]
    ]
    if rels != expected_rels:
        bad = next((a, b) for a, b in zip(rels, expected_rels) if a != b) if len(rels) == len(expected_rels) \
            else (len(rels), len(expected_rels))
        fail(f"relationships differ from {args.json_file}: {bad}")
    print(f"check_neo4j_csv: {args.nodes}, {args.relationships}: {len(nodes)} nodes, {len(rels)} relationships "
          f"equal to {args.json_file}: ok")


if __name__ == "__main__":
    main()
