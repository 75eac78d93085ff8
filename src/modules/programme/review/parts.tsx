import type { FormState } from '../../../platform/http/forms.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import { CsrfField, Notice } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { ApplicationStatus } from '../db/tables.js';

export const operatorBase = '/admin/programme/review';
export const deskBase = '/network/programme/review';
export const applicationReviewPath = (id: string) => `${deskBase}/applications/${id}`;

/** A one-button form (shortlist, remove, move…): works without JavaScript, carries its CSRF token. */
export function ButtonForm({ ctx, action, label, fields = {}, kind = 'secondary', id }: { ctx: ViewContext; action: string; label: string; fields?: Record<string, string>; kind?: 'primary' | 'secondary' | 'danger'; id?: string }) {
  return (
    <form method="post" action={action} class="inline-form" id={id}>
      <CsrfField ctx={ctx} />
      {Object.entries(fields).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      <button type="submit" class={`btn btn-${kind}`} safe>{label}</button>
    </form>
  );
}

/** Scores done out of expected, e.g. "3 / 8". */
export const progressText = (ctx: ViewContext, done: number, expected: number) =>
  ctx.t('programme.review.progress', { done: formatNumber(done, ctx.locale), expected: formatNumber(expected, ctx.locale) });

const statusKeys: Record<ApplicationStatus, string> = {
  draft: 'programme.review.status_draft',
  submitted: 'programme.review.status_submitted',
  shortlisted: 'programme.review.status_shortlisted',
  selected: 'programme.review.status_selected',
  rejected: 'programme.review.status_rejected',
  withdrawn: 'programme.review.status_withdrawn',
};

export const StatusBadge = ({ ctx, status }: { ctx: ViewContext; status: ApplicationStatus }) => <span class={`badge status-${status}`} safe>{ctx.t(statusKeys[status])}</span>;

/** A refusal or a note shown above a page's content (e.g. "this call is still open"). */
export const PageNotice = ({ notice }: { notice?: string }) => (notice ? <Notice kind="error"><span safe>{notice}</span></Notice> : '');

export const formError = (ctx: ViewContext, form: FormState, name: string) => (form.errors[name] ? <p class="field-error" id={`${name}-error`} safe>{ctx.t(form.errors[name]!)}</p> : '');
