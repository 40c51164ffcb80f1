#!/usr/bin/env python3
"""Checks that a Graphviz SVG drawing made by `newsgraph render` is legible.

Usage: check_render.py FILE.svg [--expect-nodes N] [--max-width W] [--max-height H] [--min-font PT]

Fails (exit 1, one line per problem) when
  - two nodes overlap: the bounding boxes of their shapes (ellipse, polygon, path) intersect;
  - an edge label overlaps a node or another edge label: label boxes are estimated from the
    text's position, anchor, font size and length (0.55 em per character, which is wider than
    Helvetica's average, so the check errs towards finding overlaps);
  - the drawing does not fit on one screen: its viewBox is larger than W x H points;
  - a text is smaller than PT points once the drawing's scale is applied;
  - with --expect-nodes, the drawing does not hold exactly N nodes.
"""
import argparse
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
# Boxes may touch; anything beyond this many points of overlap is a problem.
TOLERANCE = 0.5


def numbers(text):
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text or "")]


def shape_box(g):
    """The bounding box (x0, y0, x1, y1) of a node's shape, or None."""
    xs, ys = [], []
    for el in g.iter():
        tag = el.tag.replace(SVG, "")
        if tag == "ellipse":
            cx, cy = float(el.get("cx")), float(el.get("cy"))
            rx, ry = float(el.get("rx")), float(el.get("ry"))
            xs += [cx - rx, cx + rx]
            ys += [cy - ry, cy + ry]
        elif tag in ("polygon", "polyline"):
            pts = numbers(el.get("points"))
            xs += pts[0::2]
            ys += pts[1::2]
        elif tag == "path":
            pts = numbers(el.get("d"))
            xs += pts[0::2]
            ys += pts[1::2]
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def text_box(el):
    """The estimated box of one <text> element."""
    size = float(el.get("font-size", "14"))
    x, y = float(el.get("x")), float(el.get("y"))
    width = 0.55 * size * len(el.text or "")
    anchor = el.get("text-anchor", "start")
    x0 = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return (x0, y - 0.8 * size, x0 + width, y + 0.2 * size)


def overlap(a, b):
    return (min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE and
            min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("svg")
    ap.add_argument("--expect-nodes", type=int)
    ap.add_argument("--max-width", type=float, default=2000)
    ap.add_argument("--max-height", type=float, default=1400)
    ap.add_argument("--min-font", type=float, default=8)
    args = ap.parse_args()

    root = ET.parse(args.svg).getroot()
    problems = []
    view = numbers(root.get("viewBox"))
    if len(view) != 4:
        problems.append("no viewBox")
    elif view[2] > args.max_width or view[3] > args.max_height:
        problems.append(f"viewBox {view[2]:.0f}x{view[3]:.0f} exceeds {args.max_width:.0f}x{args.max_height:.0f}")

    graph = next(g for g in root.iter(SVG + "g") if g.get("class") == "graph")
    scale = numbers(re.search(r"scale\(([^)]*)\)", graph.get("transform", "scale(1)")).group(1))[0]

    nodes = []   # (name, box)
    labels = []  # (edge name, text, box)
    for g in graph.iter(SVG + "g"):
        kind = g.get("class")
        title = g.find(SVG + "title")
        name = title.text if title is not None else g.get("id")
        if kind == "node":
            box = shape_box(g)
            if box is None:
                problems.append(f"node {name} has no shape")
            else:
                nodes.append((name, box))
        elif kind == "edge":
            for t in g.iter(SVG + "text"):
                labels.append((name, t.text, text_box(t)))
    for t in root.iter(SVG + "text"):
        size = float(t.get("font-size", "14")) * scale
        if size < args.min_font:
            problems.append(f"text {t.text!r} is {size:.1f} pt once scaled by {scale}")

    for i in range(len(nodes)):
        for j in range(i + 1, len(nodes)):
            if overlap(nodes[i][1], nodes[j][1]):
                problems.append(f"nodes {nodes[i][0]!r} and {nodes[j][0]!r} overlap")
    for name, text, box in labels:
        for node, nbox in nodes:
            if overlap(box, nbox):
                problems.append(f"label {text!r} of edge {name!r} overlaps node {node!r}")
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            # The lines of one multi-line label are one label.
            if labels[i][0] != labels[j][0] and overlap(labels[i][2], labels[j][2]):
                problems.append(f"labels {labels[i][1]!r} ({labels[i][0]}) and {labels[j][1]!r} "
                                f"({labels[j][0]}) overlap")
    if args.expect_nodes is not None and len(nodes) != args.expect_nodes:
        problems.append(f"{len(nodes)} nodes drawn, expected {args.expect_nodes}")

    for p in problems:
        print(f"check_render: {args.svg}: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"check_render: {args.svg}: {len(nodes)} nodes, {len(labels)} edge label lines, "
          f"viewBox {view[2]:.0f}x{view[3]:.0f}, scale {scale}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
