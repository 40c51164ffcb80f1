#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/): small inputs of our own
that reach the readers' branches, and, for fuzz_models, truncated and bit-flipped headers and
small well-formed models made from the real models of models/ (whose own 1-2 MB are too large
for a corpus), and, for fuzz_kb, a small knowledge snapshot written here (the format of
src/knowledge/snapshot_format.hpp; data/knowledge.kb is 3.7 MB) with damaged variants.
Deterministic: running it again writes the same files.

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


# ---- fuzz_kb: knowledge snapshots (src/knowledge/snapshot_format.hpp) --------------------------

MASK64 = (1 << 64) - 1
KB_MUL = 0x9E3779B97F4A7C15


def kb_key_hash(key):
    """snapshot::key_hash: where a key goes in a table."""
    h = 0x2545F4914F6CDD1D ^ ((len(key) * KB_MUL) & MASK64)
    for at in range(0, len(key), 8):
        v = int.from_bytes(key[at:at + 8], "little")
        h = ((h ^ v) * KB_MUL) & MASK64
        h ^= h >> 29
    h = (h * 0xBF58476D1CE4E5B9) & MASK64
    return h ^ (h >> 32)


def kb_checksum(data):
    """snapshot::checksum of the bytes after the header."""
    lane = [0x243F6A8885A308D3, 0x13198A2E03707344, 0xA4093822299F31D0, 0x082EFA98EC4E6C89]
    i = 0
    while i + 32 <= len(data):
        for k in range(4):
            v = int.from_bytes(data[i + 8 * k:i + 8 * k + 8], "little")
            lane[k] = ((lane[k] ^ v) * KB_MUL) & MASK64
            lane[k] ^= lane[k] >> 31
        i += 32
    h = lane[0]
    for k in range(1, 4):
        h = ((h ^ lane[k]) * KB_MUL) & MASK64
        h ^= h >> 29
    for b in data[i:]:
        h = ((h ^ b) * KB_MUL) & MASK64
        h ^= h >> 29
    h = ((h ^ len(data)) * KB_MUL) & MASK64
    return h ^ (h >> 32)


def kb_fix(data):
    """The snapshot `data` with its header's size and checksum made right."""
    data = bytearray(data)
    struct.pack_into("<Q", data, 16, len(data))
    struct.pack_into("<Q", data, 24, kb_checksum(bytes(data[64:])))
    return bytes(data)


# A tiny knowledge: entries (type: 1 organization, 2 place; kind: 0 none, 1 country,
# 2 subdivision, 3 city, 4 region), surfaces (entry index or None: only the beginning of a longer
# surface), word lists, demonyms and codes (-> entry index), nicknames.
KB_ENTRIES = [
    (2, 1, "Russia", "RU", "Q159", ["Russian Federation", "Rossiya"], (61.5, 105.3), 146000000),
    (2, 1, "United States", "US", "Q30", ["USA", "U.S.", "America"], (39.8, -98.6), 331000000),
    (2, 1, "North Korea", "KP", "Q423", ["DPRK", "Democratic People's Republic of Korea"], (40.0, 127.0), 0),
    (2, 1, "Curaçao", "CW", "Q25279", ["Curacao", "Kòrsou"], (12.2, -69.0), 150000),
    (2, 3, "Moscow", "RU", "Q649", [], (55.75, 37.62), 12000000),
    (2, 3, "Anchorage", "US", "", ["Ancorage"], (61.2, -149.9), 290000),
    (2, 2, "Alaska", "US", "Q797", [], None, 0),
    (2, 4, "Middle East", "", "", ["Near East"], None, 0),
    (1, 0, "NATO", "", "Q7184", ["North Atlantic Treaty Organization", "OTAN"], None, 0),
    (1, 0, "International Criminal Court", "", "Q47488", ["ICC"], None, 0),
]
KB_SURFACES = {
    "Russia": 0, "Russian Federation": 0, "Rossiya": 0, "United": None, "United States": 1, "U.S.": 1,
    "USA": 1, "America": 1, "North": None, "North Korea": 2, "DPRK": 2, "Curaçao": 3, "Curacao": 3,
    "Moscow": 4, "Anchorage": 5, "Alaska": 6, "Middle": None, "Middle East": 7, "NATO": 8,
    "North Atlantic": None, "North Atlantic Treaty": None, "North Atlantic Treaty Organization": 8,
    "International": None, "International Criminal": None, "International Criminal Court": 9, "ICC": 9,
}
KB_WORDS = {
    4: ["president", "foreign minister", "secretary general", "adm.", "gen.", "prime minister"],
    5: ["president", "foreign", "secretary", "adm.", "gen.", "prime"],
    6: ["foreign", "prime", "deputy", "vice", "former"],
    7: ["ministry", "court", "council", "bank", "committee"],
    8: ["Inc.", "Corp.", "Ltd.", "LLC", "plc"],
    11: ["Sergey", "Maria", "Dan", "Vladimir", "Kim", "Daniel", "Maurice", "Mohamed"],
    12: ["van", "de", "bin", "al"],
    13: ["tensions", "meanwhile", "trump", "president"],
    14: ["Monday", "January", "I", "Christmas", "He"],
    15: ["Fort", "Mount", "Lake"],
    16: ["stadium", "airport", "cosmodrome", "river", "square"],
}
KB_DEMONYMS = {"Russian": 0, "Russians": 0, "American": 1, "Americans": 1, "North Korean": 2}
KB_CODES = {"RU": 0, "US": 1, "KP": 2, "CW": 3}
KB_NICKNAMES = [("Daniel", "Dan"), ("Maurice", "Mo"), ("Mohamed", "Mo")]


