// The JavaScript baseline of scripts/bench.sh: runs the compromise NLP library over the same
// articles that `newsgraph extract` reads and prints one line of figures, like
// `newsgraph extract --stats`.
//
//   node compromise_bench.mjs FOLDER
//
// Reads every .txt file below FOLDER (recursively, as newsgraph does; a leading byte order mark
// is dropped, as newsgraph does), then for each article runs nlp(text) and collects the names of
// .people(), .organizations() and .places(). Only that work is timed (extract_s); loading the
// library (load_s) and reading the files (read_s) are timed separately.
//
// Words are counted the way compromise counts them: nlp(text).terms().length on the same parsed
// document, outside the timed part (punctuation belongs to its term and is not counted).
// ws_words is a plain whitespace split, for reference. words_per_s and mb_per_s (MB = 10^6
// bytes of UTF-8 text) are over extract_s.
//
// Output (stdout, one line of space-separated key=value fields):
//   compromise: stats: articles=N words=N ws_words=N bytes=N read_s=S load_s=S extract_s=S
//   words_per_s=R mb_per_s=R people=N organizations=N places=N
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

function fail(message) {
  process.stderr.write(`compromise_bench: error: ${message}\n`);
  process.exit(1);
}

/** Every regular .txt file below `dir`, in sorted path order. */
function txtFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && name.endsWith('.txt')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const fixed = (x, digits) => x.toFixed(digits);
const perSecond = (amount, seconds) => (seconds > 0 ? amount / seconds : 0);

const folder = process.argv[2];
if (!folder || process.argv.length > 3) fail('usage: node compromise_bench.mjs FOLDER');
let folderStat;
try {
  folderStat = statSync(folder);
} catch (e) {
  fail(`${folder}: ${e.message}`);
}
if (!folderStat.isDirectory()) fail(`${folder}: not a folder`);

let t = performance.now();
const lap = () => {
  const now = performance.now();
  const seconds = (now - t) / 1000;
  t = now;
  return seconds;
};

const texts = [];
let bytes = 0;
for (const path of txtFiles(folder)) {
  let text = readFileSync(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  bytes += Buffer.byteLength(text, 'utf8');
  texts.push(text);
}
if (texts.length === 0) fail(`${folder}: no .txt files`);
const readSeconds = lap();

const { default: nlp } = await import('compromise');
const loadSeconds = lap();

// The results are kept (and counted below) so that no call can be skipped as unused.
const people = [];
const organizations = [];
const places = [];
let extractSeconds = 0;
let words = 0;
let wsWords = 0;
for (const text of texts) {
  const start = performance.now();
  const doc = nlp(text);
  people.push(doc.people().out('array'));
  organizations.push(doc.organizations().out('array'));
  places.push(doc.places().out('array'));
  extractSeconds += (performance.now() - start) / 1000;
  words += doc.terms().length;
  wsWords += text.split(/\s+/).filter((w) => w.length > 0).length;
}
const total = (lists) => lists.reduce((n, list) => n + list.length, 0);

process.stdout.write(
  `compromise: stats: articles=${texts.length} words=${words} ws_words=${wsWords} bytes=${bytes} ` +
    `read_s=${fixed(readSeconds, 4)} load_s=${fixed(loadSeconds, 4)} extract_s=${fixed(extractSeconds, 4)} ` +
    `words_per_s=${fixed(perSecond(words, extractSeconds), 0)} ` +
    `mb_per_s=${fixed(perSecond(bytes / 1e6, extractSeconds), 3)} ` +
    `people=${total(people)} organizations=${total(organizations)} places=${total(places)}\n`,
);
