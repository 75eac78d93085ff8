import type { SeedContext } from '../../../platform/module.js';
import { scopedPlans } from '../plans/tables.js';
import { type Gender, type Sector, scopedForum } from './tables.js';

const dayMs = 86_400_000;
const daysFromNow = (days: number) => new Date(Date.now() + days * dayMs);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const at10 = (date: Date) => new Date(`${dayOf(date)}T10:00:00Z`);

const demoMembers: [string, string, Sector, Gender, string][] = [
  ['Awa Ndiaye', 'Mairie de Ndar Toute', 'government', 'female', 'Co-présidente'],
  ['Mamadou Sarr', 'Mairie de Ndar Toute', 'government', 'male', 'Point de contact OGP'],
  ['Khady Fall', 'Service financier', 'government', 'female', 'Membre'],
  ['Ibrahima Diop', 'Forum civil de Ndar Toute', 'civil_society', 'male', 'Co-président'],
  ['Fatou Sow', 'Réseau des femmes de Guet Ndar', 'civil_society', 'female', 'Membre'],
  ['Cheikh Ba', 'Réseau des jeunes citoyens', 'civil_society', 'male', 'Membre'],
  ['Aminata Gueye', 'Associations de quartier', 'civil_society', 'female', 'Rapporteuse'],
  ['Pape Seck', 'Université Gaston-Berger', 'other', 'male', 'Membre'],
];

/**
 * Ndar Toute's forum: eight members, two past meetings and one to come, and civil society's endorsement of the OGP
 * plan. Honestly mixed: the second meeting came eight months after the first, its agenda only three days before.
 */
export async function seedForum(context: SeedContext): Promise<void> {
  const commune = context.communes.get('ndar-toute');
  if (!commune) return;
  const plan = await scopedPlans(context.db, commune.id).selectFrom('accountability_plans').select('id').where('kind', '=', 'ogp_action_plan').executeTakeFirst();
  const scope = scopedForum(context.db, commune.id);
  const forum = await scope.insertInto('accountability_forums', {
    name: 'Forum multi-acteurs OGP Local de Ndar Toute',
    rules_text: 'Le forum réunit à parts égales la mairie et la société civile.\nIl se réunit au moins tous les six mois ; l’ordre du jour est publié au moins sept jours avant chaque réunion et le compte rendu après.\nLes membres de la société civile sont désignés par leurs organisations, pour deux ans.',
    rules_published_on: '2026-02-19',
  }).returning('id').executeTakeFirstOrThrow();
  const members = await scope.insertInto('accountability_forum_members', demoMembers.map(([name, organisation, sector, gender, role]) => ({ forum_id: forum.id, name, organisation, sector, gender, role, joined_on: '2026-01-20' }))).returning('id').execute();
  const first = new Date('2026-02-12T10:00:00Z');
  const second = at10(daysFromNow(-40));
  const upcoming = at10(daysFromNow(21));
  const meetings = await scope.insertInto('accountability_forum_meetings', [
    { forum_id: forum.id, plan_id: plan?.id ?? null, starts_at: first, place: 'Salle des délibérations, mairie', agenda: 'Adoption du règlement du forum\nChoix des engagements du plan d’action OGP Local 2026-2027', agenda_published_on: '2026-01-29', minutes_text: 'Le forum adopte son règlement et retient trois engagements pour le plan d’action.', minutes_published_on: '2026-02-19', other_attendees: 12 },
    { forum_id: forum.id, plan_id: plan?.id ?? null, starts_at: second, place: 'Centre culturel de Sor', agenda: 'Point d’étape sur les engagements\nPréparation du budget participatif', agenda_published_on: dayOf(daysFromNow(-43)), minutes_text: 'Le service financier présente la publication du budget ; le forum demande un calendrier du budget participatif.', minutes_published_on: dayOf(daysFromNow(-33)), other_attendees: 25 },
    { forum_id: forum.id, plan_id: plan?.id ?? null, starts_at: upcoming, place: 'Salle des délibérations, mairie', agenda: 'Revue à mi-parcours du plan d’action\nSuivi des plaintes', agenda_published_on: dayOf(daysFromNow(-1)) },
  ]).returning('id').execute();
  const ids = members.map((m) => m.id);
  await scope.insertInto('accountability_forum_attendance', [
    ...ids.map((memberId) => ({ meeting_id: meetings[0]!.id, member_id: memberId })),
    ...ids.slice(0, 6).map((memberId) => ({ meeting_id: meetings[1]!.id, member_id: memberId })),
  ]).execute();
  await scope.insertInto('accountability_forum_decisions', [
    { meeting_id: meetings[0]!.id, text: 'Le règlement du forum est adopté.', follow_up: 'Publié en ligne le 19 février 2026.' },
    { meeting_id: meetings[0]!.id, text: 'Trois engagements sont retenus pour le plan d’action.', follow_up: 'Plan publié.' },
    { meeting_id: meetings[1]!.id, text: 'La mairie publiera le calendrier du budget participatif avant la fin de l’année.', follow_up: '' },
  ]).execute();
  if (plan) {
    await scope.insertInto('accountability_plan_endorsements', { plan_id: plan.id, organisations: 'Forum civil de Ndar Toute, Réseau des femmes de Guet Ndar, Réseau des jeunes citoyens', endorsed_on: '2026-02-20', document_url: 'https://example.org/ndar-toute/ogp-local/aval-societe-civile.pdf' }).execute();
  }
}
