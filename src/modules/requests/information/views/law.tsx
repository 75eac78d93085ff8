import { formatDate } from '../../../../platform/i18n/format.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { AnswerForm } from '../../db/information-tables.js';
import type { AtiLaw } from '../laws.js';
import type { InformationFacts } from '../queries.js';

export const day = (ctx: ViewContext, date: string) => formatDate(date, ctx.locale, 'UTC');

export const answerFormKeys: Record<AnswerForm, string> = {
  email: 'requests.information.answer_form.email',
  paper: 'requests.information.answer_form.paper',
  on_site: 'requests.information.answer_form.on_site',
};

/** The law in a few lines: its title and articles, the deadline, the extension, the appeal body; "to be verified" when unsure. */
export function LawSummary({ ctx, law }: { ctx: ViewContext; law: AtiLaw }) {
  return (
    <section class="card" id="ati-law">
      <h2 safe>{ctx.t('requests.information.law.title')}</h2>
      <p><strong safe>{law.title}</strong></p>
      <dl class="facts">
        <dt safe>{ctx.t('requests.information.law.citation')}</dt>
        <dd safe>{law.citation}</dd>
        <dt safe>{ctx.t('requests.information.law.deadline')}</dt>
        <dd safe>{ctx.t('requests.information.law.working_days', { days: String(law.responseWorkingDays) })}</dd>
        <dt safe>{ctx.t('requests.information.law.extension')}</dt>
        <dd safe>{law.extensionWorkingDays > 0 ? ctx.t('requests.information.law.extension_days', { days: String(law.extensionWorkingDays) }) : ctx.t('requests.information.law.no_extension')}</dd>
        <dt safe>{ctx.t('requests.information.law.appeal_body')}</dt>
        <dd>
          <span safe>{ctx.t(law.appealBodyKey)}</span>
          <br />
          <small class="muted" safe>{law.appealCitation}</small>
        </dd>
      </dl>
      {law.toBeVerified ? <p class="muted" safe>{ctx.t('requests.information.law.to_be_verified')}</p> : ''}
    </section>
  );
}

/** The access-to-information part of a request's public page: the clock, the extension, the decision, the appeal. */
export function InformationPanel({ ctx, facts, dueOn }: { ctx: ViewContext; facts: InformationFacts; dueOn: string | null }) {
  const { law } = facts;
  return (
    <section id="ati-panel">
      <p class="muted" id="asked-by" safe>{ctx.t('requests.information.asked_by')}</p>
      {facts.pausedSince ? (
        <p class="notice" id="clock-stopped" safe>{ctx.t('requests.information.clock_stopped', { date: day(ctx, facts.pausedSince) })}</p>
      ) : dueOn ? (
        <p id="ati-due" safe>{ctx.t('requests.information.due', { date: day(ctx, dueOn) })}</p>
      ) : ''}
      {facts.extension ? (
        <div id="ati-extension">
          <h2 safe>{ctx.t('requests.information.extension.title')}</h2>
          <p safe>{ctx.t('requests.information.extension.days', { days: String(facts.extension.days) })}</p>
          <p class="message" safe>{facts.extension.reason}</p>
        </div>
      ) : ''}
      {facts.refusalGround ? (
        <div id="ati-refusal">
          <h2 safe>{ctx.t('requests.information.refusal.title')}</h2>
          <p><strong safe>{ctx.t(facts.refusalGround.labelKey)}</strong></p>
          <p class="muted" safe>{facts.refusalGround.citation}</p>
        </div>
      ) : ''}
      {facts.showAppeal ? (
        <div id="ati-appeal">
          <h2 safe>{ctx.t('requests.information.appeal.title')}</h2>
          <p safe>{ctx.t('requests.information.appeal.body', { body: ctx.t(law.appealBodyKey) })}</p>
          <p class="muted" safe>{law.appealCitation}</p>
          {facts.appealedOn ? <p safe>{ctx.t('requests.information.appeal.appealed_on', { date: day(ctx, facts.appealedOn) })}</p> : ''}
        </div>
      ) : ''}
      {facts.answerForm ? <p class="muted" safe>{ctx.t('requests.information.answer_form.chosen', { form: ctx.t(answerFormKeys[facts.answerForm]) })}</p> : ''}
      <LawSummary ctx={ctx} law={law} />
    </section>
  );
}
