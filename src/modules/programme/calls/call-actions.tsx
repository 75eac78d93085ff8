import type { ViewContext } from '../../../platform/views/view-context.js';
import type { CallRow } from '../db/tables.js';
import type { TeamStanding } from '../permissions.js';
import { callState } from './state.js';
import type { FullApplicationRow } from './tables.js';

/** For team members on the public list: the way to their side of the programme. */
export function TeamLink({ ctx, standing }: { ctx: ViewContext; standing: TeamStanding }) {
  if (standing.operator) return <p id="team-link"><a href="/admin/programme" class="button" safe>{ctx.t('programme.operator.home')}</a></p>;
  if (standing.reviewer) return <p id="team-link"><a href="/network/programme/review" class="button" safe>{ctx.t('programme.call_page.review')}</a></p>;
  return <></>;
}

/** What the reader may do with the call: apply, continue their draft, see their application; and its statistics. */
export function CallActions({ ctx, call, application, now }: { ctx: ViewContext; call: CallRow; application: FullApplicationRow | undefined; now: Date }) {
  const base = `/network/programme/calls/${call.slug}`;
  const open = callState(call, now) === 'open';
  const action = application && application.status !== 'draft'
    ? <a href={`/network/programme/applications/${application.id}`} class="button" safe>{ctx.t('programme.call_page.see')}</a>
    : application && open
      ? <a href={`${base}/apply`} class="button" safe>{ctx.t('programme.call_page.continue')}</a>
      : open
        ? <a href={`${base}/apply`} class="button" safe>{ctx.t('programme.call_page.apply')}</a>
        : '';
  return (
    <p id="call-actions">
      {action} <a href={`${base}/statistics`} safe>{ctx.t('programme.stats.title')}</a>
    </p>
  );
}
