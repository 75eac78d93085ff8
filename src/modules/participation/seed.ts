import type { SeedContext } from '../../platform/module.js';
import { scoped } from './queries/participation-queries.js';
import { seedDemoSurvey } from './surveys/survey-seed.js';

const day = 24 * 3600 * 1000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString().slice(0, 10);

/** One open consultation per demo commune, on its development plan, with a few proposals. */
export async function seedParticipation(context: SeedContext): Promise<void> {
  const demos = [
    {
      slug: 'ndar-toute',
      title: { fr: 'Plan de développement communal 2027-2031 : vos priorités', en: 'Communal development plan 2027-2031: your priorities' },
      description: { fr: 'La commune prépare son plan de développement. Proposez les projets qui comptent pour votre quartier ; chaque proposition recevra une réponse écrite.' },
      phases: [{ fr: 'Dépôt des propositions' }, { fr: 'Analyse par les services' }, { fr: 'Réponses de la commune' }],
      proposals: [
        { title: 'Éclairage solaire sur la route de la Corniche', body: 'Le soir, la route est plongée dans le noir et les accidents se multiplient.', neighbourhood: 'Corniche', category: 'Énergie', place: 'Route de la Corniche, entre le pont et la station', latitude: 16.0179, longitude: -16.5064 },
        { title: 'Un forage pour le marché de Pikine', body: "Les commerçantes achètent l'eau en bidons. Un forage réduirait les coûts et améliorerait l'hygiène.", neighbourhood: 'Pikine', category: 'Eau', place: 'Marché central de Pikine' },
      ],
      categories: ['Eau', 'Énergie', 'Voirie', 'Santé', 'Jeunesse et sport'],
      meeting: {
        location: 'Maison de quartier de Léona',
        agenda: 'Priorités du plan de développement pour Léona et Pikine',
        minutes: 'Une cinquantaine de personnes présentes. Les latrines publiques reviennent dans toutes les interventions.',
        attendance: { women: 28, men: 19, youth: 14 },
        proposal: { title: 'Latrines publiques au quai de pêche', body: 'Demandé par les pêcheurs pendant la réunion : le quai n’a aucune installation sanitaire.', neighbourhood: 'Léona', category: 'Santé' },
      },
      neighbourhoods: ['Sor', 'Guet Ndar', 'Pikine', 'Corniche', 'Léona'],
      author: 'ndar-toute:citizen',
    },
    {
      slug: 'tiznit-el-jadida',
      title: { ar: 'برنامج عمل الجماعة 2027-2032: أولوياتكم', fr: "Programme d'action de la commune 2027-2032 : vos priorités" },
      description: { ar: 'تُعدّ الجماعة برنامج عملها. اقترحوا المشاريع التي تهم أحياءكم؛ وسيتلقى كل اقتراح جوابًا مكتوبًا.', fr: "La commune prépare son programme d'action. Proposez les projets qui comptent pour votre quartier." },
      phases: [{ ar: 'تقديم الاقتراحات', fr: 'Dépôt des propositions' }, { ar: 'الدراسة التقنية', fr: 'Étude technique' }, { ar: 'أجوبة الجماعة', fr: 'Réponses de la commune' }],
      proposals: [{ title: 'ملعب للقرب في حي الرحمة', body: 'لا يوجد فضاء آمن لممارسة الرياضة للأطفال والشباب في الحي.', neighbourhood: 'الرحمة', category: 'الرياضة', place: 'الأرض الفارغة قرب السوق' }],
      categories: ['الرياضة', 'الماء', 'الطرق', 'الصحة'],
      meeting: null,
      neighbourhoods: ['الرحمة', 'إدزكري', 'النخيل', 'أفراك'],
      author: 'tiznit-el-jadida:citizen',
    },
  ];
  for (const demo of demos) {
    const commune = context.communes.get(demo.slug);
    const authorId = context.users.get(demo.author);
    if (!commune || !authorId) continue;
    const inCommune = scoped(context.db, commune.id);
    const consultation = await inCommune
      .insertInto('consultations', { title: JSON.stringify(demo.title), description: JSON.stringify(demo.description), subject_type: 'development_plan', influence_level: 'consult', status: 'published', tags: JSON.stringify(['PDC']), neighbourhoods: JSON.stringify(demo.neighbourhoods), categories: JSON.stringify(demo.categories) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [ideas] = await inCommune
      .insertInto('consultation_phases', demo.phases.map((title, index) => ({
        consultation_id: consultation.id,
        title: JSON.stringify(title),
        description: '{}',
        starts_on: isoDay(index === 0 ? -10 : 20 + (index - 1) * 30),
        ends_on: isoDay(index === 0 ? 19 : 49 + (index - 1) * 30),
        allows_proposals: index === 0,
        allows_supports: index === 0,
        allows_comments: index < 2,
        allows_survey: index === 0 && demo.slug === 'ndar-toute',
      })))
      .returning('id')
      .execute();
    for (const proposal of demo.proposals) {
      await inCommune.insertInto('proposals', { consultation_id: consultation.id, phase_id: ideas!.id, author_id: authorId, channel: 'web', ...proposal }).execute();
    }
    if (demo.slug === 'ndar-toute') await seedDemoSurvey(context, commune, { id: ideas!.id, consultation_id: consultation.id });
    const staffId = context.users.get(`${demo.slug}:staff`);
    if (demo.meeting && staffId) {
      const { attendance, proposal, ...meeting } = demo.meeting;
      const held = await inCommune
        .insertInto('consultation_meetings', { ...meeting, consultation_id: consultation.id, starts_at: new Date(Date.now() - 5 * day), attendance_women: attendance.women, attendance_men: attendance.men, attendance_youth: attendance.youth })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Voiced at the meeting and written down by the staff member who recorded it.
      await inCommune.insertInto('proposals', { consultation_id: consultation.id, phase_id: ideas!.id, author_id: staffId, channel: 'meeting', meeting_id: held.id, ...proposal }).execute();
    }
  }
}
