// Loads a newsgraph Cypher script for Kùzu (build -o FILE.kuzu.cypher) into an in-memory Kùzu
// database twice and checks it against the plain JSON export of the same graph.
//
// Usage: node check_kuzu.mjs FILE.kuzu.cypher --json FILE.json
//          [--who-met NAME]... [--positions-in NAME]...
//          [--expect-met "NAME=OTHER"]... [--expect-position "PLACE=PERSON"]...
//
// Checks:
// - the script runs as one query, and running it again changes nothing: the same nodes,
//   relationships and property values (MERGE on the node id, and on source, type, target
//   and title);
// - the database holds exactly the JSON's nodes and edges: node counts, relationship counts,
//   and every property (strings byte for byte, lists, counts, evidence) of every node and edge;
//   the columns of the links (wikidata, latitude, longitude) are in every node table exactly
//   when some node of the JSON has them, and hold its wikidata, lat and lon (null without);
// - questions answered with Cypher in Kùzu equal the answers computed from the plain JSON:
//   --who-met NAME: the persons, organizations, ... linked to the person NAME by MET_WITH,
//   either way; --positions-in NAME: the persons with HOLDS_POSITION to the node NAME. Each
//   question must have an answer in the JSON, and --expect-met / --expect-position name
//   answers that must be among them (general facts about the input).
// Prints a one-line summary; exits 1 with a message on the first failure.
//
// kuzu is pinned in tests/js/package.json (its npm package carries prebuilt binaries); install
// it with `npm ci` in tests/js.
import {
  canonical, checkQuestions, expectedLinks, expectedNode, expectedRel, factsFor, failer, jsonAnswers, parseArgs, readInputs,
  requirePackages, sorted,
} from './graph_questions.mjs';

const fail = failer('check_kuzu');
const [kuzu] = requirePackages('check_kuzu', ['kuzu']);

/// Runs `query` (one or more statements) and returns the rows of every statement.
async function run(conn, query, what) {
  let results;
  try {
    results = await conn.query(query);
  } catch (e) {
    fail(`${what}: Kùzu refused it: ${e.message}`);
  }
  const rows = [];
  for (const r of Array.isArray(results) ? results : [results]) rows.push(await r.getAll());
  return rows;
}

/// One prepared query with parameters; its rows.
async function ask(conn, query, params) {
  try {
    const stmt = await conn.prepare(query);
    if (!stmt.isSuccess()) fail(`${query}: ${stmt.getErrorMessage()}`);
    return await (await conn.execute(stmt, params)).getAll();
  } catch (e) {
    fail(`${query}: ${e.message}`);
  }
}

const NODE_COLUMNS = ['id', 'type', 'label', 'aliases', 'mentions', 'articles', 'article_ids', 'place_kind',
                      'country_code', 'titles', 'quote', 'evidence_articles', 'evidence_starts', 'evidence_ends'];
const REL_COLUMNS = ['relation', 'title', 'cameo', 'weight', 'articles', 'evidence_articles',
                     'evidence_sentence_starts', 'evidence_sentence_ends', 'evidence_source_starts',
                     'evidence_source_ends', 'evidence_target_starts', 'evidence_target_ends'];

/// The columns of the links (ALTER TABLE ... ADD IF NOT EXISTS when the graph has them).
const LINK_COLUMNS = ['wikidata', 'latitude', 'longitude'];

/// The link columns that every node table has, failing when only some tables have one.
async function linkColumns(conn) {
  const tables = ['Person', 'Organization', 'Place', 'Quotation', 'Group'];
  const has = new Map(LINK_COLUMNS.map((c) => [c, 0]));
  for (const t of tables) {
    const [rows] = await run(conn, `CALL table_info('${t}') RETURN name`, `table_info(${t})`);
    for (const { name } of rows) if (has.has(name)) has.set(name, has.get(name) + 1);
  }
  for (const [c, n] of has) if (n !== 0 && n !== tables.length) fail(`column ${c} is in ${n} of ${tables.length} node tables`);
  return LINK_COLUMNS.filter((c) => has.get(c) === tables.length);
}

