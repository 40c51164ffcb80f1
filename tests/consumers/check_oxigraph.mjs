// Loads a newsgraph JSON-LD file into the Oxigraph RDF store and checks it with SPARQL against
// the plain JSON export of the same graph.
//
// Usage: node check_oxigraph.mjs FILE.jsonld --json FILE.json
//          [--who-met NAME]... [--positions-in NAME]...
//          [--expect-met "NAME=OTHER"]... [--expect-position "PLACE=PERSON"]...
//
// Checks:
// - Oxigraph's own JSON-LD parser reads the file offline, and gives the same number of quads
//   as jsonld.js turned into N-Quads (loaded into a second store);
// - every node of the JSON is one resource <urn:newsgraph:ID> with its type (schema:Person,
//   schema:Organization, schema:Place, schema:Quotation, or ng:Group: schema.org has no class
//   for a collective actor) and its name as schema:name; the entity and ng:Relation counts equal
//   the JSON's node and edge counts; each edge is a direct triple <source> ng:RELATION <target>;
// - a node with "wikidata" in the JSON has one schema:sameAs, its Wikidata entity IRI, and one
//   with "lat"/"lon" one schema:geo, a schema:GeoCoordinates with those numbers as xsd:double
//   schema:latitude and schema:longitude; other nodes have neither;
// - questions answered with SPARQL equal the answers computed from the plain JSON (the same
//   questions as check_kuzu.mjs: --who-met, --positions-in), through the direct triples and
//   through the reified ng:Relation resources alike; each must have an answer, and
//   --expect-met / --expect-position name answers (label or alternateName) that must be among
//   them.
// Prints a one-line summary; exits 1 with a message on the first failure.
//
// oxigraph and jsonld are pinned in tests/js/package.json; install them with `npm ci` there.
import {
  checkQuestions, factsFor, failer, jsonAnswers, parseArgs, readInputs, requirePackages, sameList, sorted,
} from './graph_questions.mjs';

const fail = failer('check_oxigraph');
const [oxigraph, jsonld] = requirePackages('check_oxigraph', ['oxigraph', 'jsonld']);

const BASE = 'urn:newsgraph:';
const NG = 'urn:newsgraph:vocab:';
const PREFIXES = 'PREFIX schema: <https://schema.org/> PREFIX ng: <urn:newsgraph:vocab:> ' +
                 'PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ';
const TYPE_IRI = {
  Person: 'https://schema.org/Person',
  Organization: 'https://schema.org/Organization',
  Place: 'https://schema.org/Place',
  Quotation: 'https://schema.org/Quotation',
  Group: `${NG}Group`,
};

