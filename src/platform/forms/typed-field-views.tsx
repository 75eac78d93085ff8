import type { FormState } from '../http/forms.js';
import { formatNumber } from '../i18n/format.js';
import { type LocalizedText, locales, pickLocalized } from '../i18n/locales.js';
import { Field, Localized, SelectField } from '../views/components.js';
import type { ViewContext } from '../views/view-context.js';
import { type Answer, type Answers, inputName, isFileAnswer, type TypedField } from './typed-fields.js';

/** Localized text as a plain string, for labels of form controls (escaped where they are printed). */
const textIn = (ctx: ViewContext, text: LocalizedText | null | undefined) => pickLocalized(text, ctx.locale, locales)?.value ?? '';

/** Where a private file answer is served: each module serves its own through an authorised handler. */
export type FilePath = (fileId: string) => string;

function YesNoInput({ ctx, form, field, label }: { ctx: ViewContext; form: FormState; field: TypedField; label: string }) {
  const name = inputName(field);
  const error = form.errors[name];
  return (
    <fieldset class="field" id={name} aria-invalid={error ? 'true' : undefined}>
      <legend safe>{label}</legend>
      {error ? <p class="field-error" safe>{ctx.t(error)}</p> : ''}
      {(['yes', 'no'] as const).map((value) => (
        <label class="choice">
          <input type="radio" name={name} value={value} checked={form.values[name] === value} />{' '}
          <span safe>{ctx.t(value === 'yes' ? 'core.fields.yes' : 'core.fields.no')}</span>
        </label>
      ))}
    </fieldset>
  );
}

function FileInput({ ctx, form, field, files, filePath, label }: { ctx: ViewContext; form: FormState; field: TypedField; files: Answers; filePath: FilePath; label: string }) {
  const name = inputName(field);
  const error = form.errors[name];
  const current = files[field.key];
  return (
    <div class="field">
      <label for={name} safe>{label}</label>
      {textIn(ctx, field.help) ? <p class="field-hint" safe>{textIn(ctx, field.help)}</p> : ''}
      <p class="field-hint" safe>{ctx.t('core.fields.file_hint')}</p>
      {error ? <p class="field-error" id={`${name}-error`} safe>{ctx.t(error)}</p> : ''}
      {isFileAnswer(current) ? (
        <p>
          <span safe>{ctx.t('core.fields.file_current')}</span> <a href={filePath(current.fileId)} safe>{current.filename}</a>
        </p>
      ) : (
        ''
      )}
      <input type="file" id={name} name={name} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

/** One field of a built form, rendered by kind; the values shown are what the person typed, even invalid. */
export function TypedFieldInput({ ctx, form, field, files, filePath }: { ctx: ViewContext; form: FormState; field: TypedField; files: Answers; filePath: FilePath }) {
  const label = `${textIn(ctx, field.label)}${field.required ? ' *' : ''}`;
  const hint = textIn(ctx, field.help) || undefined;
  const name = inputName(field);
  switch (field.kind) {
    case 'text':
    case 'long_text':
      return <Field ctx={ctx} form={form} name={name} label={label} hint={hint} multiline={field.kind === 'long_text'} dir="auto" />;
    case 'number':
      return <Field ctx={ctx} form={form} name={name} label={label} hint={hint} inputmode="numeric" />;
    case 'choice':
      return <SelectField ctx={ctx} form={form} name={name} label={label} options={field.options.map((o) => [o.value, textIn(ctx, o.label)])} empty={ctx.t('core.fields.choose')} />;
    case 'yes_no':
      return <YesNoInput ctx={ctx} form={form} field={field} label={label} />;
    case 'file':
      return <FileInput ctx={ctx} form={form} field={field} files={files} filePath={filePath} label={label} />;
  }
}

function AnswerValue({ ctx, field, answer, filePath }: { ctx: ViewContext; field: TypedField; answer: Answer | undefined; filePath: FilePath }) {
  if (answer === undefined || answer === '') return <em class="muted" safe>{ctx.t('core.fields.no_answer')}</em>;
  if (isFileAnswer(answer)) return <a href={filePath(answer.fileId)} safe>{answer.filename}</a>;
  if (typeof answer === 'boolean') return <span safe>{ctx.t(answer ? 'core.fields.yes' : 'core.fields.no')}</span>;
  if (typeof answer === 'number') return <span safe>{formatNumber(answer, ctx.locale)}</span>;
  const option = field.kind === 'choice' ? field.options.find((o) => o.value === answer) : undefined;
  if (option) return <Localized ctx={ctx} text={option.label} />;
  return <p class="answer-text" safe>{answer}</p>;
}

/** Stored answers, field by field in the form's order. */
export function AnswersList({ ctx, fields, answers, filePath }: { ctx: ViewContext; fields: TypedField[]; answers: Answers; filePath: FilePath }) {
  return (
    <dl class="answers">
      {fields.map((field) => (
        <>
          <dt><Localized ctx={ctx} text={field.label} /></dt>
          <dd><AnswerValue ctx={ctx} field={field} answer={answers[field.key]} filePath={filePath} /></dd>
        </>
      ))}
    </dl>
  );
}