class KbPool:
    def __init__(self):
        self.data = bytearray()
        self.at = {}

    def add(self, s):
        b = s.encode("utf-8") if isinstance(s, str) else s
        if b not in self.at:
            self.at[b] = len(self.data)
            self.data += b
        return self.at[b], len(b)


def kb_table(pool, items):
    """A table section: slot count, key count, slots, records sorted by key."""
    records = sorted((k.encode("utf-8"), v) for k, v in items)
    slots = 16
    while slots < 2 * len(records):
        slots *= 2
    slot = [0] * slots
    for r, (key, _) in enumerate(records):
        i = kb_key_hash(key) & (slots - 1)
        while slot[i]:
            i = (i + 1) & (slots - 1)
        slot[i] = r + 1
    out = struct.pack("<II", slots, len(records)) + struct.pack("<%dI" % slots, *slot)
    for key, value in records:
        off, size = pool.add(key)
        out += struct.pack("<IIII", off, size, value, kb_key_hash(key) >> 32)
    return out


def kb_sections():
    """The sections of the tiny knowledge, by id; Entries holds (pool offset, size) triples to lay
    out once the Strings section's place is known."""
    pool = KbPool()
    entry_strings = [(pool.add(e[2]), pool.add(e[4]), pool.add("\x1f".join(e[5]))) for e in KB_ENTRIES]
    sections = {}
    extends = {s for s in KB_SURFACES for t in KB_SURFACES if t.startswith(s + " ")}
    sections[3] = kb_table(pool, [(s, (0 if e is None else e + 1) | (0x80000000 if s in extends else 0))
                                  for s, e in KB_SURFACES.items()])
    for sid, words in KB_WORDS.items():
        sections[sid] = kb_table(pool, [(w, 0) for w in words])
    sections[9] = kb_table(pool, KB_DEMONYMS.items())
    sections[10] = kb_table(pool, KB_CODES.items())
    nick = struct.pack("<I", len(KB_NICKNAMES))
    for formal, short in KB_NICKNAMES:
        nick += struct.pack("<II", *pool.add(formal)) + struct.pack("<II", *pool.add(short))
    sections[17] = nick
    sections[18] = ("max_entity_tokens=4\nmax_title_tokens=2\nentries=%d\nentries.countries=4\n"
                    "entries.cities=2\n" % len(KB_ENTRIES)).encode()
    sections[1] = bytes(pool.data)
    sections[2] = entry_strings
    return sections


def kb_entry(e, strings, self_at, strings_at):
    def rel(off_size):
        off, size = off_size
        return (strings_at + off - self_at, size) if size else (0, 0)
    entry_type, kind, _, code, _, _, coords, population = e
    lat, lon = coords if coords else (float("nan"), float("nan"))
    return (struct.pack("<iIiIiI", *rel(strings[0]), *rel(strings[1]), *rel(strings[2])) +
            struct.pack("<ffIBB", lat, lon, population, entry_type, kind) + code.encode().ljust(2, b"\0"))


def kb_snapshot(edit=None, patch=None):
    """The tiny knowledge as a snapshot; `edit(sections)` may change the sections before they are
    laid out, `patch(body, offsets)` the bytes after (offsets: where each section starts)."""
    sections = kb_sections()
    if edit:
        edit(sections)
    order = sorted(sections)
    sizes = {i: (len(sections[i]) * 40 if i == 2 else len(sections[i])) for i in order}
    offsets, at = {}, 64 + 24 * len(order)
    for i in order:
        at = (at + 7) // 8 * 8
        offsets[i] = at
        at += sizes[i]
    at = (at + 7) // 8 * 8
    body = bytearray(at)
    for i in order:
        if i == 2:
            data = b"".join(kb_entry(e, s, offsets[2] + 40 * k, offsets[1])
                            for k, (e, s) in enumerate(zip(KB_ENTRIES, sections[2])))
        else:
            data = sections[i]
        body[offsets[i]:offsets[i] + len(data)] = data
    body[0:8] = b"NGKB\r\n\x1a\n"
    struct.pack_into("<II", body, 8, 1, len(order))
    for n, i in enumerate(order):
        struct.pack_into("<IIQQ", body, 64 + 24 * n, i, 0, offsets[i], sizes[i])
    if patch:
        patch(body, offsets)
    return kb_fix(body)


