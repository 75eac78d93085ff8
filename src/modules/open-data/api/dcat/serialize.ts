import { escapeXml } from '../../../../platform/http/xml-text.js';
import jsonld from 'jsonld';
import { type Quad, Writer } from 'n3';
import { prefixes } from './vocabulary.js';

export type RdfFormat = 'jsonld' | 'ttl' | 'rdf';

export const contentTypes: Record<RdfFormat, string> = {
  jsonld: 'application/ld+json; charset=utf-8',
  ttl: 'text/turtle; charset=utf-8',
  rdf: 'application/rdf+xml; charset=utf-8',
};

/** ckanext-dcat's extensions: `.xml` and `.rdf` are both RDF/XML. */
export function rdfFormatOf(extension: string): RdfFormat | null {
  if (extension === 'jsonld' || extension === 'ttl' || extension === 'rdf') return extension;
  return extension === 'xml' ? 'rdf' : null;
}

function writeWith(quads: Quad[], options: ConstructorParameters<typeof Writer>[0]): Promise<string> {
  const writer = new Writer(options);
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

export const toTurtle = (quads: Quad[]) => writeWith(quads, { prefixes });

/** JSON-LD compacted with a context of prefixes only, so the keys are the usual `dct:title`, `dcat:dataset`… */
export async function toJsonLd(quads: Quad[]): Promise<string> {
  const nquads = await writeWith(quads, { format: 'N-Quads' });
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
  const { rdf: _rdf, ...context } = prefixes;
  return JSON.stringify(await jsonld.compact(expanded, context), null, 1);
}

/** `prefix:local` for a predicate IRI; RDF/XML can only write predicates that split into a namespace and a name. */
function qualifiedName(predicate: string): string {
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    const local = predicate.slice(namespace.length);
    if (predicate.startsWith(namespace) && /^[A-Za-z_][\w.-]*$/.test(local)) return `${prefix}:${local}`;
  }
  throw new Error(`No RDF/XML name for ${predicate}`);
}

function propertyElement(quad: Quad): string {
  const name = qualifiedName(quad.predicate.value);
  const object = quad.object;
  if (object.termType === 'NamedNode') return `<${name} rdf:resource="${escapeXml(object.value)}"/>`;
  if (object.termType !== 'Literal') throw new Error(`Unexpected ${object.termType} in a DCAT graph`);
  const attribute = object.language
    ? ` xml:lang="${escapeXml(object.language)}"`
    : object.datatype.value === `${prefixes.xsd}string`
      ? ''
      : ` rdf:datatype="${escapeXml(object.datatype.value)}"`;
  return `<${name}${attribute}>${escapeXml(object.value)}</${name}>`;
}

/**
 * RDF/XML, written here: n3 does not write it and the graphs are flat (URIs everywhere, no blank nodes, no
 * collections), so one rdf:Description per subject with one element per triple is the whole grammar needed.
 */
export function toRdfXml(quads: Quad[]): string {
  const bySubject = new Map<string, Quad[]>();
  for (const quad of quads) bySubject.set(quad.subject.value, [...(bySubject.get(quad.subject.value) ?? []), quad]);
  const namespaces = Object.entries(prefixes).map(([prefix, namespace]) => `\n  xmlns:${prefix}="${namespace}"`).join('');
  const descriptions = [...bySubject].map(
    ([subject, triples]) => ` <rdf:Description rdf:about="${escapeXml(subject)}">\n${triples.map((t) => `  ${propertyElement(t)}\n`).join('')} </rdf:Description>\n`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${namespaces}>\n${descriptions.join('')}</rdf:RDF>\n`;
}

export async function serialize(quads: Quad[], format: RdfFormat): Promise<string> {
  if (format === 'ttl') return toTurtle(quads);
  if (format === 'jsonld') return toJsonLd(quads);
  return toRdfXml(quads);
}
