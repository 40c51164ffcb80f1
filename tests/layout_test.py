#!/usr/bin/env python3
"""Checks the shape of the source tree, so that the layout the README describes stays true:

1. Include direction. The stage folders of src/ (and of include/newsgraph/) form layers, listed
   below from the bottom up; a file may include the headers of its own folder and of the folders
   below it, never of a folder above. The library targets enforce the same order at link time
   (newsgraph::core cannot call newsgraph::export or newsgraph::train); this check catches an
   include before it becomes a link error, and catches it inside one target too.
2. Size. No source file (.cpp, .hpp) over 800 lines; no function over 150 lines. Functions are
   found on clang-formatted code: a line that ends with "{" and opens a function body (it has a
   parameter list and is not a control statement, class, namespace or lambda) starts one, and
   the first later line holding only "}" (or "};") at the same indentation ends it.

Usage: layout_test.py ROOT. Prints every violation, one per line, and exits 1 when there is any.
"""
import os
import re
import sys

# Bottom to top. The position is the layer; a folder may include folders of lower or equal
# position only (equal: itself).
LAYERS = [
    "util",
    "vocab",
    "ingest",
    "knowledge",
    "text",
    "ner",
    "resolve",
    "relations",
    "merge",
    "pipeline",
    "export",
    "render",
    "corpora",
    "eval",
    "train",
    "cli",
]
RANK = {name: i for i, name in enumerate(LAYERS)}
# Folders above every library folder that may include any of them.
TOP = {"cli"}
# Headers that are not a stage's: the umbrella header sits above every library folder.
UMBRELLA = "newsgraph/newsgraph.hpp"

MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 150

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
CONTROL = re.compile(r"^\s*(if|else|for|while|switch|do|try|catch|return)\b")
TYPE_OR_SCOPE = re.compile(r"^\s*(namespace|class|struct|union|enum|extern)\b")


def folder_of_include(path):
    """The stage folder an include names ("newsgraph/ner/tagger.hpp" or "ner/name_cues.hpp"),
    or None when it names no stage folder."""
    parts = path.split("/")
    if parts[0] == "newsgraph" and len(parts) >= 3:
        return parts[1]
    if parts[0] in RANK and len(parts) >= 2:
        return parts[0]
    return None


def folder_of_file(root, path):
    rel = os.path.relpath(path, root).split(os.sep)
    if rel[0] == "src" and len(rel) >= 3:
        return rel[1]
    if rel[0] == "include" and len(rel) >= 4 and rel[1] == "newsgraph":
        return rel[2]
    return None


def source_files(root):
    for top in ("src", "include"):
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                if name.endswith((".cpp", ".hpp")):
                    yield os.path.join(dirpath, name)


def check_includes(root, path, lines, problems):
    folder = folder_of_file(root, path)
    rel = os.path.relpath(path, root)
    if folder is None:
        if rel.replace(os.sep, "/") not in ("include/" + UMBRELLA,):
            problems.append(f"{rel}: not inside a stage folder (one of {', '.join(LAYERS)})")
        return
    if folder not in RANK:
        problems.append(f"{rel}: unknown stage folder '{folder}' (add it to LAYERS in {__file__})")
        return
    for number, line in enumerate(lines, 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        target = m.group(1)
        if target == UMBRELLA:
            if folder not in TOP:
                problems.append(f"{rel}:{number}: includes the umbrella header; include the stage headers it needs")
            continue
        other = folder_of_include(target)
        if other is None:
            continue
        if other not in RANK:
            problems.append(f"{rel}:{number}: includes '{target}' from unknown folder '{other}'")
        elif RANK[other] > RANK[folder]:
            problems.append(f"{rel}:{number}: {folder}/ includes '{target}' from {other}/, a higher layer")


def statement_start(lines, i):
    """The first line of the statement or declaration that line `i` ends."""
    j = i
    while j > 0:
        prev = lines[j - 1].strip()
        if (not prev or prev.endswith((";", "{", "}", ":")) or prev.startswith(("//", "#", "/*", "*"))
                or prev.endswith("*/")):
            break
        j -= 1
    return j


def opens_function(text):
    """Whether `text`, a whole statement ending with "{", opens a function body."""
    if CONTROL.match(text) or TYPE_OR_SCOPE.match(text) or text.lstrip().startswith(("//", "#", "}")):
        return False
    head = text.split("(")[0]
    if "(" not in text or "=" in head or "[" in head or "return" in head.split():
        return False  # no parameter list, an initialiser or a lambda
    return text.rstrip().endswith(("{", ") const {", "override {", "noexcept {"))


def check_functions(rel, lines, problems):
    for i, line in enumerate(lines):
        if not line.rstrip().endswith("{"):
            continue
        start = statement_start(lines, i)
        text = " ".join(lines[k].strip() for k in range(start, i + 1))
        if not opens_function(lines[start][: len(lines[start]) - len(lines[start].lstrip())] + text):
            continue
        indent = len(lines[start]) - len(lines[start].lstrip())
        end = i + 1
        while end < len(lines):
            other = lines[end]
            if other.strip() in ("}", "};") and len(other) - len(other.lstrip()) == indent:
                break
            end += 1
        length = end - start + 1
        if end < len(lines) and length > MAX_FUNCTION_LINES:
            problems.append(f"{rel}:{start + 1}: function of {length} lines (at most {MAX_FUNCTION_LINES}): "
                            f"{text[:70]}")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    problems = []
    for path in source_files(root):
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        rel = os.path.relpath(path, root)
        if len(lines) > MAX_FILE_LINES:
            problems.append(f"{rel}: {len(lines)} lines (at most {MAX_FILE_LINES})")
        check_includes(root, path, lines, problems)
        check_functions(rel, lines, problems)
    for p in problems:
        print(p)
    if problems:
        print(f"layout_test: {len(problems)} problem(s)")
        return 1
    print("layout_test: include directions, file and function sizes are as the README says")
    return 0


if __name__ == "__main__":
    sys.exit(main())
