// Checks a newsgraph Cypher script for Neo4j (build -o FILE.cypher) with Neo4j's own Cypher
// front end, and reads its values back by Neo4j's rules to compare them with the plain JSON
// export of the same graph.
//
// Usage: node check_cypher_neo4j.mjs FILE.cypher --json FILE.json [--lint all|shapes]
//
// Checks:
// - every line is a comment or one complete statement, and each statement passes the parser
//   and semantic analysis of @neo4j-cypher/language-support (Neo4j's Cypher 5 grammar and
//   checks, as in Neo4j's tools) without any error or warning. That takes some 50 ms a
//   statement, so `--lint shapes` lints only the first statement of each shape (the statement
//   with its string literals, numbers and list items blanked out) and relies on the reading
//   below for the literals of the others; the default `all` lints every statement;
// - the first statement creates the uniqueness constraint on :Entity(id), then nodes are
//   MERGEd on {id} and relationships on {title} between two matched nodes, each key at most
//   once, so running the script twice changes nothing;
// - read back with Neo4j's string escapes (\\ \' \" \b \t \n \f \r \uXXXX \UXXXXXXXX, decoded
//   here independently of newsgraph), the nodes (labels :Entity and the type, every property)
//   and relationships (type, every property) equal the JSON's nodes and edges exactly; the links
//   only where the JSON has them: `wikidata`, and `location` as point({latitude, longitude})
//   with the JSON's "lat" and "lon".
// Prints a one-line summary; exits 1 with a message on the first failure.
//
// @neo4j-cypher/language-support is pinned in tests/js/package.json; `npm ci` there.
import {
  canonical, expectedLinks, expectedNode, expectedRel, failer, readInputs, requirePackages,
} from './graph_questions.mjs';

const fail = failer('check_cypher_neo4j');
const [{ lintCypherQuery }] = requirePackages('check_cypher_neo4j', ['@neo4j-cypher/language-support']);

/// A cursor over one statement that reads the fixed shapes newsgraph writes.
class Reader {
  constructor(text, where) {
    this.s = text;
    this.i = 0;
    this.where = where;
  }
  fail(msg) {
    fail(`${this.where}: ${msg} at column ${this.i}: ${JSON.stringify(this.s.slice(this.i, this.i + 40))}`);
  }
  expect(token) {
    if (!this.s.startsWith(token, this.i)) this.fail(`expected ${JSON.stringify(token)}`);
    this.i += token.length;
  }
  accept(token) {
    if (!this.s.startsWith(token, this.i)) return false;
    this.i += token.length;
    return true;
  }
  name() {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected a name');
    this.i += m[0].length;
    return m[0];
  }
  /// `Name` in backticks.
  quotedName() {
    this.expect('`');
    const n = this.name();
    this.expect('`');
    return n;
  }
  /// A single-quoted string literal, decoded by Neo4j's escape rules.
  string() {
    this.expect("'");
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.fail('unterminated string');
      const c = this.s[this.i++];
      if (c === "'") return out;
      if (c === '\n' || c === '\r') this.fail('raw line break in a string');
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.i++];
      const simple = { '\\': '\\', "'": "'", '"': '"', b: '\b', t: '\t', n: '\n', f: '\f', r: '\r' };
      if (e in simple) {
        out += simple[e];
      } else if (e === 'u' || e === 'U') {
        const digits = e === 'u' ? 4 : 8;
        const hex = this.s.slice(this.i, this.i + digits);
        if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) this.fail(`bad \\${e} escape`);
        this.i += digits;
        out += String.fromCodePoint(parseInt(hex, 16));
      } else {
        this.fail(`escape \\${e} is not one of Neo4j's`);
      }
    }
  }
  integer() {
    const m = /^[0-9]+/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected an integer');
    this.i += m[0].length;
    return Number(m[0]);
  }
  /// A decimal number as Cypher writes it: an optional '-', digits, '.', digits.
  decimal() {
    const m = /^-?[0-9]+\.[0-9]+/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected a decimal number');
    this.i += m[0].length;
    return Number(m[0]);
  }
  /// point({latitude: X, longitude: Y}): a WGS 84 point, as { latitude, longitude }.
  point() {
    this.expect('point({latitude: ');
    const latitude = this.decimal();
    this.expect(', longitude: ');
    const longitude = this.decimal();
    this.expect('})');
    return { latitude, longitude };
  }
  value() {
    if (this.s[this.i] === "'") return this.string();
    if (this.s.startsWith('point(', this.i)) return this.point();
    if (/[-0-9]/.test(this.s[this.i]) && /^-?[0-9]+\./.test(this.s.slice(this.i))) return this.decimal();
    if (this.s[this.i] !== '[') return this.integer();
    this.expect('[');
    const items = [];
    while (!this.accept(']')) {
      if (items.length > 0) this.expect(', ');
      items.push(this.value());
    }
    return items;
  }
  /// " SET v:`Label`, v.key = value, ..." into labels and properties.
  assignments(variable, labels, props) {
    this.expect(' SET ');
    do {
      this.expect(variable);
      if (this.accept(':')) {
        labels.push(this.quotedName());
      } else {
        this.expect('.');
        const key = this.name();
        this.expect(' = ');
        if (key in props) this.fail(`${key} set twice`);
        props[key] = this.value();
      }
    } while (this.accept(', '));
  }
  end() {
    this.expect(';');
    if (this.i !== this.s.length) this.fail('text after the statement');
  }
}

