#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/): small inputs of our own
that reach the readers' branches, and, for fuzz_models, truncated and bit-flipped headers and
small well-formed models made from the real models of models/ (whose own 1-2 MB are too large
for a corpus). Deterministic: running it again writes the same files.

Usage: fuzz/make_corpus.py [ROOT]   (ROOT: the repository, default: this file's parent's parent)
fuzz_graph_json also gets fuzz/corpus/fuzz_graph_json/sample-*.json, graphs written by
`newsgraph build` (see docs/robustness.md): this script leaves them as they are.
"""
import json
import os
import struct
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def fnv1a(data):
    h = 14695981039346656037
    for b in data:
        h ^= b
        h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


SENTENCES = [
    "Russian President Vladimir Putin met North Korean leader Kim Jong Un at the Vostochny Cosmodrome.",
    "\"We will help them build satellites,\" Putin said on Wednesday.",
    "Lionel Messi joined Inter Miami, the club based in Florida, from Paris Saint-Germain.",
    "U.N. Secretary-General Antonio Guterres told reporters in Geneva that talks would resume.",
    "Foreign Minister Sergey Lavrov and Defence Minister Sergei Shoigu flew to Pyongyang.",
]
ODD = [
    "Zürich’s mayor Corine Mauch met São Paulo’s governor in Genève.",
    "Ὀδυσσεύς and 東京 and Москва: Владимир Путин встретился с Ким Чен Ыном.",
    "A\u200bB\u00adC \u202eevil\u202c \ufeffBOM inside, emoji 👩‍👩‍👧 and 🇷🇺 flags.",
    "Tab\there, form\x0cfeed, vertical\x0btab, NUL-free but \x7f and \u0085 and \u2028 and \u2029.",
    "Noncharacters \ufffe and \uffff and \ufdd0 in a name: Mr \uffffPutin met \ufffeKim.",
    "'y",
    "MANCHESTER UNITED 2 ARSENAL 1\n\nSergei Ivanov Returns to Moscow",
    "",
    "\r\n\r\n",
]


def text_seeds():
    write("fuzz_txt", "title.txt", "Putin Meets Kim\n\n" + " ".join(SENTENCES) + "\n")
    write("fuzz_txt", "no-title.txt", SENTENCES[0] + "\n" + SENTENCES[1] + "\n")
    write("fuzz_txt", "bom-crlf.txt", "\ufeffHeadline\r\n\r\nBody " + SENTENCES[2] + "\r\n")
    write("fuzz_txt", "invalid-utf8.txt", b"Putin \xff\xfe met \xc3( Kim \xed\xa0\x80 in \xf4\x90\x80\x80 Seoul\n")
    write("fuzz_txt", "truncated-utf8.txt", b"Kim Jong \xe2\x82")
    for i, s in enumerate(ODD):
        write("fuzz_txt", "odd-%d.txt" % i, s)
    for i, s in enumerate(SENTENCES + ODD):
        write("fuzz_extract", "article-%d.txt" % i, s)
    write("fuzz_extract", "headline.txt", "Putin Meets Kim in Vostochny\n\n" + " ".join(SENTENCES))
    write("fuzz_extract", "quotes.txt", "\"It is a good day,\" said Lionel Messi. 'Yes,' Kim said. \u201cNo\u201d, Putin replied.")
    write("fuzz_extract", "invalid-utf8.txt", b"Angela \xff Merkel met Emmanuel \xc3 Macron in Paris.")


def jsonl_seeds():
    lines = [
        {"id": "a1", "text": SENTENCES[0], "title": "Putin meets Kim", "url": "https://example.org/a1",
         "date": "2023-09-13", "source": "Example"},
        {"id": 42, "text": SENTENCES[2], "title": None},
        {"id": 1.5, "text": ODD[1]},
    ]
    write("fuzz_jsonl", "valid.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    write("fuzz_jsonl", "escapes.jsonl", '{"id":"e\\u00e9\\ud83d\\ude00","text":"a\\nb\\t\\"c\\"\\\\ \\u0000"}\n')
    write("fuzz_jsonl", "bom-blank.jsonl", "\ufeff\n   \n" + json.dumps({"id": "b", "text": "x"}) + "\r\n\u3000\n")
    write("fuzz_jsonl", "duplicate.jsonl", '{"id":"d","text":"x"}\n{"id":"d","text":"y"}\n')
    bad = [
        '{"id":"x"}', '{"text":"x"}', '{"id":"","text":"x"}', '{"id":true,"text":"x"}', '{"id":"x","text":5}',
        '{"id":"x","text":"y","title":7}', '[1,2,3]', '{"id":"x","text":"y"', '{"id":"x",,}', 'nul',
        '{"id":"x","text":"\\ud800"}', '{"id":"x","text":"y"} trailing', '"just a string"',
        '{"id":-0,"text":"y"}', '{"id":1e400,"text":"y"}', '{"id":18446744073709551616,"text":"y"}',
    ]
    for i, line in enumerate(bad):
        write("fuzz_jsonl", "bad-%02d.jsonl" % i, line + "\n")
    write("fuzz_jsonl", "invalid-utf8.jsonl", b'{"id":"x","text":"\xff"}\n')
    write("fuzz_jsonl", "deep.jsonl", "[" * 2000 + "\n")
    write("fuzz_jsonl", "deep-object.jsonl", '{"id":"x","text":"y","extra":' + "[" * 1000 + "]" * 1000 + "}\n")


def graph(nodes, edges, articles):
    return {"articles": articles, "nodes": nodes, "edges": edges}


def node(i, t, label, **kw):
    n = {"id": i, "type": t, "label": label, "aliases": kw.get("aliases", []), "mentions": kw.get("mentions", 1),
         "article_ids": kw.get("articles", ["a1"]), "place_kind": kw.get("place_kind", ""),
         "country_code": kw.get("country_code", ""), "titles": kw.get("titles", []), "quote": kw.get("quote", ""),
         "evidence": kw.get("evidence", [{"article": "a1", "start": 0, "end": 5}])}
    return n


def edge(s, t, rel, **kw):
    return {"source": s, "target": t, "relation": rel, "title": kw.get("title", ""), "weight": kw.get("weight", 1),
            "articles": kw.get("articles", 1),
            "evidence": kw.get("evidence", [{"article": "a1", "sentence": [0, 20], "source": [0, 5], "target": [10, 15]}])}


def graph_seeds():
    g = graph([node("person:putin", "person", "Vladimir Putin", aliases=["Putin"], titles=["President"]),
               node("place:russia", "place", "Russia", place_kind="country", country_code="RU"),
               node("quote:1", "quotation", "We will help", quote="We will help them build satellites")],
              [edge("person:putin", "place:russia", "holds_position", title="President"),
               edge("person:putin", "quote:1", "said")], ["a1"])
    write("fuzz_graph_json", "small.json", json.dumps(g, ensure_ascii=False))
    odd = graph([node("person:\ufffe", "person", "Mr \uffffPutin\x01\x1f", aliases=["\ufffe"]),
                 node("person:", "person", "Kim \u202e\u0000"),
                 node("org:x", "organization", "<&>\"'", quote="\\N \\G")],
                [edge("person:\ufffe", "person:", "met_with", weight=40, articles=3),
                 edge("person:", "org:x", "co_mentioned")], ["a1", "a\ufffe"])
    write("fuzz_graph_json", "noncharacters.json", json.dumps(odd, ensure_ascii=False))
    write("fuzz_graph_json", "noncharacters-escaped.json", json.dumps(odd, ensure_ascii=True))
    sources = {
        "articles": ["a1"], "nodes": [], "edges": [],
        "sources": [{"id": "a1",
                     "mentions": [{"start": 0, "end": 5, "text": "Putin", "type": "person", "title": "",
                                   "title_span": [0, 0], "entity": 0},
                                  {"start": 10, "end": 15, "text": "Kim", "type": "person", "title": "",
                                   "title_span": [0, 0], "entity": None}],
                     "entities": [{"id": "e0", "type": "person", "name": "Putin", "aliases": [], "mentions": [0],
                                   "place_kind": "", "country_code": "", "titles": [], "quote": ""}],
                     "relations": [{"type": "met_with", "source": 0, "target": 0, "source_span": [0, 5],
                                    "target_span": [10, 15], "sentence": [0, 20], "title": "", "cue": "met",
                                    "confidence": 0.9}]}]}
    write("fuzz_graph_json", "sources.json", json.dumps(sources))
    bad = ['{}', '[]', '{"articles":[],"nodes":[],"edges":[]}', '{"articles":[1],"nodes":[],"edges":[]}',
           '{"articles":[],"nodes":[{"id":"a"}],"edges":[]}', '{"articles":[],"nodes":[],"edges":[{"source":"x"}]}',
           '{"sources":[{"id":"a","mentions":[],"entities":[],"relations":[{"type":"met_with","source":5}]}]}',
           '[' * 3000, '{"a":' * 1500 + '1' + '}' * 1500, '{"nodes": nul']
    for i, b in enumerate(bad):
        write("fuzz_graph_json", "bad-%02d.json" % i, b)


def model_seeds():
    """Mode byte (bit 0: relation classifier, bit 1: checksum made right) + file."""
    tagger = open(os.path.join(ROOT, "models", "ner-en.bin"), "rb").read()
    relation = open(os.path.join(ROOT, "models", "rel-en.bin"), "rb").read()
    # The tagger's header: magic, 6 fixed fields, tag set, scale, conventions, row count.
    fixed = 8 + 4 + 4 + 4 + 8 + 4 + 4
    tagset_len = struct.unpack_from("<I", tagger, fixed - 4)[0]
    head = fixed + tagset_len
    for n in (0, 8, 20, fixed, head, head + 8, head + 16, head + 64):
        write("fuzz_models", "tagger-truncated-%d.bin" % n, b"\x00" + tagger[:n])
        write("fuzz_models", "relation-truncated-%d.bin" % n, b"\x01" + relation[:n])
    # Small well-formed taggers: 2^12 buckets, a few rows of made-up weights, in format version
    # 1 (no conventions word, as models/ner-en.bin) and 2 (conventions: glued period).
    version = struct.unpack_from("<I", tagger, 8)[0]
    scale = tagger[head:head + 4]
    bits, rows = 12, [3, 77, 1000, 4095]
    width = 16
    bitmap = bytearray((1 << bits) // 8)
    for r in rows:
        bitmap[r // 8] |= 1 << (r % 8)
    weights = bytes([0, 1, 8, 3]) + bytes((i * 37 + 11) % 256 for i in range(len(rows) * width))
    small_taggers = {}
    for v, conventions in ((1, b""), (2, struct.pack("<I", 1))):
        body = bytearray(tagger[:8]) + struct.pack("<I", v) + tagger[12:16] + struct.pack("<I", bits)
        body += tagger[20:head] + scale + conventions + struct.pack("<Q", len(rows)) + bitmap + weights
        small_taggers[v] = bytes(body) + struct.pack("<Q", fnv1a(body))
        write("fuzz_models", "tagger-small-v%d.bin" % v, b"\x00" + small_taggers[v])
        write("fuzz_models", "tagger-small-v%d-fix.bin" % v, b"\x02" + small_taggers[v])
    small_tagger = small_taggers[2]
    assert version in small_taggers
    # A small well-formed relation classifier: its header and its first rows.
    n = 6
    label_count = struct.unpack_from("<I", relation, 8 + 12)[0]
    row_bytes = 4 + 4 * label_count
    rbody = bytearray(relation[:8 + 20]) + struct.pack("<I", n) + relation[32:32 + n * row_bytes]
    small_relation = bytes(rbody) + struct.pack("<Q", fnv1a(rbody))
    write("fuzz_models", "relation-small.bin", b"\x01" + small_relation)
    write("fuzz_models", "relation-small-fix.bin", b"\x03" + small_relation)
    # Bit flips in the headers, checksum kept right so that they reach the field checks.
    for name, mode, data, upto in (("tagger", 2, small_tagger, head + 20), ("relation", 3, small_relation, 32)):
        for bit in range(0, upto * 8, 13):
            flipped = bytearray(data)
            flipped[bit // 8] ^= 1 << (bit % 8)
            write("fuzz_models", "%s-flip-%04d.bin" % (name, bit), bytes([mode]) + bytes(flipped))


text_seeds()
jsonl_seeds()
graph_seeds()
model_seeds()
