import type { Locale } from '../../../../platform/i18n/locales.js';

/** The namespaces of every term the DCAT outputs use; the RDF/XML writer and the JSON-LD context both need them. */
export const prefixes = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcatap: 'http://data.europa.eu/r5r/',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  owl: 'http://www.w3.org/2002/07/owl#',
  spdx: 'http://spdx.org/rdf/terms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
} as const;

export type Prefix = keyof typeof prefixes;

/** A term as `prefix:local` → full IRI. */
export const iri = (curie: `${Prefix}:${string}`): string => {
  const [prefix, local] = curie.split(':') as [Prefix, string];
  return prefixes[prefix] + local;
};

const euAuthority = 'http://publications.europa.eu/resource/authority/';

/** EU Vocabularies "Data theme" scheme (DCAT-AP: at least one dcat:theme from it). */
export const dataThemeScheme = `${euAuthority}data-theme`;

export const dataThemeUri = (code: string): string => `${dataThemeScheme}/${code}`;

/** EU Vocabularies "Frequency" (dct:accrualPeriodicity): CONT for module data, regenerated on every read. */
export const frequencyUri = (code: string): string => `${euAuthority}frequency/${code}`;

/** EU Vocabularies "Languages" (ISO 639-2/B upper case), required by DCAT-AP for dct:language. */
const languageCodes: Record<Locale, string> = { fr: 'FRA', en: 'ENG', pt: 'POR', ar: 'ARA' };
export const languageUri = (locale: Locale): string => `${euAuthority}language/${languageCodes[locale]}`;

/** EU Vocabularies "File type" for dct:format, IANA for dcat:mediaType (both required vocabularies). */
const euFileTypes = new Set(['CSV', 'JSON', 'XLSX', 'XLS', 'GEOJSON', 'PDF', 'ZIP', 'XML', 'ODS', 'TSV', 'HTML', 'SHP', 'KML', 'RDF_TURTLE', 'JSON_LD', 'DOCX']);
/** The EU file type of a format, or null when the vocabulary has none (dct:format is then left out). */
export const fileTypeUri = (format: string): string | null => (euFileTypes.has(format.toUpperCase()) ? `${euAuthority}file-type/${format.toUpperCase()}` : null);
export const mediaTypeUri = (mediaType: string): string => `https://www.iana.org/assignments/media-types/${mediaType}`;

/** Datasets stay at the same address for as long as they are published. */
export const stableAvailability = `${euAuthority}planned-availability/STABLE`;

/** ADMS publisher type: every publisher here is a commune. */
export const localAuthority = 'http://purl.org/adms/publishertype/LocalAuthority';
