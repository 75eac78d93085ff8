import type { LocalizedText, Locale } from '../../../platform/i18n/locales.js';
import { isChoice, type QuestionKind, questionKinds, type QuestionWithOptions, type SurveyOption } from './survey-tables.js';

type Values = Record<string, string | undefined>;
interface Languages {
  enabled_locales: Locale[];
  default_locale: Locale;
}

/** A question as typed in the back-office form, validated but not yet stored. */
export interface QuestionDraft {
  kind: QuestionKind;
  prompt: LocalizedText;
  required: boolean;
  scale_min: number | null;
  scale_max: number | null;
  scale_min_label: LocalizedText;
  scale_max_label: LocalizedText;
  condition: { questionId: string; optionId: string } | null;
  /** Option labels in order (choice questions); empty otherwise. */
  options: LocalizedText[];
}

const localized = (values: Values, prefix: string, languages: Languages, max: number): LocalizedText =>
  Object.fromEntries(languages.enabled_locales.map((l) => [l, (values[`${prefix}_${l}`] ?? '').trim().slice(0, max)]).filter(([, v]) => v));

const lines = (text: string | undefined) => (text ?? '').split(/\r?\n/).map((line) => line.trim().slice(0, 200));

/** Option labels: line i of the default language's list is option i; line i of each other list translates it. */
function optionLabels(values: Values, languages: Languages): LocalizedText[] {
  const main = lines(values[`options_${languages.default_locale}`]).filter(Boolean);
  const others = languages.enabled_locales.filter((l) => l !== languages.default_locale).map((l) => [l, lines(values[`options_${l}`]).filter(Boolean)] as const);
  return main.map((label, i) => Object.fromEntries([[languages.default_locale, label], ...others.map(([l, list]) => [l, list[i] ?? '']).filter(([, v]) => v)]));
}

function scaleBound(raw: string | undefined, fallback: number): number | null {
  const n = Number((raw ?? '').trim() || fallback);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : null;
}

/** The condition choices: options of choice questions placed before this one. */
export function conditionChoices(questions: QuestionWithOptions[], before: number | null) {
  return questions
    .map((q, index) => ({ q, number: index + 1 }))
    .filter(({ q }) => isChoice(q.kind) && (before === null || q.position < before))
    .flatMap(({ q, number }) => q.options.map((o) => ({ value: `${q.id}:${o.id}`, number, prompt: q.prompt, label: o.label })));
}

/** Validates the back-office question form; `before` is the question's position (null for a new, last question). */
export function readQuestionForm(values: Values, languages: Languages, questions: QuestionWithOptions[], before: number | null): { draft: QuestionDraft | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const prompt = localized(values, 'prompt', languages, 1000);
  if (!prompt[languages.default_locale]) errors[`prompt_${languages.default_locale}`] = 'core.form.required';
  const kind = questionKinds.find((k) => k === values.kind);
  if (!kind) errors.kind = 'core.form.invalid';
  const options = kind && isChoice(kind) ? optionLabels(values, languages) : [];
  if (kind && isChoice(kind) && (options.length < 2 || options.length > 30)) errors[`options_${languages.default_locale}`] = 'participation.survey.options_count';
  const scale = kind === 'scale' ? { min: scaleBound(values.scale_min, 1), max: scaleBound(values.scale_max, 5) } : { min: null, max: null };
  if (kind === 'scale' && (scale.min === null || scale.max === null || scale.max <= scale.min)) errors.scale_max = 'participation.survey.scale_invalid';
  const conditionValue = values.condition ?? '';
  const condition = conditionValue ? conditionChoices(questions, before).find((c) => c.value === conditionValue) : undefined;
  if (conditionValue && !condition) errors.condition = 'core.form.invalid';
  if (Object.keys(errors).length > 0 || !kind) return { draft: null, errors };
  const [questionId, optionId] = conditionValue.split(':');
  return {
    errors,
    draft: {
      kind,
      prompt,
      required: values.required === 'on',
      scale_min: scale.min,
      scale_max: scale.max,
      scale_min_label: kind === 'scale' ? localized(values, 'scale_min_label', languages, 100) : {},
      scale_max_label: kind === 'scale' ? localized(values, 'scale_max_label', languages, 100) : {},
      condition: condition ? { questionId: questionId!, optionId: optionId! } : null,
      options,
    },
  };
}

/** The form values showing a stored question, for its edit page. */
export function questionValues(question: QuestionWithOptions, languages: Languages): Record<string, string> {
  const values: Record<string, string> = { kind: question.kind, required: question.required ? 'on' : '', scale_min: String(question.scale_min ?? 1), scale_max: String(question.scale_max ?? 5) };
  if (question.condition_question_id) values.condition = `${question.condition_question_id}:${question.condition_option_id}`;
  for (const l of languages.enabled_locales) {
    values[`prompt_${l}`] = question.prompt[l] ?? '';
    values[`scale_min_label_${l}`] = question.scale_min_label[l] ?? '';
    values[`scale_max_label_${l}`] = question.scale_max_label[l] ?? '';
    values[`options_${l}`] = question.options.map((o) => o.label[l] ?? '').join('\n');
  }
  return values;
}

export interface OptionPlan {
  /** Existing options kept (possibly reworded or moved): answers stay attached to them. */
  keep: { id: string; label: LocalizedText; position: number }[];
  create: { label: LocalizedText; position: number }[];
  remove: string[];
}

/**
 * Matches the edited list of options to the stored ones so answers stay with their option: unchanged
 * labels keep their option wherever they moved; a changed line at an option's old place rewords it;
 * when as many lines as options remain unmatched, they are rewordings in order; otherwise the
 * unmatched options go and the unmatched lines are new options.
 */
export function planOptions(existing: SurveyOption[], labels: LocalizedText[], mainLocale: Locale): OptionPlan {
  const plan: OptionPlan = { keep: [], create: [], remove: [] };
  const unmatched = [...existing];
  const leftover: { label: LocalizedText; position: number }[] = [];
  labels.forEach((label, position) => {
    const same = unmatched.findIndex((o) => o.label[mainLocale] === label[mainLocale]);
    if (same >= 0) plan.keep.push({ id: unmatched.splice(same, 1)[0]!.id, label, position });
    else leftover.push({ label, position });
  });
  for (const line of [...leftover]) {
    const inPlace = unmatched.findIndex((o) => o.position === line.position);
    if (inPlace < 0) continue;
    plan.keep.push({ id: unmatched.splice(inPlace, 1)[0]!.id, ...line });
    leftover.splice(leftover.indexOf(line), 1);
  }
  if (leftover.length === unmatched.length) {
    leftover.forEach((line, i) => plan.keep.push({ id: unmatched[i]!.id, ...line }));
  } else {
    plan.create.push(...leftover);
    plan.remove.push(...unmatched.map((o) => o.id));
  }
  return plan;
}
