import type { SeedCommune } from './seed-content.js';

const term = '2022-02-05';

/** Fictional Senegalese commune (Saint-Louis region): French, some English translations. */
export const ndarToute: SeedCommune = {
  slug: 'ndar-toute',
  name: { fr: 'Ndar Toute', en: 'Ndar Toute' },
  country: 'SN',
  region: { fr: 'Région de Saint-Louis', en: 'Saint-Louis Region' },
  defaultLocale: 'fr',
  enabledLocales: ['fr', 'en'],
  timeZone: 'Africa/Dakar',
  currency: 'XOF',
  presentation: {
    fr: "Ndar Toute est une commune du delta du fleuve Sénégal, entre le fleuve et l'océan. Pêche, maraîchage et petit commerce font vivre ses quartiers.\n\nLe conseil municipal s'est engagé à publier ses décisions, son budget et ses comptes, et à associer les habitants aux choix qui les concernent.",
    en: 'Ndar Toute is a commune in the Senegal River delta, between the river and the ocean. Fishing, market gardening and small trade support its neighbourhoods.\n\nThe council has committed to publishing its decisions, budget and accounts, and to involving residents in the choices that affect them.',
  },
  contact: {
    address: { fr: 'Hôtel de ville, place Faidherbe, Ndar Toute', en: 'Town hall, Faidherbe square, Ndar Toute' },
    phone: '+221339610000',
    email: 'mairie@ndar-toute.example.sn',
    website: 'https://ndar-toute.example.sn',
    openingHours: { fr: 'Du lundi au vendredi, de 8 h à 16 h 30', en: 'Monday to Friday, 8 am to 4.30 pm' },
  },
  keyFigures: { population: 45210, areaKm2: 12, neighbourhoods: 9, councillors: 46 },
  neighbourhoods: ['Sor', 'Guet Ndar', 'Goxu Mbacc', 'Pikine', 'Diamaguène', 'Léona', 'Balacoss', 'Ndiolofène', 'Corniche'],
  persons: [
    { key: 'mayor', name: 'Aminata Diop Sall', gender: 'female', email: 'maire@ndar-toute.example.sn', biography: { fr: "Enseignante de formation, élue maire en 2022 après deux mandats de conseillère. Elle porte le programme « Mairie ouverte ».", en: 'A teacher by training, elected mayor in 2022 after two terms as councillor.' } },
    { key: 'deputy1', name: 'Mamadou Lamine Fall', gender: 'male', biography: { fr: 'Premier adjoint, chargé des finances et du budget participatif. Ancien comptable de la coopérative des pêcheurs.' } },
    { key: 'deputy2', name: 'Ndèye Fatou Sène', gender: 'female', biography: { fr: "Deuxième adjointe, chargée de l'état civil et de l'action sociale." } },
    { key: 'c1', name: 'Ousmane Ba', gender: 'male', biography: { fr: 'Conseiller municipal, président de la commission urbanisme et environnement. Ingénieur en génie civil.' } },
    { key: 'c2', name: 'Awa Ndiaye', gender: 'female', biography: { fr: 'Conseillère municipale, présidente de la commission des affaires sociales. Responsable d’un groupement de femmes transformatrices.' } },
    { key: 'c3', name: 'Cheikh Tidiane Sow', gender: 'male', biography: { fr: 'Conseiller municipal, pêcheur à Guet Ndar, membre de la commission des finances.' } },
    { key: 'c4', name: 'Mariama Diallo', gender: 'female', biography: { fr: 'Conseillère municipale, infirmière au poste de santé de Pikine.' } },
    { key: 'c5', name: 'Abdoulaye Faye', gender: 'male', biography: { fr: 'Conseiller municipal, commerçant au marché de Sor, membre de la commission urbanisme.' } },
    { key: 'c6', name: 'Coumba Thiam', gender: 'female', biography: { fr: 'Conseillère municipale, étudiante, représentante du conseil communal de la jeunesse.' } },
  ],
  organizations: [
    { key: 'council', name: { fr: 'Conseil municipal', en: 'Municipal council' }, classification: 'council' },
    { key: 'bureau', name: { fr: 'Bureau municipal', en: 'Executive office' }, classification: 'executive' },
    { key: 'finance', name: { fr: 'Commission des finances et du budget' }, classification: 'commission' },
    { key: 'urban', name: { fr: 'Commission urbanisme et environnement' }, classification: 'commission' },
    { key: 'social', name: { fr: 'Commission des affaires sociales' }, classification: 'commission' },
  ],
  memberships: [
    { person: 'mayor', organization: 'bureau', role: { fr: 'Maire', en: 'Mayor' }, post: 'mayor', startDate: term },
    { person: 'deputy1', organization: 'bureau', role: { fr: 'Premier adjoint au maire' }, post: 'deputy_mayor', startDate: term },
    { person: 'deputy2', organization: 'bureau', role: { fr: 'Deuxième adjointe au maire' }, post: 'deputy_mayor', startDate: term },
    ...['mayor', 'deputy1', 'deputy2', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((person) => ({ person, organization: 'council', role: { fr: 'Membre du conseil municipal' }, post: 'councillor' as const, startDate: term })),
    { person: 'deputy1', organization: 'finance', role: { fr: 'Président de la commission' }, post: 'commission_chair', startDate: term },
    { person: 'c3', organization: 'finance', role: { fr: 'Membre' }, post: 'commission_member', startDate: term },
    { person: 'c1', organization: 'urban', role: { fr: 'Président de la commission' }, post: 'commission_chair', startDate: term },
    { person: 'c5', organization: 'urban', role: { fr: 'Membre' }, post: 'commission_member', startDate: term },
    { person: 'c2', organization: 'social', role: { fr: 'Présidente de la commission' }, post: 'commission_chair', startDate: term },
    { person: 'c4', organization: 'social', role: { fr: 'Membre' }, post: 'commission_member', startDate: term },
    { person: 'c6', organization: 'social', role: { fr: 'Membre' }, post: 'commission_member', startDate: '2023-06-01' },
  ],
  news: [
    {
      key: 'market',
      publishedDaysAgo: 2,
      title: { fr: 'Le marché de Sor rouvre après sa réhabilitation', en: 'Sor market reopens after its renovation' },
      body: {
        fr: "Après huit mois de travaux, le marché de Sor rouvre ses portes lundi. La toiture a été refaite, les allées élargies et **48 nouvelles cantines** attribuées par tirage au sort public.\n\nCe qui change pour les commerçants :\n\n- un point d'eau et des toilettes sur chaque allée ;\n- un éclairage solaire pour les ventes du soir ;\n- des bacs de tri collectés chaque matin.\n\nLe coût total, 212 millions de F CFA, est détaillé dans la délibération publiée dans la rubrique Documents.",
        en: 'After eight months of works, Sor market reopens on Monday. The roof was rebuilt, the aisles widened and **48 new stalls** allocated by public draw.\n\nWhat changes for traders:\n\n- water and toilets in every aisle;\n- solar lighting for evening sales;\n- sorting bins collected every morning.\n\nThe full cost, 212 million CFA francs, is detailed in the council decision published under Documents.',
      },
    },
    {
      key: 'budget-hearing',
      publishedDaysAgo: 9,
      title: { fr: 'Audience publique sur le budget 2027 le 5 décembre', en: 'Public hearing on the 2027 budget on 5 December' },
      body: {
        fr: "La commune présentera son projet de budget 2027 lors d'une audience publique à la salle des fêtes, le 5 décembre à 16 h. Chaque habitant peut poser ses questions et proposer des priorités.\n\nLes documents seront disponibles en ligne une semaine avant. Une traduction en wolof sera assurée sur place.",
        en: 'The commune will present its draft 2027 budget at a public hearing in the town hall, on 5 December at 4 pm. Every resident can ask questions and suggest priorities.\n\nThe documents will be online a week before. Interpretation into Wolof will be provided.',
      },
    },
    {
      key: 'sanitation',
      publishedDaysAgo: 16,
      title: { fr: 'Journée de salubrité : 1 200 volontaires mobilisés' },
      body: { fr: "Samedi dernier, **1 200 volontaires** des neuf quartiers ont participé à la journée de salubrité. Plus de 40 tonnes de déchets ont été évacuées, notamment le long des canaux de Pikine.\n\nLa prochaine journée aura lieu le premier samedi de janvier. Les associations de quartier peuvent s'inscrire auprès du service d'hygiène." },
    },
    {
      key: 'civil-status',
      publishedDaysAgo: 30,
      title: { fr: "L'état civil numérisé : vos extraits en 48 heures" },
      body: { fr: "Les registres d'état civil de 1960 à aujourd'hui sont désormais numérisés. Un extrait d'acte de naissance est délivré en **48 heures** au lieu de deux semaines.\n\nPensez à apporter :\n\n- votre pièce d'identité ;\n- le numéro et l'année de l'acte si vous les connaissez." },
    },
    {
      key: 'youth',
      publishedDaysAgo: 0,
      scheduledInDays: 3,
      title: { fr: 'Appel à projets jeunes et femmes : 10 millions de F CFA' },
      body: { fr: "La commune lance un appel à projets pour les groupements de jeunes et de femmes. **Dix projets** recevront chacun un million de F CFA et un accompagnement de six mois. Dossiers à déposer avant le 31 janvier." },
    },
  ],
  services: [
    { key: 'birth', category: 'civil_status', fee: 200, title: { fr: "Extrait d'acte de naissance", en: 'Birth certificate extract' }, description: { fr: "Toute personne inscrite au registre, ou un proche muni d'une procuration, peut le demander.\n\n**Pièces à fournir :**\n\n- pièce d'identité ;\n- numéro et année de l'acte, si connus.", en: 'Anyone registered, or a relative with a power of attorney, may ask.\n\n**Bring:**\n\n- an identity document;\n- the certificate number and year, if known.' }, delay: { fr: '48 heures', en: '48 hours' }, location: { fr: "Service de l'état civil, rez-de-chaussée", en: 'Civil status office, ground floor' }, openingHours: { fr: 'Lundi à vendredi, 8 h – 15 h', en: 'Monday to Friday, 8 am – 3 pm' } },
    { key: 'marriage', category: 'civil_status', fee: 200, title: { fr: "Extrait d'acte de mariage", en: 'Marriage certificate extract' }, description: { fr: "**Pièces à fournir :** pièce d'identité d'un des époux et date du mariage.", en: '**Bring:** an identity document of one spouse and the date of the marriage.' }, delay: { fr: '48 heures', en: '48 hours' }, location: { fr: "Service de l'état civil" }, openingHours: { fr: 'Lundi à vendredi, 8 h – 15 h' } },
    { key: 'death', category: 'civil_status', fee: 200, title: { fr: "Extrait d'acte de décès" }, description: { fr: "**Pièces à fournir :** pièce d'identité du demandeur et, si possible, numéro de l'acte." }, delay: { fr: '48 heures' }, location: { fr: "Service de l'état civil" }, openingHours: { fr: 'Lundi à vendredi, 8 h – 15 h' } },
    { key: 'residence', category: 'civil_status', fee: 500, title: { fr: 'Certificat de résidence' }, description: { fr: "**Pièces à fournir :**\n\n- pièce d'identité ;\n- attestation du délégué de quartier ;\n- une facture d'eau ou d'électricité récente." }, delay: { fr: '24 heures' }, location: { fr: 'Guichet unique, hôtel de ville' }, openingHours: { fr: 'Lundi à vendredi, 8 h – 16 h' } },
    { key: 'legalisation', category: 'other', fee: 1000, title: { fr: 'Légalisation de signature' }, description: { fr: "Le signataire se présente en personne avec sa pièce d'identité et le document **non signé**." }, delay: { fr: 'Immédiat' }, location: { fr: 'Guichet unique, hôtel de ville' }, openingHours: { fr: 'Lundi à vendredi, 8 h – 12 h' } },
    { key: 'building', category: 'urbanism', fee: 25000, title: { fr: 'Permis de construire' }, description: { fr: "**Pièces à fournir :**\n\n- titre foncier ou acte d'affectation ;\n- plans signés par un architecte agréé ;\n- devis descriptif ;\n- quittance des droits." }, delay: { fr: '30 jours ouvrables' }, location: { fr: "Service de l'urbanisme, 1er étage" }, openingHours: { fr: 'Mardi et jeudi, 9 h – 13 h' } },
  ],
  documents: [
    { key: 'budget-2026', category: 'budget', documentDate: '2025-12-18', title: { fr: 'Délibération n° 2025-041 portant adoption du budget 2026' } },
    { key: 'market-works', category: 'deliberation', documentDate: '2025-03-27', title: { fr: 'Délibération n° 2025-012 sur la réhabilitation du marché de Sor' } },
    { key: 'report-2025', category: 'report', documentDate: '2026-03-31', title: { fr: "Rapport d'activités 2025" } },
    { key: 'market-fees', category: 'decree', documentDate: '2026-05-12', title: { fr: 'Arrêté municipal fixant les droits de place au marché' } },
    { key: 'minutes', category: 'other', documentDate: '2026-09-30', title: { fr: 'Procès-verbal de la session ordinaire du 30 septembre 2026' } },
  ],
  meetings: [
    { inDays: 12, title: { fr: 'Session budgétaire du conseil municipal' }, location: { fr: 'Salle des délibérations, hôtel de ville' }, agenda: { fr: '1. Examen du projet de budget 2027\n2. Budget participatif : montant réservé\n3. Questions diverses' } },
    { inDays: 40, title: { fr: 'Session ordinaire du conseil municipal' }, location: { fr: 'Salle des délibérations, hôtel de ville' }, agenda: { fr: '1. Compte administratif\n2. Convention avec les associations de quartier' } },
  ],
};
