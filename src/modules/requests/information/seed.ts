import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { acknowledge, answer, fileInformationRequest, refuse } from './commands.js';

const day = 24 * 3600 * 1000;
const daysAgo = (n: number, hour = 10) => new Date(Math.floor(Date.now() / day) * day - n * day + hour * 3600 * 1000);

interface DemoInformationRequest {
  subject: string;
  description: string;
  filedDaysAgo: number;
  /** What the commune did, and how many days ago. */
  outcome?: { kind: 'acknowledged' | 'answered' | 'refused'; daysAgo: number; message?: string; ground?: string };
}

const demos: Record<string, DemoInformationRequest[]> = {
  'ndar-toute': [
    { subject: 'Compte administratif 2025', description: 'Je demande une copie du compte administratif 2025 de la commune, tel qu’adopté par le conseil municipal.', filedDaysAgo: 30, outcome: { kind: 'answered', daysAgo: 22, message: 'Le compte administratif 2025 est publié dans la rubrique Documents ; une copie papier est disponible à l’accueil de la mairie.' } },
    { subject: 'Contrat de collecte des ordures', description: 'Merci de communiquer le contrat passé avec l’entreprise de collecte des ordures ménagères et ses avenants.', filedDaysAgo: 6, outcome: { kind: 'acknowledged', daysAgo: 5 } },
    { subject: 'Dossier du litige foncier de Léona', description: 'Je demande les pièces du dossier opposant la commune aux occupants du lotissement de Léona.', filedDaysAgo: 40, outcome: { kind: 'refused', daysAgo: 33, ground: 'judicial_proceedings', message: 'L’affaire est pendante devant le tribunal ; les pièces seront communicables après le jugement.' } },
  ],
  'tiznit-el-jadida': [
    { subject: 'محضر دورة أكتوبر للمجلس الجماعي', description: 'أطلب نسخة من محضر الدورة العادية لشهر أكتوبر للمجلس الجماعي.', filedDaysAgo: 4 },
  ],
};

/** Demo access-to-information requests at several stages, so the public list and statistics are not empty. */
export async function seedInformationRequests(db: Kysely<PlatformTables>, commune: Commune): Promise<void> {
  for (const demo of demos[commune.slug] ?? []) {
    const reporter = { userId: null, name: null, phone: null, email: 'demandeur@example.org', locale: commune.default_locale };
    const { request } = await fileInformationRequest(db, commune, { subject: demo.subject, description: demo.description, answerForm: 'email', reporter }, daysAgo(demo.filedDaysAgo));
    const outcome = demo.outcome;
    if (!outcome) continue;
    const actor = { actorUserId: null, expected: request.status };
    const at = daysAgo(outcome.daysAgo, 15);
    if (outcome.kind === 'acknowledged') await acknowledge(db, commune, request, actor, at);
    if (outcome.kind === 'answered') await answer(db, commune, request, { ...actor, full: true, message: outcome.message ?? '', documents: [] }, at);
    if (outcome.kind === 'refused') await refuse(db, commune, request, { ...actor, ground: outcome.ground ?? '', explanation: outcome.message ?? '' }, at);
  }
}
