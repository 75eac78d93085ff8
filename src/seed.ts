import type { Kysely } from 'kysely';
import { seedCommunes } from './modules/commune/index.js';
import type { CommuneRole, PlatformTables } from './platform/db/platform-tables.js';
import type { PlatformServices } from './platform/http/context.js';
import type { SeedContext } from './platform/module.js';

/** Demo accounts, also listed in the README: sign in with these numbers; demo mode shows the code. */
export const demoAccounts: { key: string; commune: string | null; role: CommuneRole | 'platform-admin' | 'none'; identifier: string; name: string }[] = [
  { key: 'platform-admin', commune: null, role: 'platform-admin', identifier: 'admin@palabre.example', name: 'Awa Platform' },
  { key: 'ndar-toute:admin', commune: 'ndar-toute', role: 'admin', identifier: '+221770000001', name: 'Mariama Sow' },
  { key: 'ndar-toute:staff', commune: 'ndar-toute', role: 'staff', identifier: '+221770000002', name: 'Ousmane Diallo' },
  { key: 'ndar-toute:moderator', commune: 'ndar-toute', role: 'moderator', identifier: '+221770000003', name: 'Khady Ndiaye' },
  { key: 'ndar-toute:mediator', commune: 'ndar-toute', role: 'mediator', identifier: '+221770000004', name: 'Babacar Fall' },
  { key: 'ndar-toute:citizen', commune: 'ndar-toute', role: 'citizen', identifier: '+221770000005', name: 'Fatou Diop' },
  { key: 'ndar-toute:civil_society', commune: 'ndar-toute', role: 'civil_society', identifier: '+221770000006', name: 'Aminata Gueye' },
  { key: 'ndar-toute:monitor', commune: 'ndar-toute', role: 'monitor', identifier: '+221770000007', name: 'Ibrahima Sarr' },
  { key: 'ndar-toute:civil_status', commune: 'ndar-toute', role: 'civil_status', identifier: '+221770000008', name: 'Seynabou Mbaye' },
  { key: 'tiznit-el-jadida:admin', commune: 'tiznit-el-jadida', role: 'admin', identifier: '+212600000001', name: 'Fatima Ait Lahcen' },
  { key: 'tiznit-el-jadida:staff', commune: 'tiznit-el-jadida', role: 'staff', identifier: '+212600000002', name: 'Youssef Amrani' },
  { key: 'tiznit-el-jadida:moderator', commune: 'tiznit-el-jadida', role: 'moderator', identifier: '+212600000003', name: 'Nadia Bouzid' },
  { key: 'tiznit-el-jadida:mediator', commune: 'tiznit-el-jadida', role: 'mediator', identifier: '+212600000004', name: 'Hassan Oubella' },
  { key: 'tiznit-el-jadida:citizen', commune: 'tiznit-el-jadida', role: 'citizen', identifier: '+212600000005', name: 'Khadija Idrissi' },
  { key: 'tiznit-el-jadida:civil_status', commune: 'tiznit-el-jadida', role: 'civil_status', identifier: '+212600000008', name: 'Amina Tazi' },
  // The programme's team and volunteers (src/modules/programme): no role in a commune.
  { key: 'programme:operator', commune: null, role: 'none', identifier: '+221770000080', name: 'Coumba Thiam' },
  { key: 'programme:reviewer', commune: null, role: 'none', identifier: '+221770000081', name: 'Moussa Kane' },
  { key: 'programme:reviewer2', commune: null, role: 'none', identifier: '+212600000082', name: 'Leila Haddad' },
  { key: 'programme:volunteer', commune: null, role: 'none', identifier: '+212600000090', name: 'Rachid Benali' },
  { key: 'programme:volunteer2', commune: null, role: 'none', identifier: '+221770000099', name: 'Aïssatou Ba' },
  { key: 'programme:applicant', commune: null, role: 'none', identifier: '+221770000091', name: 'Ndèye Faye' },
];

async function seedCommuneRows(db: Kysely<PlatformTables>, moduleIds: string[]): Promise<SeedContext['communes']> {
  const communes: SeedContext['communes'] = new Map();
  for (const seed of seedCommunes) {
    const row = await db
      .insertInto('communes')
      .values({
        slug: seed.slug,
        name: JSON.stringify(seed.name),
        country: seed.country,
        region: JSON.stringify(seed.region),
        default_locale: seed.defaultLocale,
        enabled_locales: JSON.stringify(seed.enabledLocales),
        time_zone: seed.timeZone,
        currency: seed.currency,
        contact: JSON.stringify(seed.contact),
        enabled_modules: JSON.stringify(moduleIds),
      })
      .returning(['id', 'slug'])
      .executeTakeFirstOrThrow();
    communes.set(row.slug, row);
  }
  return communes;
}

async function seedAccounts(db: Kysely<PlatformTables>, communes: SeedContext['communes']): Promise<Map<string, string>> {
  const users = new Map<string, string>();
  for (const account of demoAccounts) {
    const isEmail = account.identifier.includes('@');
    const user = await db
      .insertInto('users')
      .values({
        phone_e164: isEmail ? null : account.identifier,
        email: isEmail ? account.identifier : null,
        display_name: account.name,
        is_platform_admin: account.role === 'platform-admin',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    users.set(account.key, user.id);
    const commune = account.commune ? communes.get(account.commune) : undefined;
    if (commune && account.role !== 'platform-admin' && account.role !== 'none') {
      await db.insertInto('role_grants').values({ commune_id: commune.id, user_id: user.id, role: account.role }).execute();
    }
  }
  return users;
}

/** Fills an empty database with the demo network; does nothing when communes already exist. */
export async function seedDemoIfEmpty(services: PlatformServices): Promise<boolean> {
  const { db } = services;
  const existing = await db.selectFrom('communes').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const moduleIds = services.modules.map((module) => module.id);
  const communes = await seedCommuneRows(db, moduleIds);
  const users = await seedAccounts(db, communes);
  const context: SeedContext = { db, config: services.config, storage: services.storage, communes, users, services };
  for (const module of services.modules) await module.seed?.(context);
  return true;
}