/// The IRI of a node id, percent-encoding every byte outside ALPHA / DIGIT / "-._~/:" as the
/// JSON-LD writer documents (written here independently of it).
function nodeIri(id) {
  let out = BASE;
  for (const b of Buffer.from(id, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~/:]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/// The Wikidata entity IRI of an id, percent-encoding every byte outside ALPHA / DIGIT / "-._~"
/// as the JSON-LD writer documents (written here independently of it).
function wikidataIri(id) {
  let out = 'http://www.wikidata.org/entity/';
  for (const b of Buffer.from(id, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/// A SPARQL string literal holding `s`.
const sparqlString = (s) => JSON.stringify(s);

function select(store, query) {
  try {
    return store.query(PREFIXES + query);
  } catch (e) {
    fail(`SPARQL failed: ${e.message}\n  ${query}`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2), 'check_oxigraph.mjs FILE.jsonld', fail);
  const { text, doc } = readInputs(args.file, args.json, fail);

  const store = new oxigraph.Store();
  try {
    store.load(text, { format: 'application/ld+json' });
  } catch (e) {
    fail(`${args.file}: Oxigraph's JSON-LD parser refused it: ${e.message}`);
  }
  let nquads;
  try {
    const documentLoader = async (url) => {
      throw new Error(`network access attempted: ${url}`);
    };
    nquads = await jsonld.toRDF(JSON.parse(text), { documentLoader, safe: true, format: 'application/n-quads' });
  } catch (e) {
    fail(`${args.file}: jsonld.js failed: ${e.message}`);
  }
  const viaJsonld = new oxigraph.Store();
  try {
    viaJsonld.load(nquads, { format: 'application/n-quads' });
  } catch (e) {
    fail(`the N-Quads of jsonld.js do not load: ${e.message}`);
  }
  if (store.size !== viaJsonld.size)
    fail(`Oxigraph reads ${store.size} quads, jsonld.js gives ${viaJsonld.size}`);

  // Counts.
  const typeList = Object.values(TYPE_IRI).map((t) => `<${t}>`).join(' ');
  const entities = select(store, `SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE { ?n a ?t VALUES ?t { ${typeList} } }`);
  const relations = select(store, 'SELECT (COUNT(DISTINCT ?r) AS ?c) WHERE { ?r a ng:Relation }');
  const nEntities = Number(entities[0].get('c').value);
  const nRelations = Number(relations[0].get('c').value);
  if (nEntities !== doc.nodes.length) fail(`${nEntities} typed entities, the JSON has ${doc.nodes.length} nodes`);
  if (nRelations !== doc.edges.length) fail(`${nRelations} ng:Relation, the JSON has ${doc.edges.length} edges`);

  // Every node: its type and its name; every edge: its direct triple.
  const RDF_TYPE = oxigraph.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
  const NAME = oxigraph.namedNode('https://schema.org/name');
  for (const n of doc.nodes) {
    const iri = oxigraph.namedNode(nodeIri(n.id));
    const types = store.match(iri, RDF_TYPE, null, null).map((q) => q.object.value);
    if (!sameList(types, [TYPE_IRI[n.type]])) fail(`${iri.value}: types ${JSON.stringify(types)}, expected ${TYPE_IRI[n.type]}`);
    const names = store.match(iri, NAME, null, null).map((q) => q.object.value);
    if (!sameList(names, n.label === '' ? [] : [n.label]))
      fail(`${iri.value}: schema:name ${JSON.stringify(names)}, the JSON's label is ${JSON.stringify(n.label)}`);
  }
  // The links: schema:sameAs the Wikidata entity, schema:geo a schema:GeoCoordinates node with
  // xsd:double schema:latitude and schema:longitude equal to the JSON's lat and lon; none on a
  // node without them.
  let linked = 0;
  let located = 0;
  for (const n of doc.nodes) {
    const iri = `<${nodeIri(n.id)}>`;
    const same = select(store, `SELECT ?w WHERE { ${iri} schema:sameAs ?w }`).map((b) => b.get('w'));
    const expected = n.wikidata === undefined ? [] : [wikidataIri(n.wikidata)];
    if (!sameList(same.map((w) => w.value), expected) || same.some((w) => w.termType !== 'NamedNode'))
      fail(`${iri}: schema:sameAs ${JSON.stringify(same.map((w) => w.value))}, expected ${JSON.stringify(expected)}`);
    linked += same.length;
    const geo = select(store, `SELECT ?lat ?lon WHERE { ${iri} schema:geo ?g . ?g a schema:GeoCoordinates ;
                                  schema:latitude ?lat ; schema:longitude ?lon }`);
    const points = geo.map((b) => [b.get('lat'), b.get('lon')]);
    if (n.lat === undefined) {
      if (select(store, `SELECT ?g WHERE { ${iri} schema:geo ?g }`).length !== 0) fail(`${iri}: schema:geo without lat/lon in the JSON`);
      continue;
    }
    const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';
    if (points.length !== 1 || points[0].some((l) => l.datatype.value !== XSD_DOUBLE) ||
        Number(points[0][0].value) !== n.lat || Number(points[0][1].value) !== n.lon)
      fail(`${iri}: schema:geo ${JSON.stringify(points.map((p) => p.map((l) => `${l.value}^^${l.datatype.value}`)))}, ` +
           `the JSON has ${n.lat}, ${n.lon}`);
    ++located;
  }

  for (const e of doc.edges) {
    const triple = [nodeIri(e.source), `${NG}${e.relation}`, nodeIri(e.target)].map((v) => oxigraph.namedNode(v));
    if (store.match(...triple, null).length !== 1) fail(`no triple <${triple.map((t) => t.value).join('> <')}>`);
  }

  // Questions, answered from the JSON alone and with SPARQL (direct triples, then reified).
  const answers = jsonAnswers(doc);
  const questions = [];
  const ask = (what, json, facts, direct, reified) => {
    const who = (rows) => sorted(rows.map((b) => b.get('who').value));
    const names = direct.flatMap((b) => [b.get('who').value, ...(b.get('alias') ? [b.get('alias').value] : [])]);
    questions.push({
      what, json, facts, answers: [['SPARQL', who(direct)], ['SPARQL over ng:Relation', who(reified)]], names,
    });
  };
  for (const name of args.whoMet) {
    const lit = sparqlString(name);
    ask(`who met ${name}`, answers.whoMet(name), factsFor(args.expectMet, name),
        select(store, `SELECT ?who ?alias WHERE { ?p a schema:Person ; schema:name ${lit} ; ng:met_with ?o .
                       ?o schema:name ?who . OPTIONAL { ?o schema:alternateName ?alias } }`),
        select(store, `SELECT ?who WHERE { ?p a schema:Person ; schema:name ${lit} .
                       ?r a ng:Relation ; ng:relation ng:met_with .
                       { ?r ng:source ?p ; ng:target ?o } UNION { ?r ng:target ?p ; ng:source ?o }
                       ?o schema:name ?who }`));
  }
  for (const name of args.positionsIn) {
    const lit = sparqlString(name);
    ask(`who holds a position in ${name}`, answers.positionsIn(name), factsFor(args.expectPosition, name),
        select(store, `SELECT ?who ?alias WHERE { ?p a schema:Person ; ng:holds_position ?x ; schema:name ?who .
                       ?x schema:name ${lit} . OPTIONAL { ?p schema:alternateName ?alias } }`),
        select(store, `SELECT ?who WHERE { ?r a ng:Relation ; ng:relation ng:holds_position ; ng:source ?p ;
                       ng:target ?x . ?p a schema:Person ; schema:name ?who . ?x schema:name ${lit} }`));
  }
  checkQuestions('check_oxigraph', args, questions, fail);

  console.log(`check_oxigraph: ${args.file}: ${store.size} quads, ${nEntities} entities, ${nRelations} relations, ` +
              `${linked} sameAs, ${located} geo, ` +
              `equal to ${args.json}, ${questions.length} questions: ok`);
}

main().catch((e) => fail(e.stack || String(e)));
