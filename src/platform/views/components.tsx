import { safeMarkdownHtml } from './markdown.js';
import type { Children } from '@kitajs/html';
import type { FormState } from '../http/forms.js';
import { type LocalizedText, localeNames, locales, pickLocalized } from '../i18n/locales.js';
import type { ViewContext } from './view-context.js';

export function CsrfField({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** Commune-written text in the reader's language, or another language with a visible note. */
/** Text in the visitor's language (or the best fallback, marked as such); `markdown` renders the safe Markdown subset. */
export function Localized({ ctx, text, as = 'span', markdown = false }: { ctx: ViewContext; text: LocalizedText | null | undefined; as?: 'span' | 'p' | 'div'; markdown?: boolean }) {
  const preferred = ctx.commune ? [ctx.commune.default_locale, ...locales] : locales;
  const picked = pickLocalized(text, ctx.locale, preferred);
  if (!picked) return <></>;
  const Tag = as;
  const note = picked.isFallback ? (
    <small class="fallback-note" lang={ctx.locale} safe>
      {` ${ctx.t('core.content.translation_missing', { language: localeNames[picked.locale] })}`}
    </small>
  ) : (
    ''
  );
  const dir = picked.locale === 'ar' ? 'rtl' : 'auto';
  return (
    <>
      {markdown ? (
        <div class="prose" lang={picked.locale} dir={dir}>
          {safeMarkdownHtml(picked.value)}
        </div>
      ) : (
        <Tag lang={picked.locale} dir={dir} safe>
          {picked.value}
        </Tag>
      )}
      {note}
    </>
  );
}

interface FieldProps {
  ctx: ViewContext;
  form: FormState<any>;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'date' | 'datetime-local' | 'number' | 'url' | 'password';
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  multiline?: boolean;
  dir?: 'ltr' | 'rtl' | 'auto';
}

/** A labelled input with its hint and its error right beside it, as the error summary links to it. */
export function Field(props: FieldProps) {
  const { ctx, form, name } = props;
  const error = form.errors[name];
  const value = form.values[name] ?? '';
  const describedBy = [props.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id: name,
    name,
    required: props.required,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy || undefined,
    dir: props.dir,
  };
  return (
    <div class="field">
      <label for={name} safe>
        {props.label}
      </label>
      {props.hint ? (
        <p class="field-hint" id={`${name}-hint`} safe>
          {props.hint}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`${name}-error`} safe>
          {ctx.t(error)}
        </p>
      ) : (
        ''
      )}
      {props.multiline ? (
        <textarea {...common} rows="6" safe>
          {value}
        </textarea>
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          value={value}
          autocomplete={props.autocomplete}
          inputmode={props.inputmode}
        />
      )}
    </div>
  );
}

/** A labelled drop-down list; `empty` adds a first choice meaning "none". */
export function SelectField({ ctx, form, name, label, options, empty }: { ctx: ViewContext; form: FormState; name: string; label: string; options: [string, string][]; empty?: string }) {
  const error = form.errors[name];
  return (
    <div class="field">
      <label for={name} safe>{label}</label>
      {error ? <p class="field-error" id={`${name}-error`} safe>{ctx.t(error)}</p> : ''}
      <select id={name} name={name} aria-invalid={error ? 'true' : undefined}>
        {empty !== undefined ? <option value="" safe>{empty}</option> : ''}
        {options.map(([v, text]) => <option value={v} selected={form.values[name] === v} safe>{text}</option>)}
      </select>
    </div>
  );
}

export function ErrorSummary({ ctx, form, labels }: { ctx: ViewContext; form: FormState<any>; labels: Record<string, string> }) {
  const entries = Object.entries(form.errors) as [string, string][];
  if (entries.length === 0) return <></>;
  return (
    <div class="error-summary" role="alert" tabindex="-1">
      <h2 safe>{ctx.t('core.form.error_summary')}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li>
            <a href={`#${field}`} safe>
              {`${labels[field] ?? field}: ${ctx.t(key)}`}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'error' | 'demo'; children?: Children }) {
  return (
    <div class={kind === 'info' ? 'notice' : `notice notice-${kind}`} role="status">
      {children}
    </div>
  );
}
