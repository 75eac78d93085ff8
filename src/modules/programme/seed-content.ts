import type { LocalizedText } from '../../platform/i18n/locales.js';
import type { ChoiceOption, FieldKind } from './db/tables.js';

/** A field of a seeded call's form (see the call form builder for the rules). */
export interface SeedField {
  key: string;
  kind: FieldKind;
  label: LocalizedText;
  help?: LocalizedText;
  required?: boolean;
  options?: ChoiceOption[];
  min?: number;
  max?: number;
  maxLength?: number;
  purpose?: 'needs';
}

const level = (none: string, some: string, strong: string): ChoiceOption[] => [
  { value: 'none', label: { fr: none, en: 'None' } },
  { value: 'some', label: { fr: some, en: 'Some' } },
  { value: 'strong', label: { fr: strong, en: 'Strong' } },
];

export const communeCallFields: SeedField[] = [
  { key: 'political_will', kind: 'long_text', required: true, maxLength: 3000, label: { fr: 'Volonté politique : ce que le conseil a déjà décidé ou fait pour la transparence', en: 'Political will: what the council has already decided or done for transparency' }, help: { fr: 'Délibérations, publications, engagements publics du maire.', en: 'Council decisions, publications, the mayor’s public commitments.' } },
  { key: 'civil_society', kind: 'long_text', required: true, maxLength: 3000, label: { fr: 'Organisations de la société civile associées', en: 'Civil-society organisations involved' } },
  { key: 'needs', kind: 'long_text', required: true, maxLength: 3000, purpose: 'needs', label: { fr: 'Besoins exprimés : ce que la commune attend de la ou du volontaire', en: 'Needs: what the commune expects from the volunteer' }, help: { fr: 'Une ligne par besoin : ils formeront les termes de référence.', en: 'One line per need: they become the terms of reference.' } },
  { key: 'staff_identified', kind: 'yes_no', required: true, label: { fr: 'Un agent communal référent est-il désigné ?', en: 'Is a staff member designated as the contact person?' } },
  { key: 'population', kind: 'number', min: 0, max: 10_000_000, label: { fr: 'Population de la commune', en: 'Population of the commune' } },
  { key: 'council_decision', kind: 'file', label: { fr: 'Délibération du conseil autorisant la candidature (PDF)', en: 'Council decision authorising the application (PDF)' } },
];

export const volunteerCallFields: SeedField[] = [
  { key: 'expertise', kind: 'long_text', required: true, maxLength: 3000, label: { fr: 'Votre expertise (données ouvertes, finances locales, participation…)', en: 'Your expertise (open data, local finance, participation…)' } },
  { key: 'available', kind: 'yes_no', required: true, label: { fr: 'Êtes-vous disponible pendant les six mois du parcours ?', en: 'Are you available for the six months of the path?' } },
  { key: 'passport_valid', kind: 'yes_no', required: true, label: { fr: 'Votre passeport est-il valide au moins un an ?', en: 'Is your passport valid for at least one year?' } },
  { key: 'open_data', kind: 'choice', required: true, options: level('Aucune', 'Quelques projets', 'Expérience solide'), label: { fr: 'Expérience des données ouvertes', en: 'Open-data experience' } },
  { key: 'trainer', kind: 'yes_no', required: true, label: { fr: 'Avez-vous déjà animé des formations ?', en: 'Have you delivered training before?' } },
  { key: 'local_governance', kind: 'choice', required: true, options: level('Aucune', 'Notions', 'Bonne connaissance'), label: { fr: 'Connaissance de la gouvernance locale', en: 'Knowledge of local governance' } },
  { key: 'civic_tech', kind: 'choice', required: true, options: level('Aucune', 'Notions', 'Bonne connaissance'), label: { fr: 'Connaissance des technologies civiques', en: 'Civic-tech knowledge' } },
  { key: 'motivation', kind: 'long_text', required: true, maxLength: 3000, label: { fr: 'Votre motivation', en: 'Your motivation' } },
  { key: 'cv', kind: 'file', label: { fr: 'Curriculum vitae (PDF)', en: 'Curriculum vitae (PDF)' } },
];