/// Every node and relationship with every property, as canonical JSON lines sorted.
async function snapshot(conn) {
  const columns = [...NODE_COLUMNS, ...await linkColumns(conn)];
  const nodes = await run(conn, `MATCH (n) RETURN label(n) AS node_table, ${
    columns.map((c) => `n.${c} AS ${c}`).join(', ')}`, 'node dump');
  const rels = await run(conn, `MATCH (a)-[r]->(b) RETURN a.id AS source, b.id AS target, label(r) AS type, ${
    REL_COLUMNS.map((c) => `r.${c} AS ${c}`).join(', ')}`, 'relationship dump');
  return { nodes: nodes[0], rels: rels[0], linkColumns: columns.slice(NODE_COLUMNS.length) };
}

/// Compares two lists of rows as sets of canonical lines; fails naming the first difference.
function sameRows(actual, expected, what) {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a.length !== e.length) fail(`${what}: ${a.length} in Kùzu, ${e.length} expected`);
  const missing = e.filter((x) => !a.includes(x));
  if (missing.length > 0) {
    const extra = a.filter((x) => !e.includes(x));
    fail(`${what} differ:\n  expected ${missing[0].slice(0, 600)}\n  Kùzu has ${(extra[0] || '').slice(0, 600)}`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2), 'check_kuzu.mjs FILE.kuzu.cypher', fail);
  const { text: script, doc } = readInputs(args.file, args.json, fail);

  const db = new kuzu.Database(':memory:');
  const conn = new kuzu.Connection(db);
  await run(conn, script, `${args.file} (first import)`);
  const first = await snapshot(conn);
  await run(conn, script, `${args.file} (second import)`);
  const second = await snapshot(conn);
  sameRows(second.nodes, first.nodes, 'nodes after the second import');
  sameRows(second.rels, first.rels, 'relationships after the second import');

  if (second.nodes.length !== doc.nodes.length)
    fail(`${second.nodes.length} nodes, the JSON has ${doc.nodes.length}`);
  if (second.rels.length !== doc.edges.length)
    fail(`${second.rels.length} relationships, the JSON has ${doc.edges.length}`);
  // The link columns exist exactly when some node of the JSON has the link, and hold null for
  // the nodes without.
  const wanted = LINK_COLUMNS.filter((c) => doc.nodes.some((n) => expectedLinks(n, 'kuzu')[c] !== undefined));
  if (JSON.stringify(second.linkColumns) !== JSON.stringify(wanted))
    fail(`link columns ${JSON.stringify(second.linkColumns)}, the JSON has values for ${JSON.stringify(wanted)}`);
  const links = (n) => {
    const have = expectedLinks(n, 'kuzu');
    return Object.fromEntries(wanted.map((c) => [c, have[c] === undefined ? null : have[c]]));
  };
  sameRows(second.nodes, doc.nodes.map((n) => ({ node_table: n.type, ...expectedNode(n), ...links(n) })), 'nodes');
  sameRows(second.rels, doc.edges.map(expectedRel), 'relationships');

  const answers = jsonAnswers(doc);
  const questions = [];
  // A question's rows are the answers' labels and aliases: a fact matches either, so it holds
  // whichever spelling the merge chose as the canonical name.
  const question = (what, rows, json, facts) => ({
    what, json, facts, answers: [['Kùzu', sorted(rows.map((r) => r.who))]],
    names: rows.flatMap((r) => [r.who, ...r.aliases]),
  });
  for (const name of args.whoMet) {
    const rows = await ask(
        conn, 'MATCH (p:Person)-[:MET_WITH]-(o) WHERE p.label = $name RETURN o.label AS who, o.aliases AS aliases',
        { name });
    questions.push(question(`who met ${name}`, rows, answers.whoMet(name), factsFor(args.expectMet, name)));
  }
  for (const name of args.positionsIn) {
    const rows = await ask(conn,
                           'MATCH (p:Person)-[:HOLDS_POSITION]->(x) WHERE x.label = $name ' +
                               'RETURN p.label AS who, p.aliases AS aliases',
                           { name });
    questions.push(question(`who holds a position in ${name}`, rows, answers.positionsIn(name),
                            factsFor(args.expectPosition, name)));
  }
  checkQuestions('check_kuzu', args, questions, fail);

  console.log(`check_kuzu: ${args.file}: ${second.nodes.length} nodes, ${second.rels.length} relationships, ` +
              `imported twice, equal to ${args.json}, ${questions.length} questions: ok`);
}

main().catch((e) => fail(e.stack || String(e)));
