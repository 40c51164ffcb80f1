#!/usr/bin/python3
"""Parses a newsgraph JSON-LD file with rdflib and compares its triples with the plain JSON
export of the same graph.

Usage: check_rdflib.py FILE.jsonld --json FILE.json

Checks: rdflib's own JSON-LD parser reads the file with the network closed (any connection
attempt fails the check, so the inline @context is complete); every node of the JSON is the
resource <urn:newsgraph:ID> (ID percent-encoded outside ALPHA / DIGIT / "-._~/:") with one
rdf:type (schema:Person, schema:Organization, schema:Place, schema:Quotation or ng:Group) and
its label as schema:name; every edge is a direct triple <source> ng:RELATION <target>; a node
with "wikidata" has exactly one schema:sameAs, the IRI http://www.wikidata.org/entity/ID (ID
percent-encoded outside ALPHA / DIGIT / "-._~"), and one with "lat"/"lon" exactly one schema:geo,
a node typed schema:GeoCoordinates whose schema:latitude and schema:longitude are xsd:double
literals equal to those numbers; other nodes have neither. The sameAs and geo counts are also
asked with rdflib's SPARQL engine. Prints a one-line summary; exits 1 with a message on the
first failure.

Run it with Debian's /usr/bin/python3, which has python3-rdflib (scripts/setup.sh installs it).
"""

import argparse
import json
import socket
import sys

try:
    import rdflib
    from rdflib.namespace import RDF, XSD
except ImportError:  # pragma: no cover - environment problem, not a test result
    sys.exit("check_rdflib: rdflib is missing (apt-get install python3-rdflib; run /usr/bin/python3)")

SCHEMA = rdflib.Namespace("https://schema.org/")
NG = rdflib.Namespace("urn:newsgraph:vocab:")
TYPES = {"Person": SCHEMA.Person, "Organization": SCHEMA.Organization, "Place": SCHEMA.Place,
         "Quotation": SCHEMA.Quotation, "Group": NG.Group}


def fail(msg):
    print(f"check_rdflib: {msg}", file=sys.stderr)
    sys.exit(1)


def percent_encode(text, keep):
    """`text` as UTF-8 with every byte outside ALPHA / DIGIT / "-._~" and `keep` as %XX."""
    plain = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~" + keep.encode())
    return "".join(chr(b) if b in plain else f"%{b:02X}" for b in text.encode("utf-8"))


def node_iri(node_id):
    return rdflib.URIRef("urn:newsgraph:" + percent_encode(node_id, "/:"))


def wikidata_iri(wikidata):
    return rdflib.URIRef("http://www.wikidata.org/entity/" + percent_encode(wikidata, ""))


def no_network(*args, **kwargs):
    raise OSError(f"network access attempted: {args[:1]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--json", dest="json_file", required=True)
    args = ap.parse_args()
    with open(args.json_file, encoding="utf-8") as f:
        doc = json.load(f)

    socket.create_connection = no_network
    socket.socket.connect = no_network
    g = rdflib.Graph()
    try:
        g.parse(args.file, format="json-ld")
    except Exception as e:  # rdflib raises several types for what it cannot read
        fail(f"{args.file}: rdflib cannot read it: {type(e).__name__}: {e}")

    linked = located = 0
    for n in doc["nodes"]:
        iri = node_iri(n["id"])
        where = f"<{iri}>"
        types = sorted(g.objects(iri, RDF.type))
        if types != [TYPES[n["type"]]]:
            fail(f"{where}: types {types}, expected {TYPES[n['type']]}")
        names = sorted(str(o) for o in g.objects(iri, SCHEMA.name))
        if names != ([n["label"]] if n["label"] else []):
            fail(f"{where}: schema:name {names}, the JSON's label is {n['label']!r}")

        same = list(g.objects(iri, SCHEMA.sameAs))
        expected = [wikidata_iri(n["wikidata"])] if "wikidata" in n else []
        if same != expected or not all(isinstance(o, rdflib.URIRef) for o in same):
            fail(f"{where}: schema:sameAs {same}, expected {expected}")
        linked += len(same)

        geo = list(g.objects(iri, SCHEMA.geo))
        if "lat" not in n:
            if geo:
                fail(f"{where}: schema:geo without lat/lon in the JSON")
            continue
        if len(geo) != 1:
            fail(f"{where}: {len(geo)} schema:geo, expected one")
        if list(g.objects(geo[0], RDF.type)) != [SCHEMA.GeoCoordinates]:
            fail(f"{where}: schema:geo is not one schema:GeoCoordinates")
        for axis, key in ((SCHEMA.latitude, "lat"), (SCHEMA.longitude, "lon")):
            values = list(g.objects(geo[0], axis))
            if (len(values) != 1 or not isinstance(values[0], rdflib.Literal) or values[0].datatype != XSD.double
                    or float(values[0]) != n[key]):
                fail(f"{where}: {axis} {values!r}, the JSON's {key} is {n[key]} (as xsd:double)")
        located += 1

    for e in doc["edges"]:
        triple = (node_iri(e["source"]), NG[e["relation"]], node_iri(e["target"]))
        if triple not in g:
            fail(f"no triple {' '.join(f'<{t}>' for t in triple)}")

    prefixes = "PREFIX schema: <https://schema.org/> "
    asked_same = len(g.query(prefixes + "SELECT ?n ?w WHERE { ?n schema:sameAs ?w }"))
    asked_geo = len(g.query(prefixes + """SELECT ?n ?lat ?lon WHERE { ?n schema:geo ?p .
                            ?p a schema:GeoCoordinates ; schema:latitude ?lat ; schema:longitude ?lon }"""))
    if (asked_same, asked_geo) != (linked, located):
        fail(f"SPARQL finds {asked_same} sameAs and {asked_geo} geo, the triples {linked} and {located}")

    print(f"check_rdflib: {args.file}: {len(g)} triples, {len(doc['nodes'])} nodes, {len(doc['edges'])} edges, "
          f"{linked} sameAs, {located} geo, equal to {args.json_file}: ok")


if __name__ == "__main__":
    main()