def kb_seeds():
    """Mode byte (bit 0: checksum made right, bit 1: size field made right, bit 2: the mention
    detectors run with the snapshot) + snapshot."""
    good = kb_snapshot()
    write("fuzz_kb", "tiny.kb", b"\x00" + good)
    write("fuzz_kb", "tiny-fix.kb", b"\x03" + good)
    write("fuzz_kb", "tiny-detect.kb", b"\x07" + good)
    # The real snapshot's header and section table, and truncations of the tiny one.
    real = open(os.path.join(ROOT, "data", "knowledge.kb"), "rb").read()
    sections = struct.unpack_from("<I", real, 12)[0]
    write("fuzz_kb", "real-head.kb", b"\x00" + real[:64 + 24 * sections])
    write("fuzz_kb", "real-head-fix.kb", b"\x03" + real[:64 + 24 * sections])
    for n in (0, 8, 12, 16, 24, 63, 64, 100, len(good) // 2, len(good) - 8):
        write("fuzz_kb", "truncated-%04d.kb" % n, b"\x00" + good[:n])
        write("fuzz_kb", "truncated-%04d-fix.kb" % n, b"\x03" + good[:n])
    write("fuzz_kb", "trailing.kb", b"\x00" + good + b"x")
    write("fuzz_kb", "version-2.kb", b"\x01" + good[:8] + b"\x02" + good[9:])
    # Bit flips in the header and section table, checksum made right.
    for bit in range(0, (64 + 24 * 18) * 8, 251):
        flipped = bytearray(good)
        flipped[bit // 8] ^= 1 << (bit % 8)
        write("fuzz_kb", "flip-%04d.kb" % bit, b"\x01" + bytes(flipped))

    # Sections that are well placed but wrong inside.
    def table(slots, count, slot, records=b""):
        return struct.pack("<II", slots, count) + struct.pack("<%dI" % len(slot), *slot) + records
    crafted = {
        "missing-meta": lambda s: s.pop(18),
        "empty-strings": lambda s: s.__setitem__(1, b""),
        "slots-not-power-of-two": lambda s: s.__setitem__(7, table(3, 0, [0, 0, 0])),
        "table-full": lambda s: s.__setitem__(7, table(1, 1, [1], struct.pack("<IIII", 0, 1, 0, 0))),
        "slot-past-records": lambda s: s.__setitem__(7, table(2, 1, [2, 0], struct.pack("<IIII", 0, 1, 0, 0))),
        "key-outside-strings": lambda s: s.__setitem__(7, table(2, 1, [1, 0], struct.pack("<IIII", 9999, 4, 0, 0))),
        "demonym-no-entry": lambda s: s.__setitem__(9, table(2, 1, [1, 0], struct.pack("<IIII", 0, 6, 99, 0))),
        "nicknames-short": lambda s: s.__setitem__(17, struct.pack("<I", 5)),
        "nickname-outside": lambda s: s.__setitem__(17, struct.pack("<IIIII", 1, 0, 99999, 0, 1)),
        "meta-huge-tokens": lambda s: s.__setitem__(18, b"max_entity_tokens=18446744073709551615\n"
                                                        b"max_title_tokens=99999999999999999999999\n"),
        "meta-no-newline": lambda s: s.__setitem__(18, b"max_entity_tokens=2"),
    }
    for name, edit in crafted.items():
        write("fuzz_kb", "crafted-%s.kb" % name, b"\x00" + kb_snapshot(edit))

    # Entries that are wrong (the first entry's record, and the first string: "Russia").
    def poke(at, fmt, value):
        return lambda body, offsets: struct.pack_into(fmt, body, offsets[at[0]] + at[1], value)
    patched = {
        "entry-string-outside": poke((2, 0), "<i", 1 << 20),
        "entry-string-before": poke((2, 0), "<i", -(1 << 20)),
        "entry-type-9": poke((2, 36), "<B", 9),
        "entry-kind-7": poke((2, 37), "<B", 7),
        "entry-invalid-utf8": poke((1, 1), "<B", 0xFF),
        "entry-country-byte": poke((2, 38), "<B", 0x80),
        "section-unaligned": lambda body, offsets: struct.pack_into("<Q", body, 64 + 8, offsets[1] + 4),
    }
    for name, patch in patched.items():
        write("fuzz_kb", "crafted-%s.kb" % name, b"\x00" + kb_snapshot(patch=patch))


text_seeds()
jsonl_seeds()
graph_seeds()
model_seeds()
kb_seeds()
