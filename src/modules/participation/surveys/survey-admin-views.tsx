import type { FormState } from '../../../platform/http/forms.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import { localeNames } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Consultation, Phase } from '../db/tables.js';
import { conditionChoices } from './question-form.js';
import { type QuestionKind, questionKinds, type QuestionWithOptions, type Survey } from './survey-tables.js';
import { plainText } from './survey-views.js';

const adminUrl = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin`;
export const surveyAdminPath = (slug: string, survey: { consultation_id: string; phase_id: string }) => `/${slug}/admin/consultations/${survey.consultation_id}/phases/${survey.phase_id}/survey`;

export const kindKeys: Record<QuestionKind, string> = {
  single_choice: 'participation.survey.kind_single_choice',
  multiple_choice: 'participation.survey.kind_multiple_choice',
  short_text: 'participation.survey.kind_short_text',
  long_text: 'participation.survey.kind_long_text',
  scale: 'participation.survey.kind_scale',
};

/** On the consultation's back-office page: a link to the survey of each phase that allows one. */
export function SurveyAdminLinks({ ctx, consultationId, phases }: { ctx: ViewContext; consultationId: string; phases: Phase[] }) {
  const withSurvey = phases.filter((p) => p.allows_survey);
  if (withSurvey.length === 0) return <></>;
  return (
    <ul class="admin-actions">
      {withSurvey.map((p) => <li><a href={surveyAdminPath(ctx.commune!.slug, { consultation_id: consultationId, phase_id: p.id })}><span safe>{`${ctx.t('participation.survey.manage')} — `}</span><Localized ctx={ctx} text={p.title} /></a></li>)}
    </ul>
  );
}

const dirOf = (locale: string) => (locale === 'ar' ? 'rtl' : 'ltr');

function LocalizedFields({ ctx, form, prefix, label, multiline, hint }: { ctx: ViewContext; form: FormState; prefix: string; label: string; multiline?: boolean; hint?: string }) {
  const commune = ctx.commune!;
  return (
    <>
      {commune.enabled_locales.map((l) => (
        <Field ctx={ctx} form={form} name={`${prefix}_${l}`} label={`${label} (${localeNames[l]})`} required={prefix === 'prompt' && l === commune.default_locale} multiline={multiline} hint={hint} dir={dirOf(l)} />
      ))}
    </>
  );
}

/** The question form: every field is shown (no script); hints say which kinds use which fields. */
export function QuestionForm({ ctx, form, action, questions, before, submitLabel }: { ctx: ViewContext; form: FormState; action: string; questions: QuestionWithOptions[]; before: number | null; submitLabel: string }) {
  const main = ctx.commune!.default_locale;
  const conditions = conditionChoices(questions, before);
  const labels = { [`prompt_${main}`]: ctx.t('participation.survey.prompt'), kind: ctx.t('participation.survey.kind'), [`options_${main}`]: ctx.t('participation.survey.options'), scale_max: ctx.t('participation.survey.scale_max'), condition: ctx.t('participation.survey.condition') };
  return (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <LocalizedFields ctx={ctx} form={form} prefix="prompt" label={ctx.t('participation.survey.prompt')} />
      <div class="field">
        <label for="kind" safe>{ctx.t('participation.survey.kind')}</label>
        {form.errors.kind ? <p class="field-error" id="kind-error" safe>{ctx.t(form.errors.kind)}</p> : ''}
        <select id="kind" name="kind" aria-describedby={form.errors.kind ? 'kind-error' : undefined}>{questionKinds.map((k) => <option value={k} selected={form.values.kind === k} safe>{ctx.t(kindKeys[k])}</option>)}</select>
      </div>
      <div class="field"><input type="checkbox" id="required" name="required" value="on" checked={form.values.required === 'on'} /> <label for="required" safe>{ctx.t('participation.survey.required_field')}</label></div>
      <LocalizedFields ctx={ctx} form={form} prefix="options" label={ctx.t('participation.survey.options')} multiline hint={ctx.t('participation.survey.options_hint')} />
      <Field ctx={ctx} form={form} name="scale_min" label={ctx.t('participation.survey.scale_min')} type="number" inputmode="numeric" hint={ctx.t('participation.survey.scale_hint')} />
      <Field ctx={ctx} form={form} name="scale_max" label={ctx.t('participation.survey.scale_max')} type="number" inputmode="numeric" />
      <LocalizedFields ctx={ctx} form={form} prefix="scale_min_label" label={ctx.t('participation.survey.scale_min_label')} />
      <LocalizedFields ctx={ctx} form={form} prefix="scale_max_label" label={ctx.t('participation.survey.scale_max_label')} />
      <div class="field">
        <label for="condition" safe>{ctx.t('participation.survey.condition')}</label>
        <p class="field-hint" id="condition-hint" safe>{ctx.t('participation.survey.condition_field_hint')}</p>
        {form.errors.condition ? <p class="field-error" safe>{ctx.t(form.errors.condition)}</p> : ''}
        <select id="condition" name="condition" aria-describedby="condition-hint">
          <option value="" safe>{ctx.t('participation.survey.no_condition')}</option>
          {conditions.map((c) => <option value={c.value} selected={form.values.condition === c.value} safe>{`${formatNumber(c.number, ctx.locale)}. ${plainText(ctx, c.prompt)} = «${plainText(ctx, c.label)}»`}</option>)}
        </select>
      </div>
      <div class="form-actions"><button type="submit" class="btn" safe>{submitLabel}</button></div>
    </form>
  );
}

function QuestionActions({ ctx, question, first, last }: { ctx: ViewContext; question: QuestionWithOptions; first: boolean; last: boolean }) {
  const url = `${adminUrl(ctx)}/survey-questions/${question.id}`;
  const move = (direction: 'up' | 'down', key: string) => (
    <form method="post" action={`${url}/move`} class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" class="btn btn-secondary" safe>{ctx.t(key)}</button>
    </form>
  );
  return (
    <div class="admin-actions">
      <a class="btn btn-secondary" href={url} safe>{ctx.t('participation.survey.edit')}</a>{' '}
      {first ? '' : move('up', 'participation.survey.move_up')}{' '}
      {last ? '' : move('down', 'participation.survey.move_down')}{' '}
      <form method="post" action={`${url}/delete`} class="inline-form">
        <CsrfField ctx={ctx} />
        <button type="submit" class="btn btn-danger" safe>{ctx.t('participation.survey.delete')}</button>
      </form>
    </div>
  );
}

export interface SurveyAdminProps {
  consultation: Consultation;
  phase: Phase;
  survey: Survey | undefined;
  questions: QuestionWithOptions[];
  responses: number;
  introForm: FormState;
  questionForm: FormState;
  /** A refused move or deletion, explained above the list. */
  refusal: string | null;
}

function QuestionList({ ctx, props }: { ctx: ViewContext; props: SurveyAdminProps }) {
  if (props.questions.length === 0) return <p class="muted" safe>{ctx.t('participation.survey.no_questions')}</p>;
  return (
    <ol>
      {props.questions.map((q, i) => {
        const source = props.questions.findIndex((p) => p.id === q.condition_question_id);
        const option = props.questions[source]?.options.find((o) => o.id === q.condition_option_id);
        return (
          <li class="card">
            <p><strong><Localized ctx={ctx} text={q.prompt} /></strong></p>
            <p class="muted" safe>{[ctx.t(kindKeys[q.kind]), q.required ? ctx.t('participation.survey.required') : '', q.kind === 'scale' ? `${q.scale_min} – ${q.scale_max}` : ''].filter(Boolean).join(' · ')}</p>
            {option ? <p class="field-hint" safe>{ctx.t('participation.survey.condition_hint', { option: plainText(ctx, option.label), number: formatNumber(source + 1, ctx.locale) })}</p> : ''}
            {q.options.length > 0 ? <ul>{q.options.map((o) => <li><Localized ctx={ctx} text={o.label} /></li>)}</ul> : ''}
            <QuestionActions ctx={ctx} question={q} first={i === 0} last={i === props.questions.length - 1} />
          </li>
        );
      })}
    </ol>
  );
}

/** The back-office page of one phase's survey: introduction, questions in order, and a form to add one. */
export function SurveyAdminPage({ ctx, props }: { ctx: ViewContext; props: SurveyAdminProps }) {
  const { consultation, phase, survey } = props;
  const url = surveyAdminPath(ctx.commune!.slug, { consultation_id: consultation.id, phase_id: phase.id });
  const publicSurvey = `/${ctx.commune!.slug}/consultations/${consultation.id}/survey`;
  return (
    <Layout ctx={ctx} title={ctx.t('participation.survey.manage')} area="admin">
      <p><a href={`${adminUrl(ctx)}/consultations/${consultation.id}`}><Localized ctx={ctx} text={consultation.title} /></a></p>
      <h1><span safe>{`${ctx.t('participation.survey.manage')} — `}</span><Localized ctx={ctx} text={phase.title} /></h1>
      {!phase.allows_survey ? <p class="notice notice-error" role="alert" safe>{ctx.t('participation.survey.phase_disallows')}</p> : (
        <>
          <form method="post" action={url}>
            <CsrfField ctx={ctx} />
            <LocalizedFields ctx={ctx} form={props.introForm} prefix="intro" label={ctx.t('participation.survey.intro')} multiline />
            <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t(survey ? 'core.form.save' : 'participation.survey.create')}</button></div>
          </form>
          {survey ? (
            <>
              <p>
                <span safe>{ctx.t('participation.survey.respondents', { count: formatNumber(props.responses, ctx.locale) })}</span>{' · '}
                <a href={`${publicSurvey}?phase=${phase.id}`} safe>{ctx.t('participation.admin.public_page')}</a>{' · '}
                <a href={`${publicSurvey}/results?phase=${phase.id}`} safe>{ctx.t('participation.survey.see_results')}</a>{' · '}
                <a href={`${adminUrl(ctx)}/consultations/${consultation.id}/survey.csv?phase=${phase.id}`} safe>{ctx.t('participation.survey.export_csv')}</a>
              </p>
              <h2 safe>{ctx.t('participation.survey.questions')}</h2>
              {props.refusal ? <p class="notice notice-error" role="alert" safe>{ctx.t(props.refusal)}</p> : ''}
              <QuestionList ctx={ctx} props={props} />
              <h2 safe>{ctx.t('participation.survey.add_question')}</h2>
              <QuestionForm ctx={ctx} form={props.questionForm} action={`${adminUrl(ctx)}/surveys/${survey.id}/questions`} questions={props.questions} before={null} submitLabel={ctx.t('participation.survey.add_question')} />
            </>
          ) : ''}
        </>
      )}
    </Layout>
  );
}

export function QuestionEditPage({ ctx, props }: { ctx: ViewContext; props: { consultationId: string; phaseId: string; question: QuestionWithOptions; questions: QuestionWithOptions[]; form: FormState } }) {
  const { question } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('participation.survey.edit')} area="admin">
      <p><a href={surveyAdminPath(ctx.commune!.slug, { consultation_id: props.consultationId, phase_id: props.phaseId })} safe>{ctx.t('participation.survey.back')}</a></p>
      <h1 safe>{ctx.t('participation.survey.edit')}</h1>
      <QuestionForm ctx={ctx} form={props.form} action={`${adminUrl(ctx)}/survey-questions/${question.id}`} questions={props.questions} before={question.position} submitLabel={ctx.t('core.form.save')} />
    </Layout>
  );
}