/** Applications of the demo, by call; `user` names a demo account (src/seed.ts) for online ones. */
export interface SeedApplication {
  name: string;
  user?: string;
  commune?: string;
  country: string;
  gender?: 'female' | 'male';
  birthYear?: number;
  status: 'draft' | 'submitted' | 'shortlisted' | 'selected' | 'rejected';
  answers: Record<string, string | number | boolean>;
}

const volunteerAnswers = (expertise: string, strong: boolean) => ({
  expertise,
  available: true,
  passport_valid: true,
  open_data: strong ? 'strong' : 'some',
  trainer: strong,
  local_governance: strong ? 'strong' : 'some',
  civic_tech: 'some',
  motivation: 'Accompagner une commune vers la gouvernance ouverte, au plus près des habitants.',
});

export const pastVolunteerApplications: SeedApplication[] = [
  { name: 'Rachid Benali', user: 'programme:volunteer', country: 'MA', gender: 'male', birthYear: 1990, status: 'selected', answers: volunteerAnswers('Données ouvertes municipales et budgets participatifs à Agadir.', true) },
  { name: 'Aïssatou Ba', user: 'programme:volunteer2', country: 'SN', gender: 'female', birthYear: 1994, status: 'selected', answers: volunteerAnswers('Finances locales et accès à l’information à Thiès.', true) },
  { name: 'Koffi Mensah', country: 'BJ', gender: 'male', birthYear: 1988, status: 'rejected', answers: volunteerAnswers('Cartographie participative.', false) },
  { name: 'Mariam Issoufou', country: 'NE', gender: 'female', birthYear: 1996, status: 'rejected', answers: volunteerAnswers('Animation de débats citoyens à Zinder.', false) },
];

export const pastCommuneApplications: SeedApplication[] = [
  { name: 'Commune de Ndar Toute', user: 'ndar-toute:admin', commune: 'ndar-toute', country: 'SN', status: 'selected', answers: { political_will: 'Délibération du conseil de 2025 sur la publication des budgets.', civil_society: 'Forum civil, associations de quartier.', needs: 'Publier le budget en données ouvertes\nFormer les agents au traitement des plaintes\nOrganiser une consultation sur le marché central', staff_identified: true, population: 258_000 } },
  { name: 'Commune de Tiznit El Jadida', user: 'tiznit-el-jadida:admin', commune: 'tiznit-el-jadida', country: 'MA', status: 'selected', answers: { political_will: 'Engagement du conseil dans le plan d’action OGP Local.', civil_society: 'Associations de jeunes et de femmes.', needs: 'Ouvrir les trois premiers jeux de données\nMettre en place les demandes d’accès à l’information\nAssocier les jeunes au budget participatif', staff_identified: true, population: 80_000 } },
];

export const openVolunteerApplications: SeedApplication[] = [
  { name: 'Fanta Camara', country: 'GN', gender: 'female', birthYear: 1995, status: 'submitted', answers: volunteerAnswers('Journalisme de données à Conakry.', true) },
  { name: 'Bubacar Baldé', country: 'GW', gender: 'male', birthYear: 1992, status: 'submitted', answers: volunteerAnswers('Gestão municipal em Bafatá.', false) },
  { name: 'Salif Ouédraogo', country: 'BF', gender: 'male', birthYear: 1985, status: 'submitted', answers: volunteerAnswers('Formation des élus locaux.', true) },
  { name: 'Amina Ben Salah', country: 'TN', gender: 'female', birthYear: 1998, status: 'submitted', answers: volunteerAnswers('Technologies civiques à Sfax.', false) },
  { name: 'Ndèye Faye', user: 'programme:applicant', country: 'SN', gender: 'female', birthYear: 1999, status: 'draft', answers: { expertise: 'Animation communautaire.' } },
];

export const openCommuneApplications: SeedApplication[] = [
  { name: 'Commune urbaine de Kindia', country: 'GN', status: 'submitted', answers: { political_will: 'Le maire a signé la charte de transparence.', civil_society: 'Plateforme des OSC de Kindia.', needs: 'Publier le budget\nOuvrir un registre des plaintes', staff_identified: true, population: 180_000 } },
  { name: 'Commune de Parakou', country: 'BJ', status: 'submitted', answers: { political_will: 'Budget 2026 déjà publié en ligne.', civil_society: 'Social Watch Bénin.', needs: 'Consultations publiques\nDonnées ouvertes sur l’eau', staff_identified: false, population: 255_000 } },
];
