import { pickLocalized } from '../../../platform/i18n/locales.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Request, State } from '../db/tables.js';
import { informationStatusKeys, isInformationStatus } from '../information/statuses.js';

/** The name of a status code as the public reads it: the commune's own state names for complaints. */
export function statusName(ctx: ViewContext, kind: Request['kind'], code: string, states: readonly State[]): string {
  if (kind === 'information') return isInformationStatus(code) ? ctx.t(informationStatusKeys[code]) : code;
  const state = states.find((s) => s.code === code);
  return pickLocalized(state?.name, ctx.locale)?.value ?? code;
}

/** Whether a request is past its deadline without an answer, on the commune's calendar day `today`. */
export const isOverdue = (request: Pick<Request, 'is_open' | 'answered_at' | 'due_on'>, today: string) => request.is_open && !request.answered_at && !!request.due_on && request.due_on < today;

export function StatusBadge({ ctx, request, states, today }: { ctx: ViewContext; request: Pick<Request, 'kind' | 'status' | 'is_open' | 'answered_at' | 'due_on'>; states: readonly State[]; today: string }) {
  const overdue = isOverdue(request, today);
  return (
    <span>
      <span class={request.is_open ? 'badge badge-warning' : 'badge badge-success'} safe>{statusName(ctx, request.kind, request.status, states)}</span>
      {overdue ? <span class="badge badge-danger" safe>{` ${ctx.t('requests.overdue')}`}</span> : ''}
    </span>
  );
}
