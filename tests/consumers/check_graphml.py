#!/usr/bin/python3
"""Loads a newsgraph GraphML file with NetworkX and checks what a consumer relies on.

Usage: check_graphml.py FILE [--expect-nodes N] [--expect-edges M] [--json FILE.json]

Checks: the file parses; the node and edge counts (with --expect-nodes/--expect-edges); every
attribute NetworkX reads has the Python type its key declares (int for attr.type int, str for
string, ...); every node has a string `labels` (":Person", ...) and `type`, int `mentions` and
`articles`, and a string `label` when it has a name; every edge has a string
`label`/`relation` and int `weight`/`articles`; list attributes are JSON arrays. With --json (the same graph written
as plain JSON) the node ids, labels, aliases, Wikidata ids, coordinates (`lat`, `lon`: floats)
and edges must agree, XML-forbidden characters aside. It also reads the file the way Neo4j's apoc.import.graphml does with
{readLabels: true, storeNodeIds: true} (see apoc_view) and checks the labels, relationship
types and property names that gives. Prints a one-line summary; exits 1 with a message on
the first failure.

Run it with Debian's /usr/bin/python3, which has python3-networkx.
"""

import argparse
import json
import sys

try:
    import networkx as nx
except ImportError:  # pragma: no cover - environment problem, not a test result
    sys.exit("check_graphml: networkx is missing (apt-get install python3-networkx; run /usr/bin/python3)")


def fail(msg):
    print(f"check_graphml: {msg}", file=sys.stderr)
    sys.exit(1)


