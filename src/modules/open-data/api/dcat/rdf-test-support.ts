import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { Parser, type Quad, Store } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';

/** The official DCAT-AP 3.0.1 shapes, copied into test/schemas/ (see its README). */
const shapesFolder = new URL('../../../../../test/schemas/dcat-ap-3.0.1/', import.meta.url);
const shacl = 'http://www.w3.org/ns/shacl#';

export const parseTurtle = (text: string): Quad[] => new Parser().parse(text);

export async function parseJsonLd(text: string): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(JSON.parse(text) as object, { format: 'application/n-quads' })) as unknown as string;
  return new Parser({ format: 'N-Quads' }).parse(nquads);
}

export function parseRdfXml(text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (quad: Quad) => quads.push(quad));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

/** Triples as comparable strings (every node is a URI, so no blank-node relabelling is needed). */
export const tripleSet = (quads: Quad[]): Set<string> =>
  new Set(quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType === 'Literal' ? JSON.stringify([q.object.value, q.object.language, q.object.datatype.value]) : q.object.value}`));

/** For each target class, the paths a shapes file requires (sh:minCount ≥ 1). */
export function requiredPaths(shapesFile: 'dcat-ap-SHACL.ttl' | 'shapes_recommended.ttl'): Map<string, Set<string>> {
  const store = new Store(parseTurtle(readFileSync(new URL(shapesFile, shapesFolder), 'utf8')));
  const required = new Map<string, Set<string>>();
  for (const shape of store.getSubjects(`${shacl}targetClass`, null, null)) {
    for (const targetClass of store.getObjects(shape, `${shacl}targetClass`, null)) {
      const paths = required.get(targetClass.value) ?? new Set<string>();
      for (const property of store.getObjects(shape, `${shacl}property`, null)) {
        const minCount = store.getObjects(property, `${shacl}minCount`, null)[0];
        const path = store.getObjects(property, `${shacl}path`, null)[0];
        if (minCount && Number(minCount.value) >= 1 && path?.termType === 'NamedNode') paths.add(path.value);
      }
      required.set(targetClass.value, paths);
    }
  }
  return required;
}

/** Properties of `paths` that some node of `type` lacks in the graph. */
export function missingOn(store: Store, type: string, paths: Iterable<string>): string[] {
  const nodes = store.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', type, null);
  const missing = new Set<string>();
  for (const node of nodes) for (const path of paths) if (store.getObjects(node, path, null).length === 0) missing.add(path);
  return [...missing].sort();
}
