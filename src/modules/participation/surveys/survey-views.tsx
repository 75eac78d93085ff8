import type { FormState } from '../../../platform/http/forms.js';
import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { type LocalizedText, locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { CsrfField, ErrorSummary, Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Consultation, Phase } from '../db/tables.js';
import { optionField, questionField } from './survey-answers.js';
import { type QuestionResult, resultChoices } from './survey-queries.js';
import { isChoice, type QuestionWithOptions, type Survey } from './survey-tables.js';

const consultationUrl = (ctx: ViewContext, consultation: Pick<Consultation, 'id'>) => `/${ctx.commune!.slug}/consultations/${consultation.id}`;
const surveyUrl = (ctx: ViewContext, consultation: Pick<Consultation, 'id'>) => `${consultationUrl(ctx, consultation)}/survey`;

/** Commune-written text as a plain string in the reader's language (for charts, attributes and files). */
export function plainText(ctx: Pick<ViewContext, 'locale' | 'commune'>, text: LocalizedText): string {
  return pickLocalized(text, ctx.locale, [ctx.commune!.default_locale, ...locales])?.value ?? '';
}

const phaseEnd = (ctx: ViewContext, phase: Phase) => formatDate(phase.ends_on, ctx.locale, 'UTC');

/** "Answer only if you chose «X» to question 2", for a question with a condition. */
function ConditionHint({ ctx, question, questions }: { ctx: ViewContext; question: QuestionWithOptions; questions: QuestionWithOptions[] }) {
  const index = questions.findIndex((q) => q.id === question.condition_question_id);
  const option = questions[index]?.options.find((o) => o.id === question.condition_option_id);
  if (!option) return <></>;
  return <p class="field-hint" id={`${questionField(question)}-condition`} safe>{ctx.t('participation.survey.condition_hint', { option: plainText(ctx, option.label), number: formatNumber(index + 1, ctx.locale) })}</p>;
}

interface QuestionProps {
  ctx: ViewContext;
  question: QuestionWithOptions;
  number: number;
  questions: QuestionWithOptions[];
  form: FormState;
}

// The browser's own check is kept only where it cannot wrongly block: unconditional required questions.
const nativeRequired = (question: QuestionWithOptions) => question.required && !question.condition_question_id;

function ScaleInputs({ ctx, question, form }: QuestionProps) {
  const name = questionField(question);
  const min = question.scale_min ?? 0;
  const values = Array.from({ length: (question.scale_max ?? min) - min + 1 }, (_, i) => min + i);
  const endLabel = (value: number) => (value === min ? question.scale_min_label : value === question.scale_max ? question.scale_max_label : {});
  return (
    <>
      {values.map((value, i) => (
        <div>
          <input type="radio" id={`${name}_${value}`} name={name} value={String(value)} checked={form.values[name] === String(value)} required={nativeRequired(question) && i === 0} />{' '}
          <label for={`${name}_${value}`}>
            <span safe>{formatNumber(value, ctx.locale)}</span>
            {Object.keys(endLabel(value)).length > 0 ? <> — <Localized ctx={ctx} text={endLabel(value)} /></> : ''}
          </label>
        </div>
      ))}
    </>
  );
}

function OptionInputs({ ctx, question, form }: QuestionProps) {
  const name = questionField(question);
  return (
    <>
      {question.options.map((option, i) => {
        const id = `${name}_${i + 1}`;
        const input = question.kind === 'single_choice'
          ? <input type="radio" id={id} name={name} value={option.id} checked={form.values[name] === option.id} required={nativeRequired(question) && i === 0} />
          : <input type="checkbox" id={id} name={optionField(question, option)} value="on" checked={form.values[optionField(question, option)] === 'on'} />;
        return <div>{input} <label for={id}><Localized ctx={ctx} text={option.label} /></label></div>;
      })}
    </>
  );
}

function QuestionHeading({ ctx, question, number }: QuestionProps) {
  return (
    <>
      <span safe>{`${formatNumber(number, ctx.locale)}. `}</span>
      <Localized ctx={ctx} text={question.prompt} />
      {question.required ? <span class="muted" safe>{` (${ctx.t('participation.survey.required')})`}</span> : ''}
    </>
  );
}

function QuestionError({ ctx, question, form }: QuestionProps) {
  const error = form.errors[questionField(question)];
  return error ? <p class="field-error" id={`${questionField(question)}-error`} safe>{ctx.t(error)}</p> : <></>;
}

const describedBy = (question: QuestionWithOptions, form: FormState) =>
  [question.condition_question_id ? `${questionField(question)}-condition` : '', form.errors[questionField(question)] ? `${questionField(question)}-error` : ''].filter(Boolean).join(' ') || undefined;

/** One question: a fieldset of radios or checkboxes, or a labelled text field. */
function Question(props: QuestionProps) {
  const { ctx, question, form } = props;
  const name = questionField(question);
  if (isChoice(question.kind) || question.kind === 'scale') {
    return (
      <fieldset id={name} aria-describedby={describedBy(question, form)}>
        <legend><QuestionHeading {...props} /></legend>
        <ConditionHint ctx={ctx} question={question} questions={props.questions} />
        <QuestionError {...props} />
        {question.kind === 'scale' ? <ScaleInputs {...props} /> : <OptionInputs {...props} />}
      </fieldset>
    );
  }
  const common = { id: name, name, required: nativeRequired(question), 'aria-describedby': describedBy(question, form), 'aria-invalid': form.errors[name] ? 'true' : undefined };
  return (
    <div class="field">
      <label for={name}><QuestionHeading {...props} /></label>
      <ConditionHint ctx={ctx} question={question} questions={props.questions} />
      <QuestionError {...props} />
      {question.kind === 'long_text' ? <textarea {...common} rows="5" maxlength="4000" safe>{form.values[name] ?? ''}</textarea> : <input {...common} type="text" maxlength="300" value={form.values[name] ?? ''} />}
    </div>
  );
}

function OnBehalfOf({ ctx, participants, form }: { ctx: ViewContext; participants: { id: string; full_name: string }[]; form: FormState }) {
  if (participants.length === 0) return <></>;
  return (
    <div class="field">
      <label for="on_behalf_of" safe>{ctx.t('participation.survey.on_behalf_of')}</label>
      {form.errors.on_behalf_of ? <p class="field-error" id="on_behalf_of-error" safe>{ctx.t(form.errors.on_behalf_of)}</p> : ''}
      <select id="on_behalf_of" name="on_behalf_of" aria-describedby={form.errors.on_behalf_of ? 'on_behalf_of-error' : undefined}>
        <option value="" safe>{ctx.t('participation.survey.myself')}</option>
        {participants.map((p) => <option value={p.id} selected={form.values.on_behalf_of === p.id} safe>{p.full_name}</option>)}
      </select>
    </div>
  );
}

export interface SurveyPageProps {
  consultation: Consultation;
  survey: Survey;
  phase: Phase;
  questions: QuestionWithOptions[];
  open: boolean;
  resultsPublic: boolean;
  form: FormState;
  /** This person already answered for themselves. */
  answered: boolean;
  /** Assisted participants a mediator may answer for; empty for everyone else. */
  participants: { id: string; full_name: string }[];
}

function SurveyStatus({ ctx, props }: { ctx: ViewContext; props: SurveyPageProps }) {
  const resultsLink = <a href={`${surveyUrl(ctx, props.consultation)}/results`} safe>{ctx.t('participation.survey.see_results')}</a>;
  if (!props.open) return <div class="notice" role="note"><p safe>{ctx.t('participation.survey.closed')}</p>{props.resultsPublic ? <p>{resultsLink}</p> : ''}</div>;
  if (!ctx.actor.user) {
    return <p class="notice"><a href={`/sign-in?commune=${ctx.commune!.slug}&return=${encodeURIComponent(ctx.currentUrl)}`} safe>{ctx.t('participation.survey.sign_in')}</a></p>;
  }
  // Right after answering, the flash already thanks the person: only the way to the results is added.
  if (props.answered && ctx.flash === 'participation.survey.thanks') return <p>{resultsLink}</p>;
  if (props.answered) return <div class="notice notice-success" role="status"><p safe>{ctx.t('participation.survey.already_answered')}</p><p>{resultsLink}</p></div>;
  return <></>;
}

/** The survey: its questions as a form that works without JavaScript, or read-only when one cannot answer. */
export function SurveyPage({ ctx, props }: { ctx: ViewContext; props: SurveyPageProps }) {
  const canAnswer = props.open && !!ctx.actor.user && (!props.answered || props.participants.length > 0);
  const labels = { on_behalf_of: ctx.t('participation.survey.on_behalf_of'), ...Object.fromEntries(props.questions.map((q, i) => [questionField(q), `${ctx.t('participation.survey.question')} ${formatNumber(i + 1, ctx.locale)}`])) };
  const questions = props.questions.map((question, i) => <Question ctx={ctx} question={question} number={i + 1} questions={props.questions} form={props.form} />);
  return (
    <Layout ctx={ctx} title={ctx.t('participation.survey.title')}>
      <p><a href={consultationUrl(ctx, props.consultation)}><Localized ctx={ctx} text={props.consultation.title} /></a></p>
      <h1 safe>{ctx.t('participation.survey.title')}</h1>
      <Localized ctx={ctx} text={props.survey.intro} as="p" />
      {props.open ? <p class="muted" safe>{ctx.t('participation.survey.open_until', { date: phaseEnd(ctx, props.phase) })}</p> : ''}
      <SurveyStatus ctx={ctx} props={props} />
      {canAnswer ? (
        <form method="post" action={surveyUrl(ctx, props.consultation)} class="survey-form">
          <CsrfField ctx={ctx} />
          <ErrorSummary ctx={ctx} form={props.form} labels={labels} />
          <OnBehalfOf ctx={ctx} participants={props.participants} form={props.form} />
          {questions}
          <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('participation.survey.send')}</button></div>
        </form>
      ) : (
        <fieldset disabled class="survey-preview"><legend class="visually-hidden" safe>{ctx.t('participation.survey.questions')}</legend>{questions}</fieldset>
      )}
    </Layout>
  );
}

