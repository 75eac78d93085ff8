import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { Audience } from './tables.js';

export interface SeedGuide {
  slug: string;
  audience: Audience;
  title: LocalizedText;
  chapters: { key: string; title: LocalizedText; body: LocalizedText }[];
}

/** The mayors' guide: its chapter keys are linked from the scorecard ("how to raise this indicator"). */
const mayorsGuide: SeedGuide = {
  slug: 'mayors-guide',
  audience: 'mayors',
  title: { fr: 'Guide du maire pour la gouvernance ouverte locale', en: 'Mayor’s guide to local open governance' },
  chapters: [
    {
      key: 'introduction',
      title: { fr: 'Pourquoi ouvrir la commune', en: 'Why open the commune' },
      body: {
        fr: 'Une commune ouverte dit ce qu’elle fait, écoute avant de décider et rend compte de ce qu’elle a promis. Ce n’est pas un luxe de grande ville : c’est la manière la plus sûre de regagner la confiance des habitants et de faire rentrer les taxes locales.\n\nCe guide suit les quatre principes du réseau — **transparence**, **participation citoyenne**, **redevabilité** et **innovation technologique** — et, pour chacun, propose des gestes simples, peu coûteux, que Palabre vous aide à tenir dans la durée.\n\nCommencez petit : un engagement tenu vaut mieux que dix annoncés. Chaque chapitre se termine par ce que le tableau de bord du réseau mesure, pour que vous sachiez où vous en êtes.',
        en: 'An open commune says what it does, listens before deciding and accounts for what it promised. This is not a big-city luxury: it is the surest way to win back residents’ trust and to bring local taxes in.\n\nThis guide follows the network’s four principles — **transparency**, **citizen participation**, **accountability** and **technological innovation** — and suggests simple, low-cost steps for each that Palabre helps you keep up over time.\n\nStart small: one commitment kept is worth more than ten announced.',
      },
    },
    {
      key: 'open-data',
      title: { fr: 'Publier des données ouvertes', en: 'Publishing open data' },
      body: {
        fr: 'Les données de la commune (budget, marchés, équipements, état civil agrégé) appartiennent au public. Publiez-les dans un format réutilisable (CSV, JSON), avec une licence ouverte, et tenez-les à jour.\n\n- Désignez un agent responsable de chaque jeu de données et une fréquence de mise à jour.\n- Publiez d’abord ce que les habitants demandent le plus : le budget et les marchés.\n- Un jeu de données en retard est signalé sur le portail : mieux vaut moins de jeux, mais à jour.\n\nLe tableau de bord compte les jeux publiés et la part de ceux qui sont à jour.',
        en: 'The commune’s data (budget, contracts, facilities, aggregate civil registry) belongs to the public. Publish it in reusable formats (CSV, JSON) under an open licence, and keep it up to date.\n\n- Name one staff member responsible for each dataset and an update frequency.\n- Publish first what residents ask for most: the budget and contracts.\n\nThe scorecard counts published datasets and the share that are up to date.',
      },
    },
    {
      key: 'budget-transparency',
      title: { fr: 'La transparence budgétaire', en: 'Budget transparency' },
      body: {
        fr: 'Publiez chaque étape du budget : le projet, le budget voté, les modifications, l’exécution et le compte administratif. Un budget n’est compris que s’il est expliqué : accompagnez-le d’un **budget citoyen** d’une page, en langues locales.\n\nPrésentez le projet en séance publique avant le vote, par exemple sous l’arbre à palabres de chaque quartier, et publiez les réponses aux questions posées.\n\nLe tableau de bord regarde combien des phases budgétaires de l’année sont publiées, et à temps.',
        en: 'Publish every stage of the budget: draft, adopted budget, amendments, execution and final accounts. A budget is only understood if it is explained: add a one-page **citizen budget** in local languages.\n\nPresent the draft in a public session before the vote and publish the answers to the questions asked.',
      },
    },
    {
      key: 'council-decisions',
      title: { fr: 'Publier les décisions du conseil', en: 'Publishing council decisions' },
      body: {
        fr: 'Les délibérations sont des actes publics. Publiez l’ordre du jour avant la séance, puis chaque décision avec son vote dans les jours qui suivent — le réseau recommande **moins de quinze jours**.\n\nOuvrez les séances au public et, si possible, faites-les diffuser par la radio communautaire. Un résumé en langage simple, à côté du texte officiel, aide beaucoup.\n\nLe tableau de bord mesure le délai entre la séance et la publication.',
        en: 'Council resolutions are public acts. Publish the agenda before the session, then each decision with its vote within days — the network recommends **under fifteen days**.\n\nOpen sessions to the public and, where possible, have community radio broadcast them.',
      },
    },
    {
      key: 'access-to-information',
      title: { fr: 'Répondre aux demandes d’accès à l’information', en: 'Answering access-to-information requests' },
      body: {
        fr: 'Toute personne peut demander un document administratif. La loi fixe un délai ; tenez-le, et dites clairement quand et pourquoi vous refusez.\n\n- Désignez un responsable de l’accès à l’information et publiez son nom.\n- Acceptez les demandes par tous les canaux : guichet, site, SMS.\n- Publiez les réponses utiles à tous pour ne pas répondre dix fois à la même question.\n\nLe tableau de bord mesure la part des demandes traitées dans le délai légal.',
        en: 'Anyone may request an administrative document. The law sets a deadline: meet it, and say clearly when and why you refuse.\n\nName an information officer, accept requests through every channel, and publish answers that are useful to all.',
      },
    },
    {
      key: 'answering-proposals',
      title: { fr: 'Répondre aux propositions des habitants', en: 'Answering residents’ proposals' },
      body: {
        fr: 'Une consultation sans réponse décourage pour longtemps. Chaque proposition retenue, écartée ou fusionnée mérite une réponse motivée, publiée.\n\nFixez-vous une règle simple : une réponse à chaque proposition dans le mois qui suit la clôture de la consultation. Dites ce qui sera fait, par qui et quand ; et ce qui ne le sera pas, et pourquoi.\n\nLe tableau de bord mesure la part des propositions qui ont reçu une réponse.',
        en: 'A consultation left unanswered discourages people for a long time. Every proposal kept, set aside or merged deserves a reasoned, published answer — ideally within a month of the consultation closing.',
      },
    },
    {
      key: 'inclusion',
      title: { fr: 'Inclure les femmes, les jeunes et les personnes éloignées', en: 'Including women, young people and those far from the town hall' },
      body: {
        fr: 'Les réunions publiques attirent surtout des hommes âgés. Pour entendre tout le monde, allez vers les gens : cercles de parole de femmes, réunions au marché ou à l’école, horaires adaptés, langues locales.\n\nLes médiateurs et bénévoles peuvent saisir les contributions papier et par téléphone. Demandez, sans l’imposer, le genre et la tranche d’âge des participants : sans ces chiffres, on ne sait pas qui n’est pas entendu.\n\nLe tableau de bord suit la participation des femmes et des jeunes.',
        en: 'Public meetings mostly draw older men. To hear everyone, go to people: women’s circles, meetings at the market or school, suitable hours, local languages. Ask — never force — participants’ gender and age group: without these figures you cannot see who is missing.',
      },
    },
    {
      key: 'complaints',
      title: { fr: 'Traiter les plaintes', en: 'Handling complaints' },
      body: {
        fr: 'Une plainte est une information gratuite sur ce qui ne marche pas. Donnez à chacune un numéro de suivi, un service responsable et un délai, et prévenez la personne à chaque étape.\n\nAcceptez les plaintes par SMS et par téléphone : c’est souvent le seul moyen pour les habitants des quartiers éloignés. Publiez chaque trimestre les chiffres : plaintes reçues, résolues, délai médian.\n\nLe tableau de bord mesure le délai médian de résolution.',
        en: 'A complaint is free information about what is not working. Give each one a tracking number, a responsible service and a deadline, and keep the person informed. Accept complaints by SMS and phone, and publish quarterly figures.',
      },
    },
    {
      key: 'forum',
      title: { fr: 'Le forum multi-acteurs', en: 'The multi-stakeholder forum' },
      body: {
        fr: 'Le forum réunit la commune, la société civile, les chefs de quartier et les partenaires pour suivre le plan d’action. Il se réunit à dates fixes, publie son ordre du jour et son compte rendu.\n\nVeillez à l’équilibre : autant de sièges pour la société civile que pour l’administration, et une présidence partagée. Le forum n’est pas une chambre d’enregistrement : donnez-lui les documents assez tôt pour qu’il puisse les lire.\n\nLe tableau de bord compte les réunions tenues et publiées.',
        en: 'The forum brings together the commune, civil society, neighbourhood leaders and partners to follow the action plan. It meets on fixed dates and publishes its agenda and minutes. Keep it balanced, and send documents early enough to be read.',
      },
    },
    {
      key: 'action-plan',
      title: { fr: 'Le plan d’action', en: 'The action plan' },
      body: {
        fr: 'Le plan d’action rassemble quelques engagements concrets, co-construits avec les habitants, avec des jalons datés et un responsable pour chacun.\n\nTrois à cinq engagements suffisent pour un premier plan. Publiez l’avancement de chaque jalon et les preuves (photos, procès-verbaux), et laissez la société civile publier son évaluation parallèle à côté de la vôtre.',
        en: 'The action plan gathers a few concrete commitments, co-created with residents, each with dated milestones and someone responsible. Three to five commitments are enough for a first plan; publish progress and evidence.',
      },
    },
    {
      key: 'phone-channels',
      title: { fr: 'Les canaux téléphoniques : SMS, USSD, WhatsApp', en: 'Phone channels: SMS, USSD, WhatsApp' },
      body: {
        fr: 'Un habitant sur deux n’ira jamais sur un site web, mais presque tous ont un téléphone. Ouvrez au moins un canal téléphonique : SMS pour les plaintes et les alertes, USSD pour répondre à une enquête ou voter, WhatsApp là où il est très utilisé.\n\nAnnoncez les numéros à la radio et au marché, et répondez vite : un canal sans réponse est pire qu’aucun canal.\n\nLe tableau de bord compte les canaux ouverts.',
        en: 'Half of residents will never visit a website, but nearly all have a phone. Open at least one phone channel: SMS for complaints and alerts, USSD to answer a survey or vote, WhatsApp where it is widely used. Announce the numbers on the radio and at the market, and answer fast.',
      },
    },
  ],
};

