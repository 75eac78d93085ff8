import type { SeedContext } from '../../../platform/module.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { storeFile } from '../../../platform/storage/uploads.js';
import { searchTextOf } from './forms.js';
import { onePageTextPdf } from './seed-document.js';
import type { Principle } from './tables.js';
import { practicesDb } from './tables.js';

interface SeedPractice {
  commune: string;
  author: string;
  title: LocalizedText;
  summary: LocalizedText;
  body: LocalizedText;
  results: LocalizedText;
  principles: Principle[];
  modules: string[];
  contact: { name: string; role: string; email: string; phone: string };
  published: boolean;
  document?: { title: string; lines: string[] };
}

const practices: SeedPractice[] = [
  {
    commune: 'ndar-toute',
    author: 'ndar-toute:staff',
    title: { fr: 'Le budget sous l’arbre à palabres', en: 'The budget under the palaver tree' },
    summary: {
      fr: 'Chaque année, le projet de budget est présenté et discuté en plein air, quartier par quartier, avant le vote du conseil.',
      en: 'Every year the draft budget is presented and discussed outdoors, neighbourhood by neighbourhood, before the council votes.',
    },
    body: {
      fr: 'Le secrétaire municipal et deux conseillers tiennent **six séances publiques** sous l’arbre à palabres de chaque quartier, le samedi matin.\n\n- Le budget est résumé sur une affiche en trois chiffres : ce qui entre, ce qui sort, ce qui est investi.\n- Les habitants posent leurs questions à voix haute ; un agent les note dans Palabre, avec les propositions.\n- Les réponses sont publiées sur le site de la commune avant le vote.',
      en: 'The municipal secretary and two councillors hold **six public sessions** under each neighbourhood’s palaver tree on Saturday mornings.\n\n- The budget is summed up on a poster in three figures: what comes in, what goes out, what is invested.\n- Residents ask their questions aloud; a staff member records them in Palabre, with the proposals.\n- The answers are published on the commune’s site before the vote.',
    },
    results: {
      fr: 'En 2026, 640 personnes ont participé, dont 45 % de femmes ; 38 questions ont reçu une réponse écrite et deux lignes d’investissement ont été modifiées.',
      en: 'In 2026, 640 people took part, 45% of them women; 38 questions received a written answer and two investment lines were changed.',
    },
    principles: ['transparency', 'participation'],
    modules: ['finances', 'participation'],
    contact: { name: 'Ousmane Diallo', role: 'Secrétaire municipal', email: 'budget@ndar-toute.example', phone: '+221 77 000 00 02' },
    published: true,
    document: {
      title: 'Budget 2026 sous l’arbre à palabres : déroulé d’une séance',
      lines: [
        '1. Accueil par le chef de quartier ; rappel des règles : chacun parle à son tour.',
        '2. Le budget en trois chiffres, sur l’affiche : recettes, dépenses, investissements.',
        '3. Questions des habitants, notées par l’agent dans Palabre (30 à 45 minutes).',
        '4. Propositions pour les investissements du quartier, lues à voix haute.',
        '5. Rappel du calendrier : réponses publiées avant le vote du conseil.',
        'Matériel : affiche A1, registre de présence (genre, tranche d’âge), haut-parleur.',
      ],
    },
  },
  {
    commune: 'ndar-toute',
    author: 'ndar-toute:staff',
    title: { fr: 'Une ligne SMS pour les plaintes', en: 'An SMS complaint line' },
    summary: {
      fr: 'Un numéro court reçoit les plaintes par SMS ; chacune reçoit un numéro de suivi et une réponse sous dix jours.',
      en: 'A short number takes complaints by SMS; each gets a tracking number and an answer within ten days.',
    },
    body: {
      fr: 'Beaucoup d’habitants n’ont pas de smartphone mais tous savent envoyer un SMS. La commune a ouvert un numéro court relié au module de plaintes : le message devient une plainte, l’expéditeur reçoit un numéro de suivi, et le service concerné est prévenu.\n\nUn médiateur rappelle les personnes dont le message est trop court pour être traité.',
      en: 'Many residents have no smartphone, but all can send an SMS. The commune opened a short number linked to the complaints module: the message becomes a complaint, the sender receives a tracking number and the service concerned is told.\n\nA mediator calls back people whose message is too short to act on.',
    },
    results: {
      fr: 'Trois fois plus de plaintes reçues la première année, surtout sur l’éclairage public et les ordures ; délai médian de réponse passé de 34 à 9 jours.',
      en: 'Three times as many complaints in the first year, mostly about street lighting and waste; median answer time down from 34 to 9 days.',
    },
    principles: ['accountability', 'innovation'],
    modules: ['requests', 'channels'],
    contact: { name: 'Babacar Fall', role: 'Médiateur communautaire', email: 'plaintes@ndar-toute.example', phone: '+221 77 000 00 04' },
    published: true,
  },
  {
    commune: 'ndar-toute',
    author: 'ndar-toute:staff',
    title: { fr: 'Cercles de consultation des femmes' },
    summary: { fr: 'Des cercles de parole réservés aux femmes, animés par des bénévoles, avant chaque grande consultation.' },
    body: {
      fr: 'Dans les réunions publiques mixtes, les femmes prennent peu la parole. Avant chaque consultation, des bénévoles animent des cercles de dix à quinze femmes, à l’heure qui leur convient, au marché ou à la maternité.\n\nLes propositions sont saisies comme contributions papier par les bénévoles, avec l’accord des participantes.',
    },
    results: { fr: 'La part des propositions venant de femmes est passée de 18 % à 41 % en deux consultations.' },
    principles: ['participation'],
    modules: ['participation'],
    contact: { name: 'Khady Ndiaye', role: 'Coordinatrice des bénévoles', email: 'femmes@ndar-toute.example', phone: '' },
    published: true,
  },
  {
    commune: 'tiznit-el-jadida',
    author: 'tiznit-el-jadida:staff',
    title: { fr: 'Les séances du conseil diffusées sur la radio communautaire', ar: 'بث جلسات المجلس على الإذاعة الجماعية' },
    summary: {
      fr: 'Chaque séance du conseil est retransmise en direct sur la radio locale, en arabe et en amazighe, et les décisions sont publiées le lendemain.',
      ar: 'تُبث كل جلسة للمجلس مباشرة على الإذاعة المحلية بالعربية والأمازيغية، وتُنشر المقررات في اليوم التالي.',
    },
    body: {
      fr: 'La commune a signé une convention avec la radio communautaire : un micro dans la salle du conseil, un animateur qui explique les points de l’ordre du jour et, à la fin, dix minutes de questions des auditeurs par téléphone.\n\nLes décisions sont publiées le lendemain dans Palabre ; l’animateur renvoie les auditeurs vers le site et le numéro SMS.',
      ar: 'وقّعت الجماعة اتفاقية مع الإذاعة الجماعية: ميكروفون في قاعة المجلس، ومنشط يشرح نقاط جدول الأعمال، وفي النهاية عشر دقائق لأسئلة المستمعين عبر الهاتف.',
    },
    results: {
      fr: 'Environ 4 000 auditeurs par séance selon la radio ; les décisions sont publiées en moyenne un jour après la séance, contre trois semaines auparavant.',
      ar: 'حوالي 4000 مستمع في كل جلسة حسب الإذاعة؛ تُنشر المقررات بعد يوم واحد في المتوسط.',
    },
    principles: ['transparency', 'accountability'],
    modules: ['accountability', 'channels'],
    contact: { name: 'Youssef Amrani', role: 'Chargé de communication', email: 'conseil@tiznit-el-jadida.example', phone: '+212 6 00 00 00 02' },
    published: true,
  },
  {
    commune: 'tiznit-el-jadida',
    author: 'tiznit-el-jadida:staff',
    title: { fr: 'Registre ouvert des marchés publics', en: 'An open register of public contracts' },
    summary: { fr: 'Tous les marchés de la commune publiés en données ouvertes, avec leur avancement.', en: 'Every contract of the commune published as open data, with its progress.' },
    body: { fr: 'Brouillon en cours de rédaction : les chiffres de la première année seront ajoutés après la clôture des comptes.' },
    results: {},
    principles: ['transparency', 'innovation'],
    modules: ['open-data', 'finances'],
    contact: { name: 'Fatima Ait Lahcen', role: 'Directrice des services', email: 'marches@tiznit-el-jadida.example', phone: '' },
    published: false,
  },
];

