import { formatNumber } from '../../../platform/i18n/format.js';
import { Localized } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Answer, Answers, FieldRow } from '../db/tables.js';

/** Where a private file of an application is served (to its applicant and the programme's team only). */
export const applicationFilePath = (fileId: string) => `/network/programme/files/${fileId}`;

function AnswerValue({ ctx, field, answer }: { ctx: ViewContext; field: FieldRow; answer: Answer | undefined }) {
  if (answer === undefined || answer === '') return <em class="muted" safe>{ctx.t('programme.answer.none')}</em>;
  if (typeof answer === 'object') return <a href={applicationFilePath(answer.fileId)} safe>{answer.filename}</a>;
  if (typeof answer === 'boolean') return <span safe>{ctx.t(answer ? 'programme.answer.yes' : 'programme.answer.no')}</span>;
  if (typeof answer === 'number') return <span safe>{formatNumber(answer, ctx.locale)}</span>;
  const option = field.kind === 'choice' ? field.options.find((o) => o.value === answer) : undefined;
  if (option) return <Localized ctx={ctx} text={option.label} />;
  return <p class="answer-text" safe>{answer}</p>;
}

/** An application's answers, field by field in the form's order: what the applicant, reviewers and the operator read. */
export function AnswersList({ ctx, fields, answers }: { ctx: ViewContext; fields: FieldRow[]; answers: Answers }) {
  return (
    <dl class="answers">
      {fields.map((field) => (
        <>
          <dt><Localized ctx={ctx} text={field.label} /></dt>
          <dd><AnswerValue ctx={ctx} field={field} answer={answers[field.key]} /></dd>
        </>
      ))}
    </dl>
  );
}
