import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../platform/i18n/locales.js';
import type { SeedContext } from '../../platform/module.js';
import { changeComplaintStatus, complaintInput, fileComplaint } from './commands/complaint-commands.js';
import { ensureRequestDefaults } from './defaults.js';
import { seedInformationRequests } from './information/seed.js';
import { seedProcedureRequests } from './procedures/seed.js';
import { requestsDb, scoped } from './queries/requests-db.js';

const day = 24 * 3600 * 1000;
const daysAgo = (n: number, hour = 9) => new Date(Math.floor(Date.now() / day) * day - n * day + hour * 3600 * 1000);

interface DemoComplaint {
  category: string;
  description: string;
  neighbourhood: string;
  filedDaysAgo: number;
  reporter?: string;
  contact?: string;
  private?: boolean;
  /** State code, days ago, public note. */
  steps?: [string, number, string | null][];
}

interface DemoCommune {
  slug: string;
  services: { key: string; name: LocalizedText }[];
  /** Category code → service key, for every neighbourhood. */
  routes: Record<string, string>;
  complaints: DemoComplaint[];
}

const demos: DemoCommune[] = [
  {
    slug: 'ndar-toute',
    services: [
      { key: 'works', name: { fr: 'Service technique communal', en: 'Municipal technical service' } },
      { key: 'hygiene', name: { fr: 'Service d’hygiène et d’assainissement', en: 'Health and sanitation service' } },
      { key: 'civil', name: { fr: 'Centre d’état civil', en: 'Civil status office' } },
      { key: 'finance', name: { fr: 'Régie des recettes', en: 'Revenue office' } },
    ],
    routes: { roads: 'works', lighting: 'works', water: 'works', waste: 'hygiene', markets: 'hygiene', 'civil-status': 'civil', fees: 'finance', other: 'works' },
    complaints: [
      { category: 'waste', description: 'Le dépôt d’ordures derrière le marché de Pikine n’a pas été vidé depuis deux semaines ; les odeurs gênent les commerçantes.', neighbourhood: 'Pikine', filedDaysAgo: 20, reporter: 'ndar-toute:citizen', steps: [['acknowledged', 19, 'Le camion de collecte passera cette semaine.'], ['resolved', 15, 'Le dépôt a été vidé et une benne supplémentaire installée.']] },
      { category: 'lighting', description: 'Trois lampadaires éteints sur la route de la Corniche, près de l’école.', neighbourhood: 'Corniche', filedDaysAgo: 12, contact: '+221770000009', steps: [['in_progress', 9, 'Les ampoules sont commandées.']] },
      { category: 'roads', description: 'Un nid-de-poule profond devant la mosquée de Guet Ndar, dangereux pour les motos la nuit.', neighbourhood: 'Guet Ndar', filedDaysAgo: 40 },
      { category: 'civil-status', description: 'Mon extrait de naissance demandé il y a un mois n’est toujours pas prêt.', neighbourhood: 'Sor', filedDaysAgo: 6, reporter: 'ndar-toute:citizen', private: true },
      { category: 'markets', description: 'Les toilettes du marché de Sor sont fermées depuis la fin des travaux.', neighbourhood: 'Sor', filedDaysAgo: 30, steps: [['rejected', 25, 'Les toilettes relèvent du concessionnaire du marché ; la demande lui a été transmise.']] },
    ],
  },
  {
    slug: 'tiznit-el-jadida',
    services: [
      { key: 'works', name: { ar: 'المصلحة التقنية', fr: 'Service technique' } },
      { key: 'hygiene', name: { ar: 'مكتب حفظ الصحة', fr: 'Bureau d’hygiène' } },
    ],
    routes: { roads: 'works', lighting: 'works', water: 'works', waste: 'hygiene', markets: 'hygiene', other: 'works' },
    complaints: [
      { category: 'lighting', description: 'الإنارة العمومية معطلة في الشارع الرئيسي لحي الرحمة منذ أسبوع.', neighbourhood: 'الرحمة', filedDaysAgo: 8, reporter: 'tiznit-el-jadida:citizen', steps: [['acknowledged', 7, 'تم إبلاغ المصلحة التقنية.']] },
      { category: 'waste', description: 'حاوية النفايات قرب المدرسة ممتلئة ولا تُفرغ بانتظام.', neighbourhood: 'الرحمة', filedDaysAgo: 3 },
    ],
  },
];

async function seedSettings(db: Kysely<PlatformTables>, communeId: string, demo: DemoCommune, adminId: string | undefined): Promise<void> {
  await ensureRequestDefaults(db, communeId);
  const rdb = requestsDb(db);
  const serviceIds = new Map<string, string>();
  for (const [position, service] of demo.services.entries()) {
    const row = await rdb.insertInto('request_services').values({ commune_id: communeId, name: JSON.stringify(service.name), position }).returning('id').executeTakeFirstOrThrow();
    serviceIds.set(service.key, row.id);
  }
  const categories = await scoped(db, communeId).selectFrom('request_categories').select(['id', 'code']).execute();
  for (const category of categories) {
    const serviceId = serviceIds.get(demo.routes[category.code] ?? '');
    if (serviceId) await rdb.insertInto('request_routes').values({ commune_id: communeId, category_id: category.id, neighbourhood: null, service_id: serviceId }).execute();
  }
  // Complaints about the commune's own officers go to the administrator, not to the services concerned.
  if (adminId) await scoped(db, communeId).updateTable('request_categories').set({ designated_user_id: adminId }).where('sensitive', '=', true).execute();
}

async function seedComplaint(db: Kysely<PlatformTables>, commune: Commune, complaint: DemoComplaint, context: SeedContext, staffId: string | undefined): Promise<void> {
  const category = await scoped(db, commune.id).selectFrom('request_categories').select('id').where('code', '=', complaint.category).executeTakeFirstOrThrow();
  const reporterId = complaint.reporter ? (context.users.get(complaint.reporter) ?? null) : null;
  const input = complaintInput(category.id, complaint.description, {
    neighbourhood: complaint.neighbourhood,
    wantsPrivacy: complaint.private ?? false,
    reporter: { userId: reporterId, name: null, phone: complaint.contact ?? null, email: null, locale: commune.default_locale },
  });
  let { request } = await fileComplaint(db, commune, input, daysAgo(complaint.filedDaysAgo));
  for (const [stateCode, ago, note] of complaint.steps ?? []) {
    request = await changeComplaintStatus(db, request, { stateCode, note, actorUserId: staffId ?? null }, daysAgo(ago, 15));
  }
}

/** Demo: each commune's services and routing, complaints at every stage (one private, one overdue), information and procedure requests. */
export async function seedRequests(context: SeedContext): Promise<void> {
  const { db } = context;
  for (const demo of demos) {
    const seeded = context.communes.get(demo.slug);
    if (!seeded) continue;
    const commune = await db.selectFrom('communes').selectAll().where('id', '=', seeded.id).executeTakeFirstOrThrow();
    await seedSettings(db, commune.id, demo, context.users.get(`${demo.slug}:admin`));
    for (const complaint of demo.complaints) await seedComplaint(db, commune, complaint, context, context.users.get(`${demo.slug}:staff`));
    await seedInformationRequests(db, commune);
    await seedProcedureRequests(context, commune);
  }
}
