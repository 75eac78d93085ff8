import type { SeedCommune } from './seed-content.js';

const term = '2021-09-24';

/** Fictional Moroccan commune (Souss-Massa): Arabic first, French too. */
export const tiznitElJadida: SeedCommune = {
  slug: 'tiznit-el-jadida',
  name: { ar: 'تيزنيت الجديدة', fr: 'Tiznit El Jadida' },
  country: 'MA',
  region: { ar: 'جهة سوس ماسة', fr: 'Région Souss-Massa' },
  defaultLocale: 'ar',
  enabledLocales: ['ar', 'fr'],
  timeZone: 'Africa/Casablanca',
  currency: 'MAD',
  presentation: {
    ar: 'تيزنيت الجديدة جماعة حضرية في جهة سوس ماسة، تشتهر بصناعة الفضة وبأسواقها الأسبوعية.\n\nالتزم المجلس الجماعي بنشر قراراته وميزانيته، وبإشراك السكان في اختيار المشاريع التي تهم أحياءهم.',
    fr: "Tiznit El Jadida est une commune urbaine de la région Souss-Massa, connue pour son artisanat de l'argent et ses souks hebdomadaires.\n\nLe conseil s'est engagé à publier ses décisions et son budget, et à associer les habitants au choix des projets de leurs quartiers.",
  },
  contact: {
    address: { ar: 'مقر الجماعة، شارع محمد الخامس، تيزنيت الجديدة', fr: 'Siège de la commune, avenue Mohammed V, Tiznit El Jadida' },
    phone: '+212528860000',
    email: 'contact@tiznit-el-jadida.example.ma',
    openingHours: { ar: 'من الاثنين إلى الجمعة، من 8:30 إلى 16:30', fr: 'Du lundi au vendredi, de 8 h 30 à 16 h 30' },
  },
  keyFigures: { population: 30140, areaKm2: 21, neighbourhoods: 7, councillors: 35 },
  neighbourhoods: ['الرحمة', 'إدزكري', 'النخيل', 'أفراك', 'الموحدين', 'العين الزرقاء', 'أكادير أوفلا'],
  persons: [
    { key: 'mayor', name: 'فاطمة أيت الحسن', gender: 'female', email: 'president@tiznit-el-jadida.example.ma', biography: { ar: 'رئيسة المجلس الجماعي منذ 2021، مهندسة زراعية ورئيسة سابقة لتعاونية نسائية.', fr: 'Présidente du conseil depuis 2021, ingénieure agronome et ancienne présidente d’une coopérative féminine.' } },
    { key: 'deputy1', name: 'محمد أوبلا', gender: 'male', biography: { ar: 'النائب الأول للرئيسة، مكلف بالمالية والميزانية.', fr: 'Premier vice-président, chargé des finances et du budget.' } },
    { key: 'deputy2', name: 'خديجة أمزيان', gender: 'female', biography: { ar: 'النائبة الثانية، مكلفة بالشؤون الاجتماعية والحالة المدنية.', fr: 'Deuxième vice-présidente, chargée des affaires sociales et de l’état civil.' } },
    { key: 'c1', name: 'إبراهيم أخياط', gender: 'male', biography: { ar: 'مستشار جماعي، رئيس لجنة التعمير والبيئة.', fr: "Conseiller, président de la commission de l'urbanisme et de l'environnement." } },
    { key: 'c2', name: 'سعيدة بوزيد', gender: 'female', biography: { ar: 'مستشارة جماعية، أستاذة بالتعليم الثانوي.', fr: "Conseillère, professeure de l'enseignement secondaire." } },
    { key: 'c3', name: 'الحسين أمغار', gender: 'male', biography: { ar: 'مستشار جماعي، صائغ فضة وعضو لجنة المالية.', fr: 'Conseiller, orfèvre, membre de la commission des finances.' } },
    { key: 'c4', name: 'نادية الإدريسي', gender: 'female', biography: { ar: 'مستشارة جماعية، ممرضة بالمركز الصحي.', fr: 'Conseillère, infirmière au centre de santé.' } },
    { key: 'c5', name: 'يوسف أكنوش', gender: 'male', biography: { ar: 'مستشار جماعي، ممثل الشباب في هيئة المساواة وتكافؤ الفرص.', fr: "Conseiller, représentant des jeunes à l'instance de l'équité et de l'égalité des chances." } },
  ],
  organizations: [
    { key: 'council', name: { ar: 'المجلس الجماعي', fr: 'Conseil communal' }, classification: 'council' },
    { key: 'bureau', name: { ar: 'مكتب المجلس', fr: 'Bureau du conseil' }, classification: 'executive' },
    { key: 'finance', name: { ar: 'لجنة الميزانية والشؤون المالية', fr: 'Commission du budget et des finances' }, classification: 'commission' },
    { key: 'urban', name: { ar: 'لجنة التعمير والبيئة', fr: "Commission de l'urbanisme et de l'environnement" }, classification: 'commission' },
    { key: 'social', name: { ar: 'لجنة الشؤون الاجتماعية', fr: 'Commission des affaires sociales' }, classification: 'commission' },
  ],
  memberships: [
    { person: 'mayor', organization: 'bureau', role: { ar: 'رئيسة المجلس', fr: 'Présidente du conseil' }, post: 'mayor', startDate: term },
    { person: 'deputy1', organization: 'bureau', role: { ar: 'النائب الأول للرئيسة', fr: 'Premier vice-président' }, post: 'deputy_mayor', startDate: term },
    { person: 'deputy2', organization: 'bureau', role: { ar: 'النائبة الثانية للرئيسة', fr: 'Deuxième vice-présidente' }, post: 'deputy_mayor', startDate: term },
    ...['mayor', 'deputy1', 'deputy2', 'c1', 'c2', 'c3', 'c4', 'c5'].map((person) => ({ person, organization: 'council', role: { ar: 'عضو المجلس الجماعي', fr: 'Membre du conseil communal' }, post: 'councillor' as const, startDate: term })),
    { person: 'deputy1', organization: 'finance', role: { ar: 'رئيس اللجنة', fr: 'Président de la commission' }, post: 'commission_chair', startDate: term },
    { person: 'c3', organization: 'finance', role: { ar: 'عضو', fr: 'Membre' }, post: 'commission_member', startDate: term },
    { person: 'c1', organization: 'urban', role: { ar: 'رئيس اللجنة', fr: 'Président de la commission' }, post: 'commission_chair', startDate: term },
    { person: 'c2', organization: 'social', role: { ar: 'رئيسة اللجنة', fr: 'Présidente de la commission' }, post: 'commission_chair', startDate: term },
    { person: 'c4', organization: 'social', role: { ar: 'عضوة', fr: 'Membre' }, post: 'commission_member', startDate: term },
  ],
  news: [
    {
      key: 'souk',
      publishedDaysAgo: 3,
      title: { ar: 'افتتاح السوق الأسبوعي بعد إعادة تأهيله', fr: 'Le souk hebdomadaire rouvre après sa réhabilitation' },
      body: {
        ar: 'افتُتح يوم الخميس السوق الأسبوعي بعد أشغال دامت ستة أشهر. شملت الأشغال تبليط الممرات وبناء **60 محلًا جديدًا** ومرافق صحية.\n\nأهم ما تغيّر:\n\n- نقط للماء الصالح للشرب في كل ممر؛\n- إنارة بالطاقة الشمسية؛\n- حاويات لفرز النفايات.\n\nالكلفة الإجمالية 3,2 مليون درهم، وتفاصيلها منشورة في ركن الوثائق.',
        fr: "Le souk hebdomadaire a rouvert jeudi après six mois de travaux : allées pavées, **60 nouvelles échoppes** et sanitaires.\n\nCe qui change :\n\n- des points d'eau potable dans chaque allée ;\n- un éclairage solaire ;\n- des conteneurs de tri.\n\nLe coût total, 3,2 millions de dirhams, est détaillé dans la rubrique Documents.",
      },
    },
    {
      key: 'budget',
      publishedDaysAgo: 10,
      title: { ar: 'جلسة عمومية حول ميزانية 2027', fr: 'Séance publique sur le budget 2027' },
      body: { ar: 'يدعو المجلس الجماعي السكان إلى جلسة عمومية لتقديم مشروع ميزانية 2027، يوم 4 دجنبر على الساعة الخامسة مساءً بقاعة الاجتماعات. يمكن لكل مواطن طرح أسئلته واقتراح أولوياته.', fr: 'Le conseil invite les habitants à une séance publique de présentation du projet de budget 2027, le 4 décembre à 17 h, salle des réunions. Chacun pourra poser ses questions et proposer ses priorités.' },
    },
    {
      key: 'vaccination',
      publishedDaysAgo: 18,
      title: { ar: 'حملة تلقيح الأطفال في جميع الأحياء', fr: 'Campagne de vaccination des enfants dans tous les quartiers' },
      body: { ar: 'تنظم الجماعة بتعاون مع المركز الصحي حملة لتلقيح الأطفال دون الخامسة. ستتنقل **فرق متنقلة** إلى الأحياء السبعة خلال أسبوعين.\n\nيرجى إحضار دفتر صحة الطفل.', fr: "La commune et le centre de santé organisent une campagne de vaccination des enfants de moins de cinq ans. Des **équipes mobiles** passeront dans les sept quartiers pendant deux semaines.\n\nMerci d'apporter le carnet de santé de l'enfant." },
    },
    {
      key: 'civil-status',
      publishedDaysAgo: 35,
      title: { ar: 'رقمنة سجلات الحالة المدنية', fr: "Numérisation des registres d'état civil" },
      body: { ar: 'أصبحت سجلات الحالة المدنية مرقمنة بالكامل. يُسلَّم عقد الازدياد الآن في **اليوم نفسه** بدل ثلاثة أيام.', fr: "Les registres d'état civil sont désormais entièrement numérisés : l'extrait d'acte de naissance est délivré **le jour même** au lieu de trois jours." },
    },
    {
      key: 'women',
      publishedDaysAgo: 0,
      scheduledInDays: 3,
      title: { ar: 'دعم تعاونيات النساء الحرفيات', fr: 'Soutien aux coopératives de femmes artisanes' },
      body: { ar: 'تعلن الجماعة عن فتح باب الترشيح لدعم **عشر تعاونيات** نسائية في مجال الصناعة التقليدية، مع تكوين في التسويق الرقمي.', fr: "La commune ouvre les candidatures pour soutenir **dix coopératives** de femmes artisanes, avec une formation à la vente en ligne." },
    },
  ],
  services: [
    { key: 'birth', category: 'civil_status', fee: null, title: { ar: 'نسخة موجزة من رسم الولادة', fr: "Extrait d'acte de naissance" }, description: { ar: '**الوثائق المطلوبة:**\n\n- البطاقة الوطنية للتعريف؛\n- رقم الرسم وسنته إن أمكن.', fr: "**Pièces à fournir :**\n\n- carte nationale d'identité ;\n- numéro et année de l'acte si possible." }, delay: { ar: 'في اليوم نفسه', fr: 'Le jour même' }, location: { ar: 'مكتب الحالة المدنية', fr: "Bureau de l'état civil" }, openingHours: { ar: 'من الاثنين إلى الجمعة، 8:30 – 15:30', fr: 'Lundi à vendredi, 8 h 30 – 15 h 30' } },
    { key: 'marriage', category: 'civil_status', fee: null, title: { ar: 'نسخة من عقد الزواج', fr: 'Copie de l’acte de mariage' }, description: { ar: '**الوثائق المطلوبة:** البطاقة الوطنية لأحد الزوجين.', fr: "**Pièces à fournir :** carte nationale d'un des époux." }, delay: { ar: 'يومان', fr: 'Deux jours' }, location: { ar: 'مكتب الحالة المدنية', fr: "Bureau de l'état civil" }, openingHours: { ar: 'من الاثنين إلى الجمعة', fr: 'Lundi à vendredi' } },
    { key: 'death', category: 'civil_status', fee: null, title: { ar: 'نسخة من رسم الوفاة', fr: "Extrait d'acte de décès" }, description: { ar: '**الوثائق المطلوبة:** البطاقة الوطنية لطالب الوثيقة.', fr: "**Pièces à fournir :** carte nationale du demandeur." }, delay: { ar: 'في اليوم نفسه', fr: 'Le jour même' }, location: { ar: 'مكتب الحالة المدنية', fr: "Bureau de l'état civil" }, openingHours: { ar: 'من الاثنين إلى الجمعة', fr: 'Lundi à vendredi' } },
    { key: 'residence', category: 'civil_status', fee: 20, title: { ar: 'شهادة السكنى', fr: 'Certificat de résidence' }, description: { ar: '**الوثائق المطلوبة:**\n\n- البطاقة الوطنية؛\n- فاتورة الماء أو الكهرباء؛\n- شهادة عون السلطة.', fr: "**Pièces à fournir :**\n\n- carte nationale ;\n- facture d'eau ou d'électricité ;\n- attestation de l'agent d'autorité." }, delay: { ar: '48 ساعة', fr: '48 heures' }, location: { ar: 'الشباك الوحيد', fr: 'Guichet unique' }, openingHours: { ar: 'من الاثنين إلى الجمعة', fr: 'Lundi à vendredi' } },
    { key: 'legalisation', category: 'other', fee: 2, title: { ar: 'تصحيح الإمضاء', fr: 'Légalisation de signature' }, description: { ar: 'يحضر صاحب الإمضاء شخصيًا ومعه البطاقة الوطنية والوثيقة **غير الموقعة**.', fr: 'Le signataire se présente en personne avec sa carte nationale et le document **non signé**.' }, delay: { ar: 'فوري', fr: 'Immédiat' }, location: { ar: 'مكتب تصحيح الإمضاءات', fr: 'Bureau des légalisations' }, openingHours: { ar: 'من الاثنين إلى الجمعة، 8:30 – 12:00', fr: 'Lundi à vendredi, 8 h 30 – 12 h' } },
    { key: 'building', category: 'urbanism', fee: 1500, title: { ar: 'رخصة البناء', fr: 'Permis de construire' }, description: { ar: '**الوثائق المطلوبة:**\n\n- شهادة الملكية؛\n- التصاميم المعمارية الموقعة من مهندس معماري؛\n- وصل أداء الرسوم.', fr: "**Pièces à fournir :**\n\n- certificat de propriété ;\n- plans signés par un architecte ;\n- quittance des droits." }, delay: { ar: '30 يومًا', fr: '30 jours' }, location: { ar: 'قسم التعمير', fr: "Service de l'urbanisme" }, openingHours: { ar: 'الثلاثاء والخميس', fr: 'Mardi et jeudi' } },
  ],
  documents: [
    { key: 'budget-2026', category: 'budget', documentDate: '2025-10-28', title: { ar: 'مقرر المصادقة على ميزانية 2026', fr: 'Délibération portant adoption du budget 2026' } },
    { key: 'souk', category: 'deliberation', documentDate: '2025-05-06', title: { ar: 'مقرر إعادة تأهيل السوق الأسبوعي', fr: 'Délibération sur la réhabilitation du souk hebdomadaire' } },
    { key: 'report', category: 'report', documentDate: '2026-02-27', title: { ar: 'التقرير السنوي للأنشطة 2025', fr: "Rapport annuel d'activités 2025" } },
    { key: 'fees', category: 'decree', documentDate: '2026-04-15', title: { ar: 'قرار جبائي بتحديد رسوم الأسواق', fr: 'Arrêté fiscal fixant les droits de marché' } },
    { key: 'minutes', category: 'other', documentDate: '2026-10-07', title: { ar: 'محضر دورة أكتوبر 2026', fr: "Procès-verbal de la session d'octobre 2026" } },
  ],
  meetings: [
    { inDays: 10, title: { ar: 'الدورة العادية لشهر دجنبر', fr: 'Session ordinaire de décembre' }, location: { ar: 'قاعة الاجتماعات بمقر الجماعة', fr: 'Salle des réunions, siège de la commune' }, agenda: { ar: '1. دراسة مشروع ميزانية 2027\n2. برنامج عمل الجماعة', fr: '1. Projet de budget 2027\n2. Programme d’action de la commune' } },
    { inDays: 45, title: { ar: 'دورة استثنائية حول النقل الحضري', fr: 'Session extraordinaire sur le transport urbain' }, location: { ar: 'قاعة الاجتماعات', fr: 'Salle des réunions' }, agenda: { ar: '1. اتفاقية النقل الحضري', fr: '1. Convention de transport urbain' } },
  ],
};
