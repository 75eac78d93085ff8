import { sql } from 'kysely';
import type { Commune } from '../../../platform/db/platform-tables.js';
import type { TypedFieldDefinition } from '../../../platform/forms/typed-fields.js';
import type { SeedContext } from '../../../platform/module.js';
import { addField } from './fields.js';
import { fileProcedureRequest } from './filing.js';
import { moveProcedureRequest } from './handling.js';
import type { ProcedureStage } from './stages.js';

const day = 24 * 3600 * 1000;
// Never later than now: a demo seeded early in the morning must not file or move anything in the future.
const daysAgo = (n: number, hour = 10) => new Date(Math.min(Date.now(), Math.floor(Date.now() / day) * day - n * day + hour * 3600 * 1000));
const plain = { help: {}, options: [], min_value: null, max_value: null, max_length: null };

/** The marriage-certificate extract's request form, the same in both demo communes. */
const marriageForm: TypedFieldDefinition[] = [
  { ...plain, key: 'epoux', kind: 'text', label: { fr: 'Noms des deux époux', en: 'Names of both spouses', ar: 'اسما الزوجين' }, required: true, max_length: 300 },
  { ...plain, key: 'annee', kind: 'number', label: { fr: 'Année du mariage', en: 'Year of the marriage', ar: 'سنة الزواج' }, required: true, min_value: 1900, max_value: 2100 },
  { ...plain, key: 'copies', kind: 'number', label: { fr: 'Nombre de copies', en: 'Number of copies', ar: 'عدد النسخ' }, required: true, min_value: 1, max_value: 10 },
  {
    ...plain,
    key: 'motif',
    kind: 'choice',
    label: { fr: 'Pour quoi faire ?', en: 'What for?', ar: 'لأي غرض؟' },
    required: false,
    options: [
      { value: 'administration', label: { fr: 'Dossier administratif', en: 'Administrative file', ar: 'ملف إداري' } },
      { value: 'voyage', label: { fr: 'Visa ou voyage', en: 'Visa or travel', ar: 'تأشيرة أو سفر' } },
      { value: 'autre', label: { fr: 'Autre', en: 'Other', ar: 'غرض آخر' } },
    ],
  },
  { ...plain, key: 'piece', kind: 'file', label: { fr: 'Copie d’une pièce d’identité (facultatif)', en: 'Copy of an identity document (optional)', ar: 'نسخة من وثيقة الهوية (اختياري)' }, required: false },
];

interface DemoRequest {
  spouses: string;
  year: number;
  filedDaysAgo: number;
  /** Filed online by this demo account, else by the commune's mediator for someone with this phone. */
  account?: string;
  phone?: string;
  /** Stages reached, each with how many days ago and the reason told to the requester. */
  stages: [ProcedureStage, number, string?][];
}

const demoRequests: Record<string, DemoRequest[]> = {
  'ndar-toute': [
    { spouses: 'Awa Diop et Lamine Sow', year: 2015, filedDaysAgo: 0, account: 'ndar-toute:citizen', stages: [] },
    { spouses: 'Cheikh Sy et Rama Fall', year: 1988, filedDaysAgo: 3, phone: '+221770000031', stages: [['in_progress', 2]] },
    { spouses: 'Mame Diarra Ndiaye et Pape Gaye', year: 2019, filedDaysAgo: 5, account: 'ndar-toute:citizen', stages: [['in_progress', 4], ['ready', 2]] },
    { spouses: 'Ousseynou Ba et Coumba Dieng', year: 1975, filedDaysAgo: 20, phone: '+221770000032', stages: [['in_progress', 19], ['ready', 16], ['collected', 12]] },
    { spouses: 'Adja Sarr et Malick Cissé', year: 1990, filedDaysAgo: 9, phone: '+221770000033', stages: [['missing_information', 8, 'L’année indiquée ne correspond à aucun registre : merci de préciser le lieu du mariage.']] },
    { spouses: 'Modou Faye et Astou Mbodj', year: 1960, filedDaysAgo: 30, phone: '+221770000034', stages: [['refused', 28, 'Le mariage a été célébré à Dakar : adressez-vous à la mairie de Dakar-Plateau.']] },
  ],
  'tiznit-el-jadida': [
    { spouses: 'سعيد أوبلا وحليمة أكناو', year: 2012, filedDaysAgo: 1, account: 'tiznit-el-jadida:citizen', stages: [['in_progress', 0]] },
    { spouses: 'فاطمة الزهراء أمزيل ويوسف بوتكة', year: 1995, filedDaysAgo: 4, phone: '+212600000031', stages: [['in_progress', 4], ['ready', 3]] },
  ],
};

async function marriageProcedure(context: SeedContext, communeId: string) {
  const rows = await sql<{ id: string; title: Record<string, string> }>`
    select id, title from commune_services where commune_id = ${communeId} and kind = 'procedure' and title->>'fr' ilike '%mariage%' order by position limit 1`.execute(context.db);
  return rows.rows[0];
}

async function seedRequest(context: SeedContext, commune: Commune, procedure: { id: string; title: Record<string, string> }, demo: DemoRequest) {
  const userId = demo.account ? (context.users.get(demo.account) ?? null) : null;
  const mediator = context.users.get(`${commune.slug}:mediator`) ?? null;
  const { request } = await fileProcedureRequest(
    context.db,
    context.storage,
    commune,
    {
      procedure,
      answers: { epoux: demo.spouses, annee: demo.year, copies: 1, motif: 'administration' },
      scans: {},
      channel: userId ? 'web' : 'mediator',
      reporter: { userId, name: userId ? null : demo.spouses, phone: userId ? null : (demo.phone ?? null), locale: commune.default_locale },
      recordedBy: userId ? null : mediator,
    },
    daysAgo(demo.filedDaysAgo, 9),
  );
  let current = request;
  const officer = context.users.get(`${commune.slug}:admin`) ?? null;
  for (const [to, ago, reason] of demo.stages) {
    current = await moveProcedureRequest(context.db, current, { to, from: current.stage, reason: reason ?? null, author: 'commune', actorUserId: officer }, daysAgo(ago, 15));
  }
}

/** Demo: the marriage-certificate extract can be requested online in both communes, with requests at every stage. */
export async function seedProcedureRequests(context: SeedContext, commune: Commune): Promise<void> {
  const procedure = await marriageProcedure(context, commune.id);
  if (!procedure) return;
  for (const definition of marriageForm) await addField(context.db, commune.id, procedure.id, definition);
  for (const demo of demoRequests[commune.slug] ?? []) await seedRequest(context, commune, procedure, demo);
}
