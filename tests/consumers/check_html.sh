#!/usr/bin/env bash
# Opens the HTML report of the sample articles in headless Chromium, as a reader would, and
# checks what it shows:
#  - a screenshot (1400x1000) exists, is a PNG of that size and is not one flat colour;
#  - the DOM after the page's script ran (--dump-dom) has data-ready="1" (the script ran), one
#    entity row per node and one relation row per edge of the graph's JSON, the inline SVG
#    drawing, and the "N of N entities" line;
#  - opened with #filter=WORD, exactly the rows whose text holds WORD (ignoring case) are
#    visible, checked against the rows' own text.
# Runs as root in CI containers, hence --no-sandbox.
# Usage: check_html.sh NEWSGRAPH_BIN SAMPLES_DIR OUT_DIR
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: check_html.sh NEWSGRAPH_BIN SAMPLES_DIR OUT_DIR" >&2
  exit 2
fi
bin=$1
samples=$2
out=$(mkdir -p "$3" && cd "$3" && pwd)
python=/usr/bin/python3
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "check_html: chromium is not installed (scripts/setup.sh installs it)" >&2
  exit 2
fi

rm -rf "$out/profile" "$out"/report.{html,png} "$out"/dom*.html "$out/samples.json"
"$bin" build --quiet "$samples" -o "$out/report.html" -o "$out/samples.json"

# One fresh profile, so that no earlier run or other user's state is involved.
browse() {
  timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$out/profile" --window-size=1400,1000 "$@" 2>"$out/chromium.log"
}
browse --screenshot="$out/report.png" "file://$out/report.html" >/dev/null
browse --dump-dom "file://$out/report.html" >"$out/dom.html"
browse --dump-dom "file://$out/report.html#filter=putin" >"$out/dom-filter.html"

"$python" - "$out" <<'PY'
import json, sys
from html.parser import HTMLParser
from PIL import Image

out = sys.argv[1]
problems = []

img = Image.open(f"{out}/report.png").convert("RGB")
if img.size != (1400, 1000):
    problems.append(f"screenshot is {img.size}, expected (1400, 1000)")
colours = img.getcolors(maxcolors=1 << 20) or []
if len(colours) < 20:
    problems.append(f"screenshot has only {len(colours)} colours: the page looks empty")
white = sum(n for n, c in colours if c == (255, 255, 255))
if white > 0.97 * img.size[0] * img.size[1]:
    problems.append("screenshot is almost all white")


class Rows(HTMLParser):
    """The rows of both tables: table id, hidden or not, text; and what else the page holds."""

    def __init__(self):
        super().__init__()
        self.rows, self.table, self.row, self.in_body = [], None, None, False
        self.ready = self.svg = False
        self.shown = ""
        self.in_shown = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body" and a.get("data-ready") == "1":
            self.ready = True
        if tag == "svg":
            self.svg = True
        if tag == "table":
            self.table = a.get("id")
        if tag == "tbody":
            self.in_body = True
        if tag == "tr" and self.in_body:
            self.row = [self.table, "hidden" in a, ""]
        if tag == "span" and a.get("id") == "shown":
            self.in_shown = True

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        if tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        if tag == "span":
            self.in_shown = False

    def handle_data(self, data):
        if self.row is not None:
            self.row[2] += data
        if self.in_shown:
            self.shown += data


graph = json.load(open(f"{out}/samples.json", encoding="utf-8"))
nodes, edges = len(graph["nodes"]), len(graph["edges"])
page = Rows()
page.feed(open(f"{out}/dom.html", encoding="utf-8").read())
entity_rows = [r for r in page.rows if r[0] == "entity-table"]
relation_rows = [r for r in page.rows if r[0] == "relation-table"]
if not page.ready:
    problems.append("the page's script did not run (no data-ready)")
if not page.svg:
    problems.append("no inline SVG drawing")
if len(entity_rows) != nodes or len(relation_rows) != edges:
    problems.append(f"{len(entity_rows)} entity rows and {len(relation_rows)} relation rows, "
                    f"expected {nodes} and {edges}")
if any(r[1] for r in page.rows):
    problems.append("rows hidden without a filter")
want = f"{nodes} of {nodes} entities, {edges} of {edges} relations shown"
if page.shown != want:
    problems.append(f"shown line is {page.shown!r}, expected {want!r}")

filtered = Rows()
filtered.feed(open(f"{out}/dom-filter.html", encoding="utf-8").read())
visible = [r for r in filtered.rows if not r[1]]
if not visible or len(visible) == len(filtered.rows):
    problems.append(f"#filter=putin shows {len(visible)} of {len(filtered.rows)} rows")
for table, hidden, text in filtered.rows:
    if hidden == ("putin" in text.lower()):
        problems.append(f"#filter=putin: row {text[:60]!r} of {table} is {'hidden' if hidden else 'shown'}")

for p in problems[:20]:
    print("check_html:", p, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"check_html: report of {nodes} entities and {edges} relations renders, script ran, filter works: ok")
PY
