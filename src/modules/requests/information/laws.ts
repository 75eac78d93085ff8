/**
 * Access-to-information (ATI) laws as data: the deadline a commune must answer within, the grounds it may refuse on,
 * and where a requester can appeal. Summaries are ours, written from secondary sources; every figure we could not
 * check against the official text is marked `toBeVerified` and explained in `notes`. See docs/modules/requests-laws.md.
 */

export interface RefusalGround {
  /** Stable code, shared between countries when the ground means the same thing. */
  code: string;
  labelKey: string;
  citation: string;
}

export interface AtiLaw {
  /** ISO 3166-1 alpha-2 code, or 'default' for countries without a configured law. */
  country: string;
  /** Official title of the text, in its original language. */
  title: string;
  /** Where the deadline and the grounds are written (article numbers). */
  citation: string;
  /** Official source if known. */
  url: string | null;
  /** Legal deadline for an answer; the text's figure, counted in working days by the platform (see notes). */
  responseWorkingDays: number;
  /** Possible extension (0 if none, or if we could not confirm one). */
  extensionWorkingDays: number;
  extensionCitation: string | null;
  /** Deadline for acknowledging receipt; 0 = a receipt is due on filing; null = the text sets none we know of. */
  acknowledgementWorkingDays: number | null;
  refusalGrounds: RefusalGround[];
  /** i18n key naming the appeal body. */
  appealBodyKey: string;
  appealCitation: string;
  /** True wherever a figure or an article number is not confirmed against the official text. */
  toBeVerified: boolean;
  /** English: what is uncertain. */
  notes: string;
}

// Ground meanings shared across laws; each law adds its own citation.
const ground = {
  nationalDefence: { code: 'national_defence', labelKey: 'requests.law.ground.national_defence' },
  stateSecurity: { code: 'state_security', labelKey: 'requests.law.ground.state_security' },
  publicSecurity: { code: 'public_security', labelKey: 'requests.law.ground.public_security' },
  foreignRelations: { code: 'foreign_relations', labelKey: 'requests.law.ground.foreign_relations' },
  economicPolicy: { code: 'economic_policy', labelKey: 'requests.law.ground.economic_policy' },
  privacy: { code: 'privacy', labelKey: 'requests.law.ground.privacy' },
  personalData: { code: 'personal_data', labelKey: 'requests.law.ground.personal_data' },
  medicalSecrecy: { code: 'medical_secrecy', labelKey: 'requests.law.ground.medical_secrecy' },
  lawyerClient: { code: 'lawyer_client', labelKey: 'requests.law.ground.lawyer_client' },
  commercialSecrecy: { code: 'commercial_secrecy', labelKey: 'requests.law.ground.commercial_secrecy' },
  intellectualProperty: { code: 'intellectual_property', labelKey: 'requests.law.ground.intellectual_property' },
  judicialProceedings: { code: 'judicial_proceedings', labelKey: 'requests.law.ground.judicial_proceedings' },
  deliberations: { code: 'deliberations', labelKey: 'requests.law.ground.deliberations' },
  unfinishedDocuments: { code: 'unfinished_documents', labelKey: 'requests.law.ground.unfinished_documents' },
  sourceProtection: { code: 'source_protection', labelKey: 'requests.law.ground.source_protection' },
} as const;

type GroundMeaning = (typeof ground)[keyof typeof ground];

/** The grounds a law lists in one place, all cited to the same article(s). */
function groundsAt(citation: string, meanings: GroundMeaning[]): RefusalGround[] {
  return meanings.map((meaning) => ({ ...meaning, citation }));
}

const senegal: AtiLaw = {
  country: 'SN',
  title: "Loi n° 2025-15 du 4 septembre 2025 relative à l'accès à l'information",
  citation: 'Conditions of access: chapter II (art. 11 and following); deadline and exception article numbers to be confirmed',
  url: null,
  responseWorkingDays: 8,
  extensionWorkingDays: 7,
  extensionCitation: 'Extension "exceptionally" up to 15 days in total (article to be confirmed)',
  acknowledgementWorkingDays: null,
  refusalGrounds: groundsAt('art. 2 (as quoted in the parliamentary debate)', [
    ground.nationalDefence,
    ground.medicalSecrecy,
    ground.lawyerClient,
    ground.deliberations,
    ground.judicialProceedings,
  ]),
  appealBodyKey: 'requests.law.appeal.sn_conai',
  appealCitation: 'Commission nationale d’accès à l’information; referral is mandatory before any court action (article to be confirmed)',
  toBeVerified: true,
  notes:
    'Bill no. 14/2025, adopted on 26 August 2025; the law number and date come from the press report of the CONAI ' +
    'decree (28 November 2025). We have not seen the official journal text. Press reports give 8 days to answer, extendable ' +
    'exceptionally to 15; they do not say whether these are working or calendar days. Grounds are those cited by a ' +
    'member of parliament during the debate; the full list may be longer.',
};