export interface SurveyResultsProps {
  consultation: Consultation;
  phase: Phase;
  questions: QuestionWithOptions[];
  /** False while the survey runs and the reader is not staff: only the date results come out is shown. */
  visible: boolean;
  /** Shown to staff before the results are public. */
  staffPreview: boolean;
  respondents: number;
  byQuestion: Map<string, QuestionResult>;
}

/** Share of the people who answered a question, rounded to one decimal. */
export const percentOf = (count: number, answered: number) => (answered > 0 ? Math.round((count / answered) * 1000) / 10 : 0);

function ChoiceResult({ ctx, question, result, title }: { ctx: ViewContext; question: QuestionWithOptions; result: QuestionResult; title: string }) {
  const rows = resultChoices(question).map((c) => {
    const count = result.counts.get(c.key) ?? 0;
    const percent = ctx.t('participation.survey.percent', { value: formatNumber(percentOf(count, result.answered), ctx.locale) });
    return { label: c.option ? plainText(ctx, c.option) : formatNumber(Number(c.key), ctx.locale), count, percent };
  });
  return (
    <figure class="survey-result">
      <HorizontalBarChart title={title} dir={ctx.dir} max={result.answered} bars={rows.map((r) => ({ label: r.label, value: r.count, display: `${formatNumber(r.count, ctx.locale)} (${r.percent})` }))} />
      <table class="data">
        <caption safe>{title}</caption>
        <thead><tr><th scope="col" safe>{ctx.t('participation.survey.answer')}</th><th scope="col" safe>{ctx.t('participation.survey.count')}</th><th scope="col" safe>{ctx.t('participation.survey.share')}</th></tr></thead>
        <tbody>{rows.map((r) => <tr><th scope="row" safe>{r.label}</th><td safe>{formatNumber(r.count, ctx.locale)}</td><td safe>{r.percent}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}

/** Results: per choice or scale question a bar chart and its table; text answers are only counted. */
export function SurveyResultsPage({ ctx, props }: { ctx: ViewContext; props: SurveyResultsProps }) {
  return (
    <Layout ctx={ctx} title={ctx.t('participation.survey.results')}>
      <p><a href={consultationUrl(ctx, props.consultation)}><Localized ctx={ctx} text={props.consultation.title} /></a></p>
      <h1 safe>{ctx.t('participation.survey.results')}</h1>
      {!props.visible ? <p class="notice" role="note" safe>{ctx.t('participation.survey.results_later', { date: phaseEnd(ctx, props.phase) })}</p> : (
        <>
          {props.staffPreview ? <p class="notice" role="note" safe>{ctx.t('participation.survey.staff_preview')}</p> : ''}
          <p class="lead" safe>{ctx.t('participation.survey.respondents', { count: formatNumber(props.respondents, ctx.locale) })}</p>
          {props.questions.map((question, i) => {
            const result = props.byQuestion.get(question.id) ?? { answered: 0, counts: new Map<string, number>() };
            const title = `${formatNumber(i + 1, ctx.locale)}. ${plainText(ctx, question.prompt)}`;
            return (
              <section aria-labelledby={`result-${question.id}`}>
                <h2 id={`result-${question.id}`} safe>{title}</h2>
                <p class="muted" safe>{ctx.t('participation.survey.answered_by', { count: formatNumber(result.answered, ctx.locale), total: formatNumber(props.respondents, ctx.locale) })}</p>
                {isChoice(question.kind) || question.kind === 'scale' ? <ChoiceResult ctx={ctx} question={question} result={result} title={title} /> : <p safe>{ctx.t('participation.survey.texts_not_public')}</p>}
              </section>
            );
          })}
        </>
      )}
    </Layout>
  );
}

/** The consultation page's pointer to its survey: answer it while open, read the results once public. */
export function SurveyCallout({ ctx, consultation, survey }: { ctx: ViewContext; consultation: Pick<Consultation, 'id'>; survey: { open: boolean; resultsPublic: boolean } | null }) {
  if (!survey || (!survey.open && !survey.resultsPublic)) return <></>;
  return (
    <section aria-labelledby="survey-callout" class="notice">
      <h2 id="survey-callout" safe>{ctx.t('participation.survey.title')}</h2>
      {survey.open ? <p><a class="btn" href={surveyUrl(ctx, consultation)} safe>{ctx.t('participation.survey.answer_it')}</a></p> : ''}
      {survey.resultsPublic ? <p><a href={`${surveyUrl(ctx, consultation)}/results`} safe>{ctx.t('participation.survey.see_results')}</a></p> : ''}
    </section>
  );
}
