import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { SeedContext } from '../../../platform/module.js';
import { reviewDb } from './tables.js';

interface SeedCriterion {
  label: LocalizedText;
  guide: LocalizedText;
  weight: number;
}

const volunteerCriteria: SeedCriterion[] = [
  { weight: 3, label: { fr: 'Expertise', en: 'Expertise', pt: 'Competência', ar: 'الخبرة' }, guide: { fr: 'Données ouvertes, finances locales, participation : une expérience concrète et vérifiable.', en: 'Open data, local finance, participation: concrete, verifiable experience.' } },
  { weight: 2, label: { fr: 'Disponibilité pendant la période', en: 'Availability during the period', pt: 'Disponibilidade durante o período', ar: 'التفرغ خلال الفترة' }, guide: { fr: '0 si indisponible une partie des six mois.', en: '0 if unavailable for part of the six months.' } },
  { weight: 1, label: { fr: 'Passeport valide au moins un an', en: 'Passport valid for at least one year', pt: 'Passaporte válido pelo menos um ano', ar: 'جواز سفر صالح لسنة على الأقل' }, guide: { fr: '5 si oui, 0 sinon.', en: '5 if yes, 0 otherwise.' } },
  { weight: 2, label: { fr: 'Expérience des données ouvertes', en: 'Open-data experience', pt: 'Experiência em dados abertos', ar: 'الخبرة في البيانات المفتوحة' }, guide: { fr: 'Jeux de données publiés, portails, formats ouverts.', en: 'Datasets published, portals, open formats.' } },
  { weight: 1, label: { fr: 'A déjà animé des formations', en: 'Has delivered training', pt: 'Já deu formações', ar: 'سبق له تقديم تدريبات' }, guide: { fr: 'Former les agents est au cœur de la mission.', en: 'Training staff is at the heart of the assignment.' } },
  { weight: 2, label: { fr: 'Connaissance de la gouvernance locale', en: 'Knowledge of local governance', pt: 'Conhecimento da governação local', ar: 'معرفة الحوكمة المحلية' }, guide: { fr: 'Budget communal, conseil, services, décentralisation.', en: 'Commune budget, council, services, decentralisation.' } },
  { weight: 1, label: { fr: 'Connaissance des technologies civiques', en: 'Civic-tech knowledge', pt: 'Conhecimento de tecnologias cívicas', ar: 'معرفة التكنولوجيا المدنية' }, guide: { fr: 'Outils de participation, SMS, cartographie.', en: 'Participation tools, SMS, mapping.' } },
  { weight: 2, label: { fr: 'Motivation', en: 'Motivation', pt: 'Motivação', ar: 'الدافع' }, guide: { fr: 'Un projet clair pour la commune, pas seulement pour soi.', en: 'A clear purpose for the commune, not only for oneself.' } },
];

const communeCriteria: SeedCriterion[] = [
  { weight: 3, label: { fr: 'Volonté politique démontrée', en: 'Political will shown', pt: 'Vontade política demonstrada', ar: 'الإرادة السياسية المُثبتة' }, guide: { fr: 'Délibérations, publications déjà faites, engagements publics du maire.', en: 'Council decisions, publications already made, the mayor’s public commitments.' } },
  { weight: 2, label: { fr: 'Société civile associée', en: 'Civil society involved', pt: 'Sociedade civil envolvida', ar: 'إشراك المجتمع المدني' }, guide: { fr: 'Organisations nommées et rôle concret.', en: 'Named organisations and a concrete role.' } },
  { weight: 2, label: { fr: 'Besoins exprimés', en: 'Needs expressed', pt: 'Necessidades expressas', ar: 'الاحتياجات المُعبَّر عنها' }, guide: { fr: 'Des besoins précis dont une ou un volontaire peut s’emparer en six mois.', en: 'Precise needs a volunteer can take on in six months.' } },
  { weight: 1, label: { fr: 'Agent référent identifié', en: 'Staff member identified', pt: 'Agente de referência identificado', ar: 'تحديد موظف مرجعي' }, guide: { fr: '5 si un agent est désigné, 0 sinon.', en: '5 if a staff member is designated, 0 otherwise.' } },
];

/** Demo reviews by applicant name: [reviewer, reviewer2] scores for every criterion (null = not reviewed, 'conflict'). */
type SeedVerdict = number | null | 'conflict';
const verdicts: Record<string, Record<string, [SeedVerdict, SeedVerdict]>> = {
  // Cohort 1: the selected applicants come first in the ranking, as the team decided.
  'volontaires-1': { 'Rachid Benali': [5, 4], 'Aïssatou Ba': [4, 4], 'Koffi Mensah': [2, 3], 'Mariam Issoufou': [2, 2] },
  'communes-1': { 'Commune de Ndar Toute': [5, 4], 'Commune de Tiznit El Jadida': [4, 4] },
  // Cohort 2, under review: a tie (3.50) and a conflict declared by the second reviewer; Amina Ben Salah not yet scored by the first.
  'volontaires-2': { 'Fanta Camara': [4, 3], 'Salif Ouédraogo': [3, 4], 'Bubacar Baldé': [3, null], 'Amina Ben Salah': [null, 'conflict'] },
  'communes-2': { 'Commune urbaine de Kindia': [4, null] },
};

async function seedCriteria(context: SeedContext, callId: string, criteria: SeedCriterion[]): Promise<string[]> {
  const rows = await reviewDb(context.db)
    .insertInto('programme_review_criteria')
    .values(criteria.map((c, i) => ({ call_id: callId, position: i + 1, label: JSON.stringify(c.label), guide: JSON.stringify(c.guide), weight: c.weight })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

async function seedVerdict(context: SeedContext, applicationId: string, reviewerId: string, verdict: SeedVerdict, criterionIds: string[]): Promise<void> {
  if (verdict === null) return;
  const db = reviewDb(context.db);
  const conflict = verdict === 'conflict';
  const review = await db
    .insertInto('programme_reviews')
    .values({ application_id: applicationId, reviewer_id: reviewerId, conflict_reason: conflict ? 'J’ai travaillé avec cette personne en 2024 à Sfax.' : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!conflict) await db.insertInto('programme_review_scores').values(criterionIds.map((criterion_id) => ({ review_id: review.id, criterion_id, score: verdict }))).execute();
}

/** The demo review: criteria for the four calls, both demo reviewers assigned everywhere, and their scores. */
export async function seedReview(context: SeedContext): Promise<void> {
  const db = reviewDb(context.db);
  const reviewers = ['programme:reviewer', 'programme:reviewer2'].map((key) => context.users.get(key));
  const calls = await db.selectFrom('programme_calls').select(['id', 'slug', 'audience', 'closes_on']).execute();
  for (const call of calls) {
    const criterionIds = await seedCriteria(context, call.id, call.audience === 'volunteers' ? volunteerCriteria : communeCriteria);
    for (const reviewerId of reviewers) if (reviewerId) await db.insertInto('programme_review_assignments').values({ call_id: call.id, user_id: reviewerId }).execute();
    const applications = await db.selectFrom('programme_applications').select(['id', 'applicant_name']).where('call_id', '=', call.id).execute();
    for (const application of applications) {
      const pair = verdicts[call.slug]?.[application.applicant_name] ?? [null, null];
      for (const [index, reviewerId] of reviewers.entries()) if (reviewerId) await seedVerdict(context, application.id, reviewerId, pair[index]!, criterionIds);
    }
  }
  // Cohort 1 is decided: its scoring was closed before the decisions went out.
  await db.updateTable('programme_calls').set({ review_closed_at: new Date() }).where('slug', 'in', ['communes-1', 'volontaires-1']).execute();
}