const guinea: AtiLaw = {
  country: 'GN',
  title: "Loi L/2020/0027/AN portant droit d'accès à l'information publique",
  citation: 'Figures taken from the earlier organic law L/2010/004/CNT, art. 11 (deadline) and art. 16–17 (exceptions)',
  url: null,
  responseWorkingDays: 20,
  extensionWorkingDays: 0,
  extensionCitation: null,
  acknowledgementWorkingDays: null,
  refusalGrounds: groundsAt('L/2010/004/CNT art. 16–17 (to be checked against L/2020/0027/AN)', [
    ground.nationalDefence,
    ground.publicSecurity,
    ground.privacy,
    ground.commercialSecrecy,
    ground.judicialProceedings,
    ground.deliberations,
  ]),
  appealBodyKey: 'requests.law.appeal.mediator',
  appealCitation: 'Under the 2010 law, the Médiateur de la République (or the national human rights institution); not checked for the 2020 law',
  toBeVerified: true,
  notes:
    'The 2010 organic law was promulgated but never published in the official journal; a new law (L/2020/0027/AN) was ' +
    'adopted in November 2020. We only saw a translation of the 2010 text: 20 working days, 48 hours where life or ' +
    'liberty is at stake, extension up to 30 working days on written notice. We ship no extension until the 2020 ' +
    'text is checked. The appeal body after the 2021 transition is unknown.',
};

const niger: AtiLaw = {
  country: 'NE',
  title: "Ordonnance n° 2011-22 du 23 février 2011 portant Charte d'accès à l'information publique et aux documents administratifs",
  citation: 'Exceptions: art. 13, 14 and 18; appeals: chapter VII, art. 36 (Médiateur); deadline article not found',
  url: null,
  responseWorkingDays: 15,
  extensionWorkingDays: 0,
  extensionCitation: null,
  acknowledgementWorkingDays: null,
  refusalGrounds: groundsAt('art. 13, 14 and 18', [
    ground.nationalDefence,
    ground.stateSecurity,
    ground.foreignRelations,
    ground.privacy,
    ground.medicalSecrecy,
    ground.commercialSecrecy,
    ground.judicialProceedings,
  ]),
  appealBodyKey: 'requests.law.appeal.mediator',
  appealCitation: 'art. 36: the Médiateur de la République oversees the right of access',
  toBeVerified: true,
  notes:
    'The articles holding the exceptions (13, 14, 18) and the Médiateur’s role (art. 36) are confirmed by secondary ' +
    'sources; the response deadline is NOT: 15 days is a placeholder until the text is read. The implementing decree ' +
    'was still not adopted in 2025. Grounds listed are the usual ones of the text, not checked article by article.',
};

const benin: AtiLaw = {
  country: 'BJ',
  title: "Loi n° 2015-07 du 20 mars 2015 portant Code de l'information et de la communication en République du Bénin",
  citation: 'Access to public information: art. 70 to 107; procedure: art. 78 and following (deadline article not found)',
  url: null,
  responseWorkingDays: 15,
  extensionWorkingDays: 0,
  extensionCitation: null,
  acknowledgementWorkingDays: null,
  refusalGrounds: groundsAt('art. 70–107 (exact articles to be found)', [
    ground.nationalDefence,
    ground.stateSecurity,
    ground.privacy,
    ground.commercialSecrecy,
    ground.judicialProceedings,
  ]),
  appealBodyKey: 'requests.law.appeal.courts',
  appealCitation: 'Refusals must be justified (art. 71); the appeal route in art. 70–107 is to be confirmed',
  toBeVerified: true,
  notes:
    'Benin has no stand-alone ATI law: access to public information is in the 2015 Code of information and ' +
    'communication (art. 70–107). The Code du numérique (loi n° 2017-20) also governs public data and may have ' +
    'amended parts of it; not checked. The 15-day deadline is a placeholder, and the appeal body (courts, HAAC or ' +
    'Médiateur) is unconfirmed.',
};

const burkinaFaso: AtiLaw = {
  country: 'BF',
  title: "Loi n° 051-2015/CNT du 30 août 2015 portant droit d'accès à l'information publique et aux documents administratifs",
  citation: 'Procedures: art. 18 and following; oversight body: art. 52 and following; deadline article not found',
  url: null,
  responseWorkingDays: 15,
  extensionWorkingDays: 0,
  extensionCitation: null,
  acknowledgementWorkingDays: null,
  refusalGrounds: groundsAt('chapter on non-communicable information (articles to be found)', [
    ground.nationalDefence,
    ground.stateSecurity,
    ground.foreignRelations,
    ground.privacy,
    ground.personalData,
    ground.intellectualProperty,
    ground.judicialProceedings,
    ground.unfinishedDocuments,
  ]),
  appealBodyKey: 'requests.law.appeal.bf_anaip',
  appealCitation: 'Autorité nationale d’accès à l’information publique, art. 52 and following',
  toBeVerified: true,
  notes:
    'Adopted by the transitional parliament (92 articles). Civil society reported in 2018–2024 that the implementing ' +
    'decrees were missing and the ANAIP not set up, so the law may not be applied in practice. The 15-day deadline is ' +
    'a placeholder: the procedure articles (18 and following) were not read.',
};

