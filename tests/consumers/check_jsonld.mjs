// Expands a newsgraph JSON-LD file with jsonld.js and converts it to N-Quads, offline.
//
// Usage: node check_jsonld.mjs FILE [--expect-nodes N] [--expect-relations M]
//
// The document loader throws on any fetch, so success proves the context is complete
// inline. Safe mode makes jsonld.js fail on any term it would silently drop. Checks that
// every entity has an rdf:type and (when named) a schema:name triple carrying its exact
// name, that every reified ng:Relation also appears as a direct triple
// <source> ng:<relation> <target>, that weights are xsd:integer, that a `sameAs` is one
// schema:sameAs IRI and a `geo` one schema:GeoCoordinates node with xsd:double schema:latitude
// and schema:longitude equal to the numbers written. Prints the counts.
//
// jsonld is pinned in tests/js/package.json; install it with `npm ci` in tests/js.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const jsDir = new URL('../js/', import.meta.url);
if (!existsSync(new URL('node_modules/jsonld/package.json', jsDir))) {
  console.error('check_jsonld: tests/js/node_modules is missing: run `npm ci` in tests/js ' +
                '(scripts/test.sh does this)');
  process.exit(2);
}
const jsonld = createRequire(new URL('package.json', jsDir))('jsonld');

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SCHEMA = 'https://schema.org/';
const NG = 'urn:newsgraph:vocab:';
const XSD_INTEGER = 'http://www.w3.org/2001/XMLSchema#integer';
const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';

function fail(msg) {
  console.error(`check_jsonld: ${msg}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { file: null, expectNodes: null, expectRelations: null };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--expect-nodes') args.expectNodes = Number(argv[++i]);
    else if (a === '--expect-relations') args.expectRelations = Number(argv[++i]);
    else if (!args.file) args.file = a;
    else fail(`unexpected argument ${a}`);
  }
  if (!args.file) fail('usage: check_jsonld.mjs FILE [--expect-nodes N] [--expect-relations M]');
  return args;
}

const documentLoader = async (url) => {
  throw new Error(`network access attempted: ${url}`);
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let doc;
  try {
    doc = JSON.parse(readFileSync(args.file, 'utf8'));
  } catch (e) {
    fail(`${args.file}: not JSON: ${e.message}`);
  }
  const options = { documentLoader, safe: true };

  let expanded;
  let quads;
  let nquads;
  try {
    expanded = await jsonld.expand(doc, options);
    quads = await jsonld.toRDF(doc, options);
    nquads = await jsonld.toRDF(doc, { ...options, format: 'application/n-quads' });
  } catch (e) {
    fail(`${args.file}: jsonld.js failed: ${e.name}: ${e.message}` +
         (e.details ? ` ${JSON.stringify(e.details).slice(0, 500)}` : ''));
  }
  if (!Array.isArray(expanded)) fail('expansion did not give an array');

  const graph = doc['@graph'];
  if (!Array.isArray(graph)) fail('no @graph array');
  const entities = graph.filter((n) => n.type !== 'Relation');
  const relations = graph.filter((n) => n.type === 'Relation');
  if (args.expectNodes !== null && entities.length !== args.expectNodes)
    fail(`${entities.length} entities, expected ${args.expectNodes}`);
  if (args.expectRelations !== null && relations.length !== args.expectRelations)
    fail(`${relations.length} relations, expected ${args.expectRelations}`);

  const key = (s, p, o) => `${s}\u0000${p}\u0000${o}`;
  const iriTriples = new Set();
  const literals = new Map();  // subject + predicate -> [{value, datatype}]
  for (const q of quads) {
    if (q.object.termType === 'Literal') {
      const k = `${q.subject.value}\u0000${q.predicate.value}`;
      if (!literals.has(k)) literals.set(k, []);
      literals.get(k).push({ value: q.object.value, datatype: q.object.datatype.value });
    } else {
      iriTriples.add(key(q.subject.value, q.predicate.value, q.object.value));
    }
  }
  const literal = (s, p) => literals.get(`${s}\u0000${p}`) || [];

  // The links: sameAs is an IRI (the Wikidata entity), geo a node typed schema:GeoCoordinates
  // whose schema:latitude and schema:longitude are the numbers written, as xsd:double.
  const objects = (s, p) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
  let sameAs = 0;
  let geo = 0;
  for (const n of entities) {
    const same = objects(n.id, SCHEMA + 'sameAs');
    if (n.sameAs === undefined ? same.length !== 0 : same.length !== 1 || same[0].termType !== 'NamedNode' ||
        same[0].value !== n.sameAs)
      fail(`${n.id}: schema:sameAs ${JSON.stringify(same.map((o) => o.value))}, the document says ${n.sameAs}`);
    sameAs += same.length;
    const g = objects(n.id, SCHEMA + 'geo');
    if (n.geo === undefined) {
      if (g.length !== 0) fail(`${n.id}: schema:geo without geo in the document`);
      continue;
    }
    if (g.length !== 1) fail(`${n.id}: ${g.length} schema:geo`);
    const at = g[0].value;
    if (!iriTriples.has(key(at, RDF_TYPE, SCHEMA + 'GeoCoordinates'))) fail(`${n.id}: geo is not a schema:GeoCoordinates`);
    for (const axis of ['latitude', 'longitude']) {
      const l = literal(at, SCHEMA + axis);
      if (l.length !== 1 || l[0].datatype !== XSD_DOUBLE || Number(l[0].value) !== n.geo[axis])
        fail(`${n.id}: schema:${axis} ${JSON.stringify(l)}, the document says ${n.geo[axis]} (as xsd:double)`);
    }
    ++geo;
  }

  let names = 0;
  for (const n of entities) {
    // schema.org has no class for a collective actor: Group nodes are typed ng:Group.
    const typeIri = (n.type === 'Group' ? NG : SCHEMA) + n.type;
    if (!iriTriples.has(key(n.id, RDF_TYPE, typeIri))) fail(`${n.id}: no rdf:type ${typeIri}`);
    if (n.name !== undefined) {
      if (!literal(n.id, SCHEMA + 'name').some((l) => l.value === n.name))
        fail(`${n.id}: no schema:name triple with ${JSON.stringify(n.name)}`);
      ++names;
    }
  }

  let relationTriples = 0;
  const predicates = new Set();
  for (const r of relations) {
    const predicate = NG + r.relation;
    if (!iriTriples.has(key(r.source, predicate, r.target)))
      fail(`no triple <${r.source}> <${predicate}> <${r.target}>`);
    if (!iriTriples.has(key(r.id, NG + 'relation', predicate))) fail(`${r.id}: ng:relation is not <${predicate}>`);
    const weight = literal(r.id, NG + 'weight');
    if (weight.length !== 1 || weight[0].datatype !== XSD_INTEGER || weight[0].value !== String(r.weight))
      fail(`${r.id}: weight is not "${r.weight}"^^xsd:integer`);
    predicates.add(predicate);
  }
  for (const t of iriTriples) {
    const p = t.split('\u0000')[1];
    if (predicates.has(p)) ++relationTriples;
  }

  const lines = nquads.split('\n').filter((l) => l.length > 0).length;
  if (lines !== quads.length) fail(`N-Quads has ${lines} lines for ${quads.length} quads`);
  console.log(`check_jsonld: ${args.file}: ${quads.length} quads, ${entities.length} entities, ` +
              `${relations.length} relations, ${names} schema:name, ${sameAs} schema:sameAs, ${geo} schema:geo, ` +
              `${relationTriples} relation triples ` +
              `over ${predicates.size} predicates: ok`);
}

main().catch((e) => fail(e.stack || String(e)));
