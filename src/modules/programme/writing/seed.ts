import type { SeedContext } from '../../../platform/module.js';
import { programmeDb } from '../db/tables.js';
import { foldLesson, recordLesson } from './lessons.js';
import { reportablePeriods } from './months.js';
import { publishPost } from './posts.js';
import { writingDb } from './tables.js';

const reports = [
  {
    activities: 'Atelier de deux jours avec le service des finances sur la **publication du budget** ; inventaire des données détenues par la mairie (état civil, marchés, collecte des déchets).',
    results: '- Budget primitif publié sur le site de la commune\n- Liste de 14 jeux de données candidats à l’ouverture',
    difficulties: 'Coupures d’électricité fréquentes à la mairie : les ateliers ont été déplacés le matin.',
    next_steps: 'Former deux agents à la mise à jour du site ; préparer la consultation sur le marché central.',
    comment: 'Très bon départ. Pensez à joindre la liste des jeux de données au prochain rapport.',
  },
  {
    activities: 'Accompagnement du service des plaintes : tri des 40 plaintes en attente, réponses types relues avec le médiateur.',
    results: 'Délai moyen de réponse passé de 19 à 8 jours.',
    difficulties: 'Les plaintes reçues sur papier arrivent avec retard au service.',
    next_steps: 'Saisie des plaintes papier le jour même par l’accueil.',
    comment: null,
  },
  {
    activities: 'Préparation de la consultation publique sur le marché central (questionnaire, réunions de quartier).',
    results: '',
    difficulties: '',
    next_steps: '',
    comment: null,
  },
];

const posts = [
  {
    volunteer: 'programme:volunteer',
    status: 'published' as const,
    title: 'Trois mois à Ndar Toute : le budget sort de l’armoire',
    summary: 'Comment l’équipe municipale a publié son premier budget lisible par toutes et tous.',
    body: 'Quand je suis arrivé, le budget existait… dans une armoire.\n\nAvec le service des finances, nous avons choisi **cinq chiffres** à expliquer en wolof et en français, puis publié le document complet sur le site.\n\n> « Les gens viennent maintenant à la mairie avec la page imprimée. » — l’agent des finances',
  },
  {
    volunteer: 'programme:volunteer2',
    status: 'published' as const,
    title: 'Tiznit El Jadida : des plaintes aux réponses',
    summary: 'Un registre des plaintes ouvert, et des délais de réponse divisés par deux.',
    body: 'Le service des plaintes recevait beaucoup de demandes sans pouvoir les suivre.\n\nNous avons mis en place un **registre unique**, avec un accusé de réception par SMS. Les délais ont été divisés par deux en deux mois.',
  },
  {
    volunteer: 'programme:volunteer',
    status: 'submitted' as const,
    title: 'Préparer une consultation au marché central',
    summary: 'Questionnaires, réunions de quartier : ce que nous préparons pour la première consultation publique.',
    body: 'La consultation sur le marché central commence le mois prochain.\n\nNous avons testé le questionnaire avec dix commerçantes : trois questions ont été réécrites.',
  },
];

const lessons = [
  {
    fromVolunteer: true,
    fold: 'volunteers-guide',
    title: 'Commencer par un chiffre que tout le monde comprend',
    worked: 'Expliquer cinq chiffres du budget en langue locale avant de publier le document complet.',
    did_not_work: 'Publier d’emblée le budget complet en PDF : personne ne l’ouvrait.',
    recommendation: 'Choisir avec les agents quelques chiffres parlants et les expliquer en réunion de quartier avant la publication.',
    audience: 'volunteers' as const,
  },
  {
    fromVolunteer: false,
    fold: null,
    title: 'Désigner un agent référent dès le premier jour',
    worked: 'Là où un agent référent était nommé, les ateliers ont commencé dès la deuxième semaine.',
    did_not_work: 'Sans référent, la ou le volontaire passe le premier mois à chercher des interlocuteurs.',
    recommendation: 'Faire nommer l’agent référent par arrêté avant l’arrivée de la ou du volontaire.',
    audience: 'mayors' as const,
  },
];

async function deploymentOf(context: SeedContext, volunteerKey: string) {
  const userId = context.users.get(volunteerKey);
  if (!userId) return undefined;
  return programmeDb(context.db).selectFrom('programme_deployments').selectAll().where('volunteer_user_id', '=', userId).executeTakeFirst();
}

async function seedReports(context: SeedContext): Promise<void> {
  const deployment = await deploymentOf(context, 'programme:volunteer');
  if (!deployment) return;
  const now = new Date();
  const periods = reportablePeriods(deployment, now);
  // Two months reported, the third still a draft: its month shows as late to the operator once past the 5th.
  for (const [index, report] of reports.entries()) {
    const period = periods[index];
    if (!period) continue;
    const submitted = index < 2;
    await writingDb(context.db)
      .insertInto('programme_reports')
      .values({ deployment_id: deployment.id, author_user_id: deployment.volunteer_user_id, period, activities: report.activities, results: report.results, difficulties: report.difficulties, next_steps: report.next_steps, status: submitted ? 'submitted' : 'draft', submitted_at: submitted ? now : null, operator_comment: report.comment })
      .execute();
  }
}

async function seedPosts(context: SeedContext, operatorId: string | null): Promise<void> {
  for (const post of posts) {
    const deployment = await deploymentOf(context, post.volunteer);
    if (!deployment) continue;
    const row = await writingDb(context.db)
      .insertInto('programme_posts')
      .values({ deployment_id: deployment.id, author_user_id: deployment.volunteer_user_id, language: 'fr', title: post.title, summary: post.summary, body: post.body, status: 'submitted', submitted_at: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (post.status === 'published') await publishPost(context.db, { userId: operatorId, ip: null }, deployment.commune_id, row);
  }
}

async function seedLessons(context: SeedContext, operatorId: string | null): Promise<void> {
  const deployment = await deploymentOf(context, 'programme:volunteer');
  const translate = context.services.messages.translator('fr');
  for (const lesson of lessons) {
    const author = lesson.fromVolunteer ? (deployment?.volunteer_user_id ?? null) : operatorId;
    const id = await recordLesson(context.db, { userId: author, ip: null }, lesson.fromVolunteer && deployment ? deployment : null, { ...lesson, language: 'fr' });
    const row = await writingDb(context.db).selectFrom('programme_lessons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (lesson.fold) await foldLesson(context.db, { userId: operatorId, ip: null }, row, lesson.fold, translate);
  }
}

/** Demo writing: Rachid Benali's reports, one published post per volunteer and one awaiting review, two lessons. */
export async function seedWriting(context: SeedContext): Promise<void> {
  const operatorId = context.users.get('programme:operator') ?? null;
  await seedReports(context);
  await seedPosts(context, operatorId);
  await seedLessons(context, operatorId);
}
