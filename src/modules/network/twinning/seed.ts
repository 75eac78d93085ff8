import type { SeedContext } from '../../../platform/module.js';
import { twinningDb } from './tables.js';

/** Ndar Toute twinned with Tiznit El Jadida (on the install, with two activities) and with Lille, outside it. */
export async function seedTwinnings(context: SeedContext): Promise<void> {
  const ndar = context.communes.get('ndar-toute');
  const tiznit = context.communes.get('tiznit-el-jadida');
  if (!ndar || !tiznit) return;
  const db = twinningDb(context.db);
  const createdBy = context.users.get('ndar-toute:admin') ?? null;
  const southSouth = await db.insertInto('network_twinnings').values({
    commune_id: ndar.id, partner_commune_id: tiznit.id, status: 'active', started_on: '2025-03-15', created_by: createdBy,
    goals: JSON.stringify({
      fr: 'Échanger sur la participation citoyenne et la publication des données budgétaires.',
      en: 'Share experience of citizen participation and publishing budget data.',
      ar: 'تبادل الخبرات في مجال المشاركة المواطنة ونشر بيانات الميزانية.',
    }),
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('network_twinning_activities').values([
    { commune_id: ndar.id, twinning_id: southSouth.id, date: '2025-06-10', title: 'Visite d’une délégation de Tiznit à Ndar Toute', description: 'Deux jours sur le budget participatif et les réunions de quartier.', link: null },
    { commune_id: ndar.id, twinning_id: southSouth.id, date: '2025-11-20', title: 'Atelier en ligne sur les données ouvertes', description: 'Les équipes comparent leurs jeux de données publiés.', link: null },
  ]).execute();
  await db.insertInto('network_twinnings').values({
    commune_id: ndar.id, partner_commune_id: null, partner_name: 'Ville de Lille', partner_country: 'FR', partner_url: 'https://www.lille.fr', status: 'active', started_on: '2024-09-01', created_by: createdBy,
    goals: JSON.stringify({ fr: 'Coopération décentralisée sur l’assainissement et la gestion des déchets.', en: 'Decentralised cooperation on sanitation and waste management.' }),
  }).execute();
}
