import type { LocalizedText } from '../../../platform/i18n/locales.js';

/**
 * The UN Classification of the Functions of Government: its 10 divisions and their groups (the level communes
 * use). Labels are data, not interface text: the UN publishes them in English and French; the divisions also
 * carry Portuguese and Arabic so that the public pages read in every language.
 */
export interface CofogEntry {
  code: string;
  label: LocalizedText;
}

export const cofogDivisions: CofogEntry[] = [
  { code: '01', label: { fr: 'Services généraux des administrations publiques', en: 'General public services', pt: 'Serviços gerais das administrações públicas', ar: 'الخدمات العمومية العامة' } },
  { code: '02', label: { fr: 'Défense', en: 'Defence', pt: 'Defesa', ar: 'الدفاع' } },
  { code: '03', label: { fr: 'Ordre et sécurité publics', en: 'Public order and safety', pt: 'Ordem e segurança públicas', ar: 'النظام والأمن العموميان' } },
  { code: '04', label: { fr: 'Affaires économiques', en: 'Economic affairs', pt: 'Assuntos económicos', ar: 'الشؤون الاقتصادية' } },
  { code: '05', label: { fr: 'Protection de l’environnement', en: 'Environmental protection', pt: 'Proteção do ambiente', ar: 'حماية البيئة' } },
  { code: '06', label: { fr: 'Logements et équipements collectifs', en: 'Housing and community amenities', pt: 'Habitação e equipamentos coletivos', ar: 'السكن والمرافق الجماعية' } },
  { code: '07', label: { fr: 'Santé', en: 'Health', pt: 'Saúde', ar: 'الصحة' } },
  { code: '08', label: { fr: 'Loisirs, culture et culte', en: 'Recreation, culture and religion', pt: 'Lazer, cultura e religião', ar: 'الترفيه والثقافة والشؤون الدينية' } },
  { code: '09', label: { fr: 'Enseignement', en: 'Education', pt: 'Educação', ar: 'التعليم' } },
  { code: '10', label: { fr: 'Protection sociale', en: 'Social protection', pt: 'Proteção social', ar: 'الحماية الاجتماعية' } },
];

const group = (code: string, fr: string, en: string): CofogEntry => ({ code, label: { fr, en } });

export const cofogGroups: CofogEntry[] = [
  group('01.1', 'Organes exécutifs et législatifs, affaires financières et fiscales', 'Executive and legislative organs, financial and fiscal affairs'),
  group('01.3', 'Services généraux', 'General services'),
  group('01.6', 'Services généraux des administrations publiques n.c.a.', 'General public services n.e.c.'),
  group('01.7', 'Opérations concernant la dette publique', 'Public debt transactions'),
  group('01.8', 'Transferts entre administrations publiques', 'Transfers between levels of government'),
  group('03.1', 'Services de police', 'Police services'),
  group('03.2', 'Services de protection civile (incendie)', 'Fire-protection services'),
  group('04.1', 'Tutelle de l’économie générale, des échanges et de l’emploi', 'General economic, commercial and labour affairs'),
  group('04.2', 'Agriculture, sylviculture, pêche et chasse', 'Agriculture, forestry, fishing and hunting'),
  group('04.3', 'Combustibles et énergie', 'Fuel and energy'),
  group('04.5', 'Transports', 'Transport'),
  group('04.7', 'Autres branches d’activité (commerce, tourisme)', 'Other industries (trade, tourism)'),
  group('05.1', 'Gestion des déchets', 'Waste management'),
  group('05.2', 'Gestion des eaux usées', 'Waste water management'),
  group('05.4', 'Protection de la biodiversité et du paysage', 'Protection of biodiversity and landscape'),
  group('06.1', 'Logement', 'Housing development'),
  group('06.2', 'Équipements collectifs', 'Community development'),
  group('06.3', 'Alimentation en eau', 'Water supply'),
  group('06.4', 'Éclairage public', 'Street lighting'),
  group('07.2', 'Services ambulatoires', 'Outpatient services'),
  group('07.4', 'Services de santé publique', 'Public health services'),
  group('08.1', 'Services récréatifs et sportifs', 'Recreational and sporting services'),
  group('08.2', 'Services culturels', 'Cultural services'),
  group('08.4', 'Culte et autres services communautaires', 'Religious and other community services'),
  group('09.1', 'Enseignement préélémentaire et primaire', 'Pre-primary and primary education'),
  group('09.2', 'Enseignement secondaire', 'Secondary education'),
  group('09.6', 'Services annexes à l’enseignement (cantines, transport)', 'Subsidiary services to education'),
  group('10.4', 'Famille et enfants', 'Family and children'),
  group('10.7', 'Exclusion sociale n.c.a.', 'Social exclusion n.e.c.'),
];

const known = new Set([...cofogDivisions, ...cofogGroups].map((entry) => entry.code));
export const isCofogCode = (code: string) => known.has(code);

/** The division a COFOG code belongs to ("06.3" and "06" → "06"); null for anything that is not one. */
export function cofogDivisionOf(code: string | null | undefined): string | null {
  const division = (code ?? '').split('.')[0] ?? '';
  return cofogDivisions.some((entry) => entry.code === division) ? division : null;
}

/** Divisions each followed by their groups, for a drop-down list. */
export const cofogChoices = (): CofogEntry[] =>
  cofogDivisions.flatMap((division) => [division, ...cofogGroups.filter((g) => cofogDivisionOf(g.code) === division.code)]);
