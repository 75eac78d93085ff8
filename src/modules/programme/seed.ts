import type { SeedContext } from '../../platform/module.js';
import { dayFrom } from './calls/state.js';
import { formatReference } from './calls/reference.js';
import { type CallAudience, programmeDb } from './db/tables.js';
import { termsFromNeeds } from './path/pairing.js';
import { seedReview } from './review/seed.js';
import { communeCallFields, openCommuneApplications, openVolunteerApplications, pastCommuneApplications, pastVolunteerApplications, type SeedApplication, type SeedField, volunteerCallFields } from './seed-content.js';

interface SeedCall {
  slug: string;
  audience: CallAudience;
  opensIn: number;
  closesIn: number;
  applications: SeedApplication[];
}

interface SeedCohort {
  slug: string;
  number: string;
  pathStartsIn: number;
  calls: SeedCall[];
}

// Dates are relative to the day the demo is seeded: cohort 1 is half-way through its six-month path while the calls
// of cohort 2 are open (40 days), as they would be in a running programme.
const cohorts: SeedCohort[] = [
  {
    slug: 'cohorte-1',
    number: '1',
    pathStartsIn: -90,
    calls: [
      { slug: 'communes-1', audience: 'communes', opensIn: -170, closesIn: -131, applications: pastCommuneApplications },
      { slug: 'volontaires-1', audience: 'volunteers', opensIn: -170, closesIn: -131, applications: pastVolunteerApplications },
    ],
  },
  {
    slug: 'cohorte-2',
    number: '2',
    pathStartsIn: 100,
    calls: [
      { slug: 'communes-2', audience: 'communes', opensIn: -20, closesIn: 19, applications: openCommuneApplications },
      { slug: 'volontaires-2', audience: 'volunteers', opensIn: -20, closesIn: 19, applications: openVolunteerApplications },
    ],
  },
];

const callTexts = (audience: CallAudience, number: string) =>
  audience === 'communes'
    ? {
        title: { fr: `Appel aux communes — cohorte ${number}`, en: `Call for communes — cohort ${number}` },
        description: { fr: 'Les communes retenues accueillent une ou un volontaire pendant six mois et suivent un parcours accompagné vers la gouvernance ouverte locale : budget publié, premiers jeux de données ouverts, plaintes traitées, consultation publique, agents formés.', en: 'Selected communes host a volunteer for six months on an assisted path towards local open governance: budget published, first open datasets, complaints handled, a public consultation, trained staff.' },
        eligibility: { fr: 'Communes des pays du réseau ; délibération du conseil autorisant la candidature ; un agent référent désigné.', en: 'Communes of the network’s countries; a council decision authorising the application; a designated contact person.' },
      }
    : {
        title: { fr: `Appel à volontaires — cohorte ${number}`, en: `Call for volunteers — cohort ${number}` },
        description: { fr: 'Six mois dans une commune d’un autre pays du réseau pour accompagner l’équipe municipale : données ouvertes, budget, participation, redevabilité.', en: 'Six months in a commune of another country of the network, supporting the town hall’s team: open data, budget, participation, accountability.' },
        eligibility: { fr: 'Disponible pendant toute la période ; passeport valide au moins un an ; expérience de la gouvernance locale ou des technologies civiques.', en: 'Available for the whole period; passport valid for at least one year; experience of local governance or civic tech.' },
      };

const fieldRow = (callId: string, field: SeedField, position: number) => ({
  call_id: callId,
  key: field.key,
  position,
  kind: field.kind,
  label: JSON.stringify(field.label),
  help: JSON.stringify(field.help ?? {}),
  required: field.required ?? false,
  options: JSON.stringify(field.options ?? []),
  min_value: field.min ?? null,
  max_value: field.max ?? null,
  max_length: field.maxLength ?? null,
  purpose: field.purpose ?? null,
});

async function seedApplications(context: SeedContext, callId: string, closesOn: string, applications: SeedApplication[], counter: { n: number }): Promise<void> {
  const now = new Date();
  const submittedAt = new Date(Math.min(now.getTime(), Date.parse(`${closesOn}T10:00:00Z`) - 86_400_000));
  for (const application of applications) {
    const draft = application.status === 'draft';
    const decided = application.status === 'selected' || application.status === 'rejected';
    await programmeDb(context.db)
      .insertInto('programme_applications')
      .values({
        call_id: callId,
        reference: draft ? null : formatReference(now.getUTCFullYear(), ++counter.n),
        applicant_user_id: application.user ? (context.users.get(application.user) ?? null) : null,
        channel: application.user ? 'web' : 'paper',
        commune_id: application.commune ? (context.communes.get(application.commune)?.id ?? null) : null,
        applicant_name: application.name,
        country: application.country,
        gender: application.gender ?? null,
        birth_year: application.birthYear ?? null,
        answers: JSON.stringify(application.answers),
        status: application.status,
        submitted_at: draft ? null : submittedAt,
        decided_at: decided ? now : null,
        decision_sent_at: decided ? now : null,
      })
      .execute();
  }
}