/// A statement with every string literal (read strictly, as Reader.string does) turned into
/// '?', every number into 0, and every list into []: statements of one shape differ only in
/// their values.
function shapeOf(text, where) {
  const r = new Reader(text, where);
  let out = '';
  while (r.i < text.length) {
    if (text[r.i] === "'") {
      r.string();
      out += '?';
    } else if (/[0-9]/.test(text[r.i])) {
      r.integer();
      out += '0';
    } else {
      out += text[r.i++];
    }
  }
  return out.replace(/\[(?:[?0](?:, [?0])*)?\]/g, '[]');
}

function sameRows(actual, expected, what) {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a.length !== e.length) fail(`${what}: ${a.length} in the script, ${e.length} in the JSON`);
  const missing = e.filter((x) => !a.includes(x));
  if (missing.length > 0) {
    const extra = a.filter((x) => !e.includes(x));
    fail(`${what} differ:\n  JSON   ${missing[0].slice(0, 600)}\n  script ${(extra[0] || '').slice(0, 600)}`);
  }
}

function main() {
  const argv = process.argv.slice(2);
  let file = null;
  let jsonFile = null;
  let lint = 'all';
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--json' && i + 1 < argv.length) jsonFile = argv[++i];
    else if (argv[i] === '--lint' && i + 1 < argv.length) lint = argv[++i];
    else if (!file) file = argv[i];
    else fail(`unexpected argument ${argv[i]}`);
  }
  if (!file || !jsonFile || !['all', 'shapes'].includes(lint))
    fail('usage: check_cypher_neo4j.mjs FILE.cypher --json FILE.json [--lint all|shapes]');
  const { text: script, doc } = readInputs(file, jsonFile, fail);
  if (!script.endsWith('\n')) fail(`${file}: does not end with a line feed`);
  const statements = script.slice(0, -1).split('\n').map((text, k) => ({ text, line: k + 1 }))
                         .filter((s) => !s.text.startsWith('//'));

  const shapes = new Set();
  let linted = 0;
  for (const s of statements) {
    if (lint === 'shapes') {
      const shape = shapeOf(s.text, `${file}:${s.line}`);
      if (shapes.has(shape)) continue;
      shapes.add(shape);
    }
    ++linted;
    const problems = lintCypherQuery(s.text, {});
    if (problems.length > 0)
      fail(`${file}:${s.line}: Neo4j's front end reports: ${problems.map((p) => p.message).join('; ')}\n  ` +
           s.text.slice(0, 300));
  }

  if (statements.length === 0 ||
      statements[0].text !== 'CREATE CONSTRAINT newsgraph_entity_id IF NOT EXISTS FOR (n:`Entity`) REQUIRE n.id IS UNIQUE;')
    fail(`${file}: the first statement is not the uniqueness constraint on :Entity(id)`);
  const nodes = [];
  const rels = [];
  const nodeKeys = new Set();
  const relKeys = new Set();
  for (const s of statements.slice(1)) {
    const r = new Reader(s.text, `${file}:${s.line}`);
    if (r.accept('MERGE (n:`Entity` {id: ')) {
      const props = { id: r.string() };
      r.expect('})');
      const labels = ['Entity'];
      r.assignments('n', labels, props);
      r.end();
      if (nodeKeys.has(props.id)) r.fail(`node ${JSON.stringify(props.id)} merged twice`);
      nodeKeys.add(props.id);
      nodes.push({ labels, ...props });
    } else {
      r.expect('MATCH (a:`Entity` {id: ');
      const source = r.string();
      r.expect('}) MATCH (b:`Entity` {id: ');
      const target = r.string();
      r.expect('}) MERGE (a)-[r:');
      const type = r.quotedName();
      r.expect(' {title: ');
      const title = r.string();
      r.expect('}]->(b)');
      const props = { title };
      r.assignments('r', [], props);
      r.end();
      const key = JSON.stringify([source, type, target, title]);
      if (relKeys.has(key)) r.fail(`relationship ${key} merged twice`);
      relKeys.add(key);
      rels.push({ source, target, type, ...props });
    }
  }

  sameRows(nodes, doc.nodes.map((n) => ({ labels: ['Entity', n.type], ...expectedNode(n), ...expectedLinks(n, 'neo4j') })),
           'nodes');
  sameRows(rels, doc.edges.map(expectedRel), 'relationships');
  console.log(`check_cypher_neo4j: ${file}: ${linted} of ${statements.length} statements linted, all pass ` +
              'Neo4j\'s front end; ' +
              `${nodes.length} nodes, ${rels.length} relationships equal to ${jsonFile}: ok`);
}

main();