def xml_visible(s):
    """What survives XML 1.0: the writer drops C0 controls other than TAB/LF/CR and U+FFFE/U+FFFF."""
    return "".join(c for c in s if not ((ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff"))


def json_list(value, what):
    try:
        parsed = json.loads(value)
    except ValueError as e:
        fail(f"{what} is not JSON: {e}")
    if not isinstance(parsed, list):
        fail(f"{what} is not a JSON array")
    return parsed


PYTHON_TYPES = {"int": int, "long": int, "float": float, "double": float, "boolean": bool, "string": str}


def declared_types(path):
    """{(domain, attr.name): Python type} of every <key>, from its attr.type."""
    import xml.etree.ElementTree as ET

    ns = "{http://graphml.graphdrawing.org/xmlns}"
    types = {}
    for key in ET.parse(path).getroot().iter(ns + "key"):
        attr_type = key.get("attr.type")
        if attr_type not in PYTHON_TYPES:
            fail(f"key {key.get('id')!r}: attr.type {attr_type!r} is not a GraphML type")
        types[(key.get("for"), key.get("attr.name"))] = PYTHON_TYPES[attr_type]
    return types


def check_types(where, domain, data, types):
    """Every attribute of one node or edge is declared for `domain` and has the declared type."""
    for name, value in data.items():
        # NetworkX keeps an edge's GraphML id attribute (e0, e1, ...) as the attribute `id`.
        expected = str if (domain, name) == ("edge", "id") else types.get((domain, name))
        if expected is None:
            fail(f"{where}: attribute {name!r} has no key for {domain}")
        if type(value) is not expected:
            fail(f"{where}: {name} is {value!r} ({type(value).__name__}), its key declares {expected.__name__}")


def apoc_view(path):
    """The nodes and relationships apoc.import.graphml(path, {readLabels: true, storeNodeIds: true})
    creates, following APOC's XmlGraphMLReader: a key is filed under nodes when for="node" and
    under relationships otherwise (for="graph" included); properties are named after attr.name;
    each key's <default> is set on every node or relationship; node labels come from the
    `labels` attribute and from <data key="labels"> (key *id*), which is then no property; the
    relationship type comes from the edge's `label` attribute, and <data key="label"> is then
    no property. Types are left as text: only names matter here.
    Returns ({node id: (labels, props)}, [(source, target, type, props)])."""
    import xml.etree.ElementTree as ET

    ns = "{http://graphml.graphdrawing.org/xmlns}"
    root = ET.parse(path).getroot()
    node_keys, rel_keys = {}, {}
    for key in root.iter(ns + "key"):
        default = key.find(ns + "default")
        entry = (key.get("attr.name"), None if default is None else default.text)
        (node_keys if key.get("for", "node") == "node" else rel_keys)[key.get("id")] = entry
    nodes, rels = {}, []
    for graph in root.iter(ns + "graph"):
        for el in graph:
            if el.tag == ns + "node":
                labels = {p for p in (el.get("labels") or "").split(":") if p.strip()}
                props = {"id": el.get("id")}
                props.update({name: d for name, d in node_keys.values() if d is not None})
                for data in el.findall(ns + "data"):
                    key = data.get("key")
                    if key == "labels":
                        labels |= {p for p in (data.text or "").split(":") if p.strip()}
                    else:
                        props[node_keys.get(key, (key,))[0]] = data.text or ""
                nodes[el.get("id")] = (labels, props)
            elif el.tag == ns + "edge":
                props = {name: d for name, d in rel_keys.values() if d is not None}
                for data in el.findall(ns + "data"):
                    if data.get("key") != "label":
                        props[rel_keys.get(data.get("key"), (data.get("key"),))[0]] = data.text or ""
                rels.append((el.get("source"), el.get("target"), el.get("label"), props))
    return nodes, rels


def check_apoc(path, g):
    """What Neo4j gets: one label per node, its type; relationship types are the relations;
    properties carry the names the README documents."""
    nodes, rels = apoc_view(path)
    if set(nodes) != set(g.nodes):
        fail("APOC view: node ids differ from NetworkX's")
    for node_id, (labels, props) in nodes.items():
        where = f"APOC view: node {node_id!r}"
        if labels != {g.nodes[node_id]["type"]}:
            fail(f"{where}: labels {sorted(labels)} instead of [{g.nodes[node_id]['type']!r}]")
        if labels - {"Person", "Organization", "Place", "Quotation", "Group"}:
            fail(f"{where}: unexpected label {sorted(labels)}")
        if props.get("id") != node_id:
            fail(f"{where}: no id property")
        if "labels" in props:
            fail(f"{where}: labels became a property")
        for name in ("type", "mentions", "articles"):
            if name not in props:
                fail(f"{where}: no {name} property")
        if props.get("label", "") != g.nodes[node_id].get("label", ""):
            fail(f"{where}: label property {props.get('label')!r} differs from NetworkX's")
    if len(rels) != g.number_of_edges():
        fail(f"APOC view: {len(rels)} relationships, NetworkX has {g.number_of_edges()}")
    for source, target, rel_type, props in rels:
        where = f"APOC view: relationship {source!r} -> {target!r}"
        if not rel_type:
            fail(f"{where}: no label attribute, APOC would fall back to its default type")
        if rel_type != props.get("relation"):
            fail(f"{where}: type {rel_type!r} differs from relation {props.get('relation')!r}")
        for name in ("weight", "articles"):
            if name not in props:
                fail(f"{where}: no {name} property")
        for name in ("label", "article_ids"):
            if name in props:
                fail(f"{where}: stray property {name}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--expect-nodes", type=int)
    ap.add_argument("--expect-edges", type=int)
    ap.add_argument("--json", dest="json_file")
    args = ap.parse_args()

    try:
        g = nx.read_graphml(args.file)
    except Exception as e:  # NetworkX raises several types for malformed files
        fail(f"{args.file}: NetworkX cannot read it: {type(e).__name__}: {e}")

    if not g.is_directed():
        fail("graph is not directed")
    if args.expect_nodes is not None and g.number_of_nodes() != args.expect_nodes:
        fail(f"{g.number_of_nodes()} nodes, expected {args.expect_nodes}")
    if args.expect_edges is not None and g.number_of_edges() != args.expect_edges:
        fail(f"{g.number_of_edges()} edges, expected {args.expect_edges}")

    types = declared_types(args.file)
    for node, data in g.nodes(data=True):
        where = f"node {node!r}"
        check_types(where, "node", data, types)
        if "label" in data and not isinstance(data["label"], str):
            fail(f"{where}: label is {data['label']!r}, not a string")
        for key in ("labels", "type"):
            if not isinstance(data.get(key), str):
                fail(f"{where}: {key} is {data.get(key)!r}, not a string")
        if data["labels"] != ":" + data["type"]:
            fail(f"{where}: labels {data['labels']!r} does not match type {data['type']!r}")
        for key in ("mentions", "articles"):
            if type(data.get(key)) is not int:
                fail(f"{where}: {key} is {data.get(key)!r}, not an int")
        for key in ("aliases", "article_ids", "titles", "evidence"):
            if key in data:
                json_list(data[key], f"{where}: {key}")
        if len(json_list(data.get("article_ids", "[]"), where)) != data["articles"]:
            fail(f"{where}: articles does not count article_ids")

    for u, v, data in g.edges(data=True):
        where = f"edge {u!r} -> {v!r}"
        check_types(where, "edge", data, types)
        for key in ("label", "relation"):
            if not isinstance(data.get(key), str):
                fail(f"{where}: {key} is {data.get(key)!r}, not a string")
        for key in ("weight", "articles"):
            if type(data.get(key)) is not int:
                fail(f"{where}: {key} is {data.get(key)!r}, not an int")
        if "evidence" in data:
            json_list(data["evidence"], f"{where}: evidence")

    check_apoc(args.file, g)

    if args.json_file:
        with open(args.json_file, encoding="utf-8") as f:
            doc = json.load(f)
        nodes = {xml_visible(n["id"]): n for n in doc["nodes"]}
        if set(nodes) != set(g.nodes):
            fail(f"node ids differ from {args.json_file}: {sorted(set(nodes) ^ set(g.nodes))[:5]}")
        for node_id, n in nodes.items():
            data = g.nodes[node_id]
            if data.get("label", "") != xml_visible(n["label"]):
                fail(f"node {node_id!r}: label {data.get('label')!r} != {n['label']!r}")
            if n["label"] and not isinstance(data.get("label"), str):
                fail(f"node {node_id!r}: no string label, the JSON's is {n['label']!r}")
            # Lists travel as JSON text, which keeps even control characters intact.
            if json.loads(data.get("aliases", "[]")) != n["aliases"]:
                fail(f"node {node_id!r}: aliases differ")
            if data["mentions"] != n["mentions"]:
                fail(f"node {node_id!r}: mentions differ")
            # The links: wikidata a string, lat and lon floats (attr.type double) equal to the
            # JSON's numbers; absent when the JSON has none.
            if "wikidata" in n and data.get("wikidata", "") != xml_visible(n["wikidata"]):
                fail(f"node {node_id!r}: wikidata {data.get('wikidata')!r} != {n['wikidata']!r}")
            if "wikidata" not in n and "wikidata" in data:
                fail(f"node {node_id!r}: wikidata {data['wikidata']!r}, the JSON has none")
            for axis in ("lat", "lon"):
                if data.get(axis) != n.get(axis) or (axis in data and type(data[axis]) is not float):
                    fail(f"node {node_id!r}: {axis} {data.get(axis)!r}, the JSON has {n.get(axis)!r}")
        if len(doc["edges"]) != g.number_of_edges():
            fail(f"{g.number_of_edges()} edges, {args.json_file} has {len(doc['edges'])}")
        for e in doc["edges"]:
            u, v = xml_visible(e["source"]), xml_visible(e["target"])
            found = [d for d in g.get_edge_data(u, v, default={}).values()] if g.is_multigraph() else (
                [g.edges[u, v]] if g.has_edge(u, v) else [])
            if not any(d["relation"] == e["relation"] and d["weight"] == e["weight"] for d in found):
                fail(f"edge {u!r} -{e['relation']}-> {v!r} missing")

    print(f"check_graphml: {args.file}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges: ok")


if __name__ == "__main__":
    main()