// Cohort 1's pairs: each volunteer works in a country other than their own (Moroccan in Senegal, Senegalese in Morocco).
const demoPairs = [
  ['ndar-toute', 'programme:volunteer'],
  ['tiznit-el-jadida', 'programme:volunteer2'],
] as const;

async function seedDeployments(context: SeedContext, cohortSlug: string): Promise<void> {
  const db = programmeDb(context.db);
  const cohort = await db.selectFrom('programme_cohorts').selectAll().where('slug', '=', cohortSlug).executeTakeFirstOrThrow();
  const applications = await db
    .selectFrom('programme_applications')
    .innerJoin('programme_calls', 'programme_calls.id', 'programme_applications.call_id')
    .selectAll('programme_applications')
    .where('programme_calls.cohort_id', '=', cohort.id)
    .where('programme_applications.status', '=', 'selected')
    .execute();
  for (const [communeSlug, volunteerKey] of demoPairs) {
    const communeId = context.communes.get(communeSlug)?.id;
    const volunteerUserId = context.users.get(volunteerKey);
    const communeApplication = applications.find((a) => a.commune_id === communeId);
    const volunteerApplication = applications.find((a) => a.applicant_user_id === volunteerUserId && !a.commune_id);
    if (!communeId || !volunteerApplication) continue;
    await db
      .insertInto('programme_deployments')
      .values({
        cohort_id: cohort.id,
        commune_id: communeId,
        commune_application_id: communeApplication?.id ?? null,
        volunteer_application_id: volunteerApplication.id,
        volunteer_user_id: volunteerUserId ?? null,
        starts_on: cohort.path_starts_on,
        ends_on: cohort.path_ends_on,
        terms: JSON.stringify(termsFromNeeds(communeApplication?.answers.needs)),
      })
      .execute();
  }
}

/** The demo programme: its team, two cohorts, their calls and forms, and applications at every stage. */
export async function seedProgramme(context: SeedContext): Promise<void> {
  const db = programmeDb(context.db);
  const now = new Date();
  const team = [
    ['programme:operator', 'operator'],
    ['programme:reviewer', 'reviewer'],
    ['programme:reviewer2', 'reviewer'],
  ] as const;
  for (const [key, role] of team) {
    const userId = context.users.get(key);
    if (userId) await db.insertInto('programme_team').values({ user_id: userId, role }).execute();
  }
  const counter = { n: 0 };
  for (const cohort of cohorts) {
    const { id: cohortId } = await db
      .insertInto('programme_cohorts')
      .values({ slug: cohort.slug, title: JSON.stringify({ fr: `Cohorte ${cohort.number}`, en: `Cohort ${cohort.number}` }), path_starts_on: dayFrom(now, cohort.pathStartsIn), path_ends_on: dayFrom(now, cohort.pathStartsIn + 182) })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const call of cohort.calls) {
      const texts = callTexts(call.audience, cohort.number);
      const closesOn = dayFrom(now, call.closesIn);
      const { id: callId } = await db
        .insertInto('programme_calls')
        .values({
          cohort_id: cohortId,
          slug: call.slug,
          audience: call.audience,
          title: JSON.stringify(texts.title),
          description: JSON.stringify(texts.description),
          eligibility: JSON.stringify(texts.eligibility),
          languages: JSON.stringify(['fr', 'en', 'pt', 'ar']),
          opens_on: dayFrom(now, call.opensIn),
          closes_on: closesOn,
          published_at: new Date(now.getTime() + (call.opensIn - 1) * 86_400_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const fields = call.audience === 'communes' ? communeCallFields : volunteerCallFields;
      await db.insertInto('programme_call_fields').values(fields.map((field, index) => fieldRow(callId, field, index + 1))).execute();
      await seedApplications(context, callId, closesOn, call.applications, counter);
    }
  }
  await seedDeployments(context, 'cohorte-1');
  await seedReview(context);
}