/** A document stored the way an upload is (same checks, same `stored_files` row). */
async function seedDocument(services: SeedContext['services'], communeId: string, practiceId: string, document: { title: string; lines: string[] }) {
  const stored = await storeFile(services, { content: onePageTextPdf(document.title, document.lines), filename: 'seance-budget.pdf' }, { communeId, accept: ['pdf'], uploadedBy: null });
  await practicesDb(services.db).insertInto('network_practice_documents').values({ commune_id: communeId, practice_id: practiceId, file_id: stored.id, title: document.title, kind: 'document' }).execute();
}

/** A few realistic practices of the demo communes; the last one stays a draft. */
export async function seedPractices({ db, communes, users, services }: SeedContext): Promise<void> {
  for (const p of practices) {
    const commune = communes.get(p.commune);
    if (!commune) continue;
    const practice = await practicesDb(db)
      .insertInto('network_practices')
      .values({
        commune_id: commune.id,
        title: JSON.stringify(p.title),
        summary: JSON.stringify(p.summary),
        body: JSON.stringify(p.body),
        results: JSON.stringify(p.results),
        principles: JSON.stringify(p.principles),
        modules: JSON.stringify(p.modules),
        contact_name: p.contact.name,
        contact_role: p.contact.role,
        contact_email: p.contact.email,
        contact_phone: p.contact.phone,
        search_text: searchTextOf([p.title, p.summary, p.body, p.results]),
        status: p.published ? 'published' : 'draft',
        published_at: p.published ? new Date('2026-10-01T09:00:00Z') : null,
        created_by: users.get(p.author) ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (p.document) await seedDocument(services, commune.id, practice.id, p.document);
  }
}
