import type { SeedContext } from '../../../platform/module.js';
import { scoped } from '../queries/participation-queries.js';
import type { AnswerRow } from './survey-answers.js';
import { storeResponse } from './survey-commands.js';
import type { QuestionKind } from './survey-tables.js';

interface SeedQuestion {
  kind: QuestionKind;
  prompt: string;
  required: boolean;
  options?: string[];
  scale?: [number, number, string, string];
  /** Index of an earlier question and of its option. */
  condition?: [number, number];
}

const questions: SeedQuestion[] = [
  { kind: 'single_choice', prompt: 'Quelle est la priorité de votre quartier ?', required: true, options: ['Eau potable', 'Éclairage public', 'Assainissement', 'Routes et pistes'] },
  { kind: 'multiple_choice', prompt: 'Comment suivez-vous les décisions de la commune ?', required: false, options: ['Radio communautaire', 'WhatsApp', 'Affichage à la mairie', 'Réunions de quartier'] },
  { kind: 'single_choice', prompt: 'Avez-vous déjà participé à une réunion de quartier ?', required: true, options: ['Oui', 'Non'] },
  { kind: 'scale', prompt: 'Quelle note donnez-vous à la dernière réunion ?', required: true, scale: [1, 5, 'Inutile', 'Très utile'], condition: [2, 0] },
  { kind: 'long_text', prompt: 'Autre chose à dire à la commune ?', required: false },
];

/** Answers of demo accounts: [option index per choice question | scale value | text]. Never the demo citizen, who answers in the browser tests. */
const answers: [string, (number | number[] | string | null)[]][] = [
  ['admin', [0, [0, 1], 0, 4, 'Merci pour cette consultation.']],
  ['staff', [1, [3], 1, null, null]],
  ['moderator', [0, [1, 2], 0, 3, null]],
  ['mediator', [2, [0], 0, 5, 'Les réunions devraient avoir lieu le soir.']],
];

/** A short survey on the open phase of Ndar Toute's demo consultation, with a condition and a few responses. */
export async function seedDemoSurvey(context: SeedContext, commune: { id: string; slug: string }, phase: { id: string; consultation_id: string }): Promise<void> {
  const inCommune = scoped(context.db, commune.id);
  const survey = await inCommune.insertInto('surveys', { consultation_id: phase.consultation_id, phase_id: phase.id, intro: JSON.stringify({ fr: 'Cinq questions, deux minutes : aidez la commune à fixer ses priorités.' }) }).returning('id').executeTakeFirstOrThrow();
  const stored: { id: string; options: string[] }[] = [];
  for (const [position, q] of questions.entries()) {
    const condition = q.condition ? { condition_question_id: stored[q.condition[0]]!.id, condition_option_id: stored[q.condition[0]]!.options[q.condition[1]]! } : {};
    const question = await inCommune
      .insertInto('survey_questions', { survey_id: survey.id, position: position + 1, kind: q.kind, prompt: JSON.stringify({ fr: q.prompt }), required: q.required, scale_min: q.scale?.[0] ?? null, scale_max: q.scale?.[1] ?? null, scale_min_label: JSON.stringify(q.scale ? { fr: q.scale[2] } : {}), scale_max_label: JSON.stringify(q.scale ? { fr: q.scale[3] } : {}), ...condition })
      .returning('id')
      .executeTakeFirstOrThrow();
    const options = q.options ? await inCommune.insertInto('survey_options', q.options.map((label, i) => ({ question_id: question.id, position: i, label: JSON.stringify({ fr: label }) }))).returning('id').execute() : [];
    stored.push({ id: question.id, options: options.map((o) => o.id) });
  }
  for (const [account, values] of answers) {
    const userId = context.users.get(`${commune.slug}:${account}`);
    if (!userId) continue;
    const rows = values.flatMap((value, i): AnswerRow[] => {
      const base = { question_id: stored[i]!.id, option_id: null, number_value: null, text_value: null };
      if (value === null) return [];
      if (Array.isArray(value)) return value.map((o) => ({ ...base, option_id: stored[i]!.options[o]! }));
      if (typeof value === 'string') return [{ ...base, text_value: value }];
      return questions[i]!.kind === 'scale' ? [{ ...base, number_value: value }] : [{ ...base, option_id: stored[i]!.options[value]! }];
    });
    await storeResponse(context.db, commune.id, survey.id, { userId, onBehalfOf: null }, rows);
  }
}