const morocco: AtiLaw = {
  country: 'MA',
  title: 'القانون رقم 31.13 المتعلق بالحق في الحصول على المعلومات',
  citation: 'Exceptions: art. 7; deadlines: art. 16–17 (article numbers from memory, figures confirmed)',
  url: 'https://www.cdai.ma/',
  responseWorkingDays: 20,
  extensionWorkingDays: 20,
  extensionCitation: 'art. 16 (number from memory): once, when the body cannot answer in time in whole or in part, with notice to the requester',
  acknowledgementWorkingDays: 0,
  refusalGrounds: [
    ...groundsAt('art. 7', [
      ground.nationalDefence,
      ground.stateSecurity,
      ground.privacy,
      ground.foreignRelations,
      ground.economicPolicy,
      ground.intellectualProperty,
      ground.judicialProceedings,
      ground.deliberations,
      ground.sourceProtection,
    ]),
    ...groundsAt('refusal reasons listed by the CDAI (article to be confirmed)', [ground.unfinishedDocuments]),
  ],
  appealBodyKey: 'requests.law.appeal.ma_cdai',
  appealCitation:
    'art. 19: complaint to the head of the body within 30 days; art. 20–22: then the Commission du droit d’accès à l’information within 30 days; then the administrative court',
  toBeVerified: true,
  notes:
    'Law 31-13 (dahir of 22 February 2018, in force 12 March 2019 with a one-year transition). The CDAI confirms 20 ' +
    'working days, one extension of 20, 3 working days (+3) for urgent requests, and that the exceptions are in art. 7. ' +
    'The other article numbers are from memory. The url is the CDAI site, not the text. A receipt is due on filing.',
};

const tunisia: AtiLaw = {
  country: 'TN',
  title: 'القانون الأساسي عدد 22 لسنة 2016 المؤرخ في 24 مارس 2016 المتعلق بالحق في النفاذ إلى المعلومة',
  citation: 'Deadline: art. 14; exceptions: art. 24; appeals: art. 30–31 (article numbers partly from memory)',
  url: 'https://www.inai.tn/',
  responseWorkingDays: 20,
  extensionWorkingDays: 10,
  extensionCitation: 'art. 18 (from memory, to be confirmed)',
  acknowledgementWorkingDays: 0,
  refusalGrounds: groundsAt('art. 24', [
    ground.nationalDefence,
    ground.publicSecurity,
    ground.foreignRelations,
    ground.privacy,
    ground.personalData,
    ground.intellectualProperty,
  ]),
  appealBodyKey: 'requests.law.appeal.tn_inai',
  appealCitation:
    'art. 30: review by the head of the body, asked within 20 days, answered within 10 (silence = refusal); art. 31: then the Instance d’accès à l’information; then the administrative tribunal',
  toBeVerified: true,
  notes:
    'Organic law 2016-22 (French title: loi organique n° 2016-22 relative au droit d’accès à l’information). The ' +
    'INAI confirms the internal review (20 days to ask, 10 to answer) and the appeal to the Instance; press confirms ' +
    'the art. 24 exceptions. The text speaks of "days", not working days: counting them as working days is more ' +
    'generous to the body than the law may be. The 10-day extension and 48-hour urgent deadline are from memory. The ' +
    'url is the INAI site. A receipt is due on filing in person.',
};

const fallback: AtiLaw = {
  country: 'default',
  title: 'No access-to-information law configured for this country',
  citation: 'Platform default',
  url: null,
  responseWorkingDays: 20,
  extensionWorkingDays: 0,
  extensionCitation: null,
  acknowledgementWorkingDays: null,
  refusalGrounds: groundsAt('Platform default: widely shared exceptions, not a legal text', [
    ground.nationalDefence,
    ground.publicSecurity,
    ground.privacy,
    ground.commercialSecrecy,
    ground.judicialProceedings,
    ground.deliberations,
  ]),
  appealBodyKey: 'requests.law.appeal.courts',
  appealCitation: 'Platform default: the ordinary administrative remedies of the country',
  toBeVerified: true,
  notes:
    'Used where no law is configured (e.g. Guinea-Bissau). 20 working days matches the longest common deadline of the ' +
    'configured laws and the usual international standard; no extension is assumed, so the platform never grants a ' +
    'body more time than a real law would.',
};

export const atiLaws: Record<string, AtiLaw> = {
  SN: senegal,
  GN: guinea,
  NE: niger,
  BJ: benin,
  BF: burkinaFaso,
  MA: morocco,
  TN: tunisia,
  default: fallback,
};

/** The law of a country (ISO 3166-1 alpha-2, any case), or the conservative default. */
export function atiLawFor(country: string): AtiLaw {
  const code = country.trim().toUpperCase();
  // Own keys only: a code such as 'CONSTRUCTOR' must not reach Object.prototype.
  return Object.hasOwn(atiLaws, code) ? atiLaws[code]! : fallback;
}
