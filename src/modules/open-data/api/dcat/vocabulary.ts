import type { Locale } from '../../../../platform/i18n/locales.js';
import type { ResourceFormat } from '../../catalogue.js';

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

/**
 * Which EU data theme each module's datasets belong to. Everything a commune publishes is about its own
 * administration (GOVE); budgets are also economy and finance (ECON); a module not listed falls back to GOVE.
 */
export const moduleThemes: Record<string, readonly string[]> = {
  commune: ['GOVE'],
  participation: ['GOVE', 'SOCI'],
  budgeting: ['GOVE', 'ECON'],
  requests: ['GOVE', 'SOCI'],
};

export const themesOf = (moduleId: string): string[] => (moduleThemes[moduleId] ?? ['GOVE']).map((code) => `${dataThemeScheme}/${code}`);

/** EU Vocabularies "Languages" (ISO 639-2/B upper case), required by DCAT-AP for dct:language. */
const languageCodes: Record<Locale, string> = { fr: 'FRA', en: 'ENG', pt: 'POR', ar: 'ARA' };
export const languageUri = (locale: Locale): string => `${euAuthority}language/${languageCodes[locale]}`;

/** EU Vocabularies "File type" for dct:format, IANA for dcat:mediaType (both required vocabularies). */
export const fileTypeUri = (format: ResourceFormat): string => `${euAuthority}file-type/${format}`;
export const mediaTypeUri = (mediaType: string): string => `https://www.iana.org/assignments/media-types/${mediaType}`;

/** Module datasets stay at the same address for as long as the module is on. */
export const stableAvailability = `${euAuthority}planned-availability/STABLE`;

/** ADMS publisher type: every publisher here is a commune. */
export const localAuthority = 'http://purl.org/adms/publishertype/LocalAuthority';