const volunteersGuide: SeedGuide = {
  slug: 'volunteers-guide',
  audience: 'volunteers',
  title: { fr: 'Guide des bénévoles et médiateurs', en: 'Volunteers’ and mediators’ guide' },
  chapters: [
    {
      key: 'role',
      title: { fr: 'Votre rôle', en: 'Your role' },
      body: {
        fr: 'Vous êtes le pont entre la commune et les habitants qui n’utilisent pas internet. Vous expliquez, vous recueillez la parole, vous la transmettez fidèlement.\n\nVous ne parlez pas à la place des gens et vous ne filtrez pas leurs avis, même quand vous n’êtes pas d’accord. Vous portez votre badge et dites toujours pour qui vous agissez.',
        en: 'You are the bridge between the commune and residents who do not use the internet. You explain, you gather what people say and pass it on faithfully — never speaking in their place or filtering their views.',
      },
    },
    {
      key: 'mediation',
      title: { fr: 'La médiation', en: 'Mediation' },
      body: {
        fr: 'Quand une personne vous confie une demande ou une plainte, reformulez-la avec elle avant de la saisir, lisez-lui ce que vous avez écrit et obtenez son accord.\n\nEn cas de conflit entre voisins ou avec un agent, restez neutre : écoutez chaque partie, notez les faits, et orientez vers le service compétent. Ne promettez jamais une issue que vous ne maîtrisez pas.',
        en: 'When someone entrusts you with a request or complaint, rephrase it with them before entering it, read it back and get their agreement. In a dispute, stay neutral, note the facts and refer to the right service.',
      },
    },
    {
      key: 'paper-contributions',
      title: { fr: 'Les contributions papier', en: 'Paper contributions' },
      body: {
        fr: 'Les fiches papier restent indispensables lors des réunions de quartier. Saisissez-les dans Palabre comme « contribution papier » en indiquant la réunion et la date, sans rien résumer ni corriger.\n\nConservez les fiches originales dans la boîte prévue à la mairie pendant la durée de la consultation : elles permettent de vérifier la saisie.',
        en: 'Paper forms remain essential at neighbourhood meetings. Enter them in Palabre as “paper contributions” with the meeting and date, without summarising or correcting, and keep the originals at the town hall until the consultation ends.',
      },
    },
    {
      key: 'data-collection',
      title: { fr: 'Recueillir des données avec soin', en: 'Collecting data carefully' },
      body: {
        fr: 'Le genre et la tranche d’âge aident la commune à voir qui participe ; demandez-les toujours, mais une personne peut refuser de répondre.\n\nNe notez jamais plus que nécessaire : pas de numéro de carte d’identité, pas d’adresse précise si elle n’est pas utile. Un numéro de téléphone ne sert qu’à tenir la personne informée de la suite.',
        en: 'Gender and age group help the commune see who takes part: always ask, but people may decline. Never record more than needed, and use a phone number only to keep the person informed.',
      },
    },
    {
      key: 'safeguarding',
      title: { fr: 'Protéger les personnes', en: 'Safeguarding' },
      body: {
        fr: 'Certaines plaintes touchent à la violence, aux abus ou à la corruption. Ne les saisissez pas dans un espace public et ne les racontez à personne : transmettez-les directement au référent désigné par la commune.\n\nNe rencontrez jamais seul un enfant ou une personne vulnérable, et signalez tout comportement inquiétant d’un bénévole ou d’un agent. En cas de danger immédiat, appelez les secours.',
        en: 'Some complaints concern violence, abuse or corruption. Do not enter them in public or discuss them with anyone: pass them directly to the commune’s designated focal point. Never meet a child or vulnerable person alone, and report worrying behaviour.',
      },
    },
  ],
};

export const seedGuidesContent: SeedGuide[] = [mayorsGuide, volunteersGuide];
