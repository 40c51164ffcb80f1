// What the graph database checks (check_kuzu.mjs, check_oxigraph.mjs, check_cypher_neo4j.mjs)
// share: failing with the check's name, loading the npm packages pinned in tests/js, reading
// the file under test with the plain JSON export, the question options, and what the plain JSON
// alone says: its nodes and edges as property rows, and the answers to the questions.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/// A function that prints "CHECK: message" to stderr and exits 1.
export function failer(check) {
  return (msg) => {
    console.error(`${check}: ${msg}`);
    process.exit(1);
  };
}

/// The npm packages `names`, loaded from tests/js/node_modules, in order. Exits 2 with a message
/// when one is missing (naming it where `names` has several).
export function requirePackages(check, names) {
  const jsDir = new URL('../js/', import.meta.url);
  for (const name of names) {
    if (!existsSync(new URL(`node_modules/${name}/package.json`, jsDir))) {
      const where = names.length === 1 ? 'tests/js/node_modules' : `tests/js/node_modules/${name}`;
      console.error(`${check}: ${where} is missing: run \`npm ci\` in tests/js (scripts/test.sh does this)`);
      process.exit(2);
    }
  }
  const require = createRequire(new URL('package.json', jsDir));
  return names.map((name) => require(name));
}

/// The command line FILE --json FILE.json [--who-met NAME]... [--positions-in NAME]...
/// [--expect-met NAME=ANSWER]... [--expect-position NAME=ANSWER]..., as { file, json, whoMet,
/// positionsIn, expectMet, expectPosition } with the expectations as [NAME, ANSWER] pairs.
/// `usage` is the check's script and file, e.g. "check_kuzu.mjs FILE.kuzu.cypher".
export function parseArgs(argv, usage, fail) {
  const args = { file: null, json: null, whoMet: [], positionsIn: [], expectMet: [], expectPosition: [] };
  const pair = (s, what) => {
    const at = s.indexOf('=');
    if (at <= 0) fail(`${what} expects NAME=ANSWER, got ${JSON.stringify(s)}`);
    return [s.slice(0, at), s.slice(at + 1)];
  };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--json') args.json = value();
    else if (a === '--who-met') args.whoMet.push(value());
    else if (a === '--positions-in') args.positionsIn.push(value());
    else if (a === '--expect-met') args.expectMet.push(pair(value(), a));
    else if (a === '--expect-position') args.expectPosition.push(pair(value(), a));
    else if (!args.file) args.file = a;
    else fail(`unexpected argument ${a}`);
  }
  if (!args.file || !args.json) fail(`usage: ${usage} --json FILE.json [questions]`);
  return args;
}

/// The text of `file` and the parsed plain JSON export `jsonFile`: { text, doc }.
export function readInputs(file, jsonFile, fail) {
  try {
    return { text: readFileSync(file, 'utf8'), doc: JSON.parse(readFileSync(jsonFile, 'utf8')) };
  } catch (e) {
    fail(e.message);
  }
}

/// Rows as JSON lines with their keys sorted, the lines sorted: equal for equal sets of rows.
export const canonical = (rows) =>
  rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))).sort();

/// The properties of a JSON node as the Cypher exports write them (evidence as parallel lists).
export function expectedNode(n) {
  return {
    id: n.id, type: n.type, label: n.label, aliases: n.aliases, mentions: n.mentions, articles: n.articles,
    article_ids: n.article_ids, place_kind: n.place_kind, country_code: n.country_code, titles: n.titles,
    quote: n.quote, evidence_articles: n.evidence.map((e) => e.article),
    evidence_starts: n.evidence.map((e) => e.start), evidence_ends: n.evidence.map((e) => e.end),
  };
}

/// The links of a JSON node as the Cypher exports write them, only those it has: `wikidata`
/// (a string), and the coordinates, for Neo4j the point `location` ({latitude, longitude}), for
/// Kùzu the numbers `latitude` and `longitude`. The JSON writes "lat" and "lon" with 5
/// decimals; JSON.parse gives the same doubles as the databases' parsers.
export function expectedLinks(n, dialect) {
  const out = {};
  if (n.wikidata !== undefined) out.wikidata = n.wikidata;
  if ((n.lat === undefined) !== (n.lon === undefined)) throw new Error(`node ${n.id}: lat without lon`);
  if (n.lat !== undefined) {
    if (dialect === 'neo4j') out.location = { latitude: n.lat, longitude: n.lon };
    else Object.assign(out, { latitude: n.lat, longitude: n.lon });
  }
  return out;
}

/// A JSON edge as a relationship row: its ends, its type and its properties as the Cypher exports
/// write them.
export function expectedRel(e) {
  return {
    source: e.source, target: e.target, type: e.relation.toUpperCase(), relation: e.relation, title: e.title,
    cameo: e.cameo, weight: e.weight, articles: e.articles, evidence_articles: e.evidence.map((v) => v.article),
    evidence_sentence_starts: e.evidence.map((v) => v.sentence[0]),
    evidence_sentence_ends: e.evidence.map((v) => v.sentence[1]),
    evidence_source_starts: e.evidence.map((v) => v.source[0]),
    evidence_source_ends: e.evidence.map((v) => v.source[1]),
    evidence_target_starts: e.evidence.map((v) => v.target[0]),
    evidence_target_ends: e.evidence.map((v) => v.target[1]),
  };
}

/// The distinct items, sorted.
export const sorted = (xs) => [...new Set(xs)].sort();
export const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/// The questions, answered from the plain JSON alone: sorted distinct labels.
export function jsonAnswers(doc) {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  return {
    /// Whatever is linked to a person labelled `name` by met_with, either way.
    whoMet(name) {
      const people = new Set(doc.nodes.filter((n) => n.type === 'Person' && n.label === name).map((n) => n.id));
      const out = [];
      for (const e of doc.edges) {
        if (e.relation !== 'met_with') continue;
        if (people.has(e.source)) out.push(byId.get(e.target).label);
        if (people.has(e.target)) out.push(byId.get(e.source).label);
      }
      return sorted(out);
    },
    /// The persons with holds_position to a node labelled `name`.
    positionsIn(name) {
      const out = [];
      for (const e of doc.edges) {
        const s = byId.get(e.source);
        if (e.relation === 'holds_position' && s.type === 'Person' && byId.get(e.target).label === name)
          out.push(s.label);
      }
      return sorted(out);
    },
  };
}

/// The answers that `expectations` ([NAME, ANSWER] pairs) require of the question about `name`.
export const factsFor = (expectations, name) => expectations.filter(([n]) => n === name).map(([, who]) => who);

/// Checks the questions asked, in order, and prints each one's answer as "CHECK: what: answer".
/// Each question is { what, json, facts, names, answers }: `json` the answer from the plain JSON,
/// `answers` [SOURCE, answer] pairs from the database (each must equal `json`; the first is the
/// one printed), `names` the labels and aliases of the first answer, of which every fact must be
/// one. Fails first on an expectation whose question is not asked, then on the first question
/// that has no answer in the JSON or differs.
export function checkQuestions(check, args, questions, fail) {
  for (const [name] of args.expectMet)
    if (!args.whoMet.includes(name)) fail(`--expect-met ${name}=... without --who-met ${name}`);
  for (const [name] of args.expectPosition)
    if (!args.positionsIn.includes(name)) fail(`--expect-position ${name}=... without --positions-in ${name}`);
  for (const q of questions) {
    if (q.json.length === 0) fail(`${q.what}: the JSON export has no answer, so the question tests nothing`);
    for (const [source, answer] of q.answers)
      if (!sameList(answer, q.json))
        fail(`${q.what}: ${source} answers ${JSON.stringify(answer)}, the JSON export ${JSON.stringify(q.json)}`);
    const shown = q.answers[0][1];
    for (const fact of q.facts)
      if (!q.names.includes(fact))
        fail(`${q.what}: ${JSON.stringify(fact)} is not among ${JSON.stringify(shown)} nor their aliases`);
    console.log(`${check}: ${q.what}: ${shown.join(', ')}`);
  }
}
