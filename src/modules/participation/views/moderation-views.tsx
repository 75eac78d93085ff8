import { formatNumber } from '../../../platform/i18n/format.js';
import { CsrfField, Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { QueueItem } from '../commands/moderation-commands.js';
import type { AppealDecision } from '../db/moderation-tables.js';
import type { Consultation } from '../db/tables.js';

const communeBase = (ctx: ViewContext) => `/${ctx.commune!.slug}`;
const decisionKeys: Record<AppealDecision, string> = { restored: 'participation.mod.appeal_restored', upheld: 'participation.mod.appeal_upheld' };

/** A small "report" form behind a disclosure, for any signed-in person. */
export function ProposalReportForm({ ctx, proposalId }: { ctx: ViewContext; proposalId: string }) {
  if (!ctx.actor.user) return <></>;
  return (
    <details>
      <summary safe>{ctx.t('participation.mod.report_proposal')}</summary>
      <form method="post" action={`${communeBase(ctx)}/proposals/${proposalId}/report`}>
        <CsrfField ctx={ctx} />
        <label for="report-reason" safe>{ctx.t('participation.comment.report_reason')}</label>
        <input id="report-reason" name="reason" required maxlength="500" />
        <button type="submit" class="btn-link" safe>{ctx.t('participation.comment.report_send')}</button>
      </form>
    </details>
  );
}

export interface OwnAppeal {
  proposal_id: string | null;
  comment_id: string | null;
  decision: AppealDecision | null;
}

/** The author's one appeal: a form while none was sent, then its state. */
export function AppealArea({ ctx, action, appeal }: { ctx: ViewContext; action: string; appeal: OwnAppeal | undefined }) {
  if (appeal) return <p class="muted" safe>{ctx.t(appeal.decision ? decisionKeys[appeal.decision] : 'participation.mod.appeal_pending')}</p>;
  const id = `appeal-${action.split('/').at(-2)}`;
  return (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      <label for={id} safe>{ctx.t('participation.mod.appeal')}</label>
      <p class="field-hint" safe>{ctx.t('participation.mod.appeal_hint')}</p>
      <textarea id={id} name="body" rows="3" required maxlength="1000" dir="auto"></textarea>
      <button type="submit" class="btn btn-secondary" safe>{ctx.t('participation.mod.appeal_send')}</button>
    </form>
  );
}

/** Shown instead of a hidden proposal's title, text and neighbourhood. */
export function HiddenProposal({ ctx, proposal, isAuthor, appeal }: { ctx: ViewContext; proposal: { id: string; hidden_reason: string | null }; isAuthor: boolean; appeal: OwnAppeal | undefined }) {
  return (
    <article class="notice">
      <h1 safe>{ctx.t('participation.mod.proposal_hidden_title')}</h1>
      <p>
        <span safe>{ctx.t('participation.mod.hidden_reason_label')}</span> <bdi safe>{proposal.hidden_reason ?? ''}</bdi>
      </p>
      {isAuthor ? <AppealArea ctx={ctx} action={`${communeBase(ctx)}/proposals/${proposal.id}/appeal`} appeal={appeal} /> : ''}
    </article>
  );
}

/** The signed-in author's hidden comments under a proposal, each with its one appeal. */
export function OwnHiddenComments({ ctx, comments, appeals }: { ctx: ViewContext; comments: { id: string; body: string; hidden_reason: string | null }[]; appeals: OwnAppeal[] }) {
  if (comments.length === 0) return <></>;
  return (
    <section aria-labelledby="own-hidden-title" class="card">
      <h2 id="own-hidden-title" safe>{ctx.t('participation.mod.own_hidden_comments')}</h2>
      {comments.map((comment) => (
        <div id={`own-hidden-${comment.id}`}>
          <blockquote dir="auto" safe>{comment.body}</blockquote>
          <p><span safe>{ctx.t('participation.mod.hidden_reason_label')}</span> <bdi safe>{comment.hidden_reason ?? ''}</bdi></p>
          <AppealArea ctx={ctx} action={`${communeBase(ctx)}/comments/${comment.id}/appeal`} appeal={appeals.find((a) => a.comment_id === comment.id)} />
        </div>
      ))}
    </section>
  );
}

function HideForm({ ctx, item }: { ctx: ViewContext; item: { kind: 'proposal' | 'comment'; id: string } }) {
  return (
    <form method="post" action={`${communeBase(ctx)}/admin/${item.kind === 'proposal' ? 'proposals' : 'comments'}/${item.id}/hide`}>
      <CsrfField ctx={ctx} />
      <label for={`hide-${item.id}`} safe>{ctx.t('participation.moderation.reason')}</label>
      <input id={`hide-${item.id}`} name="reason" required maxlength="500" />
      <button type="submit" class="btn btn-danger" safe>{ctx.t(item.kind === 'proposal' ? 'participation.mod.hide_proposal' : 'participation.moderation.hide')}</button>
    </form>
  );
}

/** Back-office controls of a proposal's visibility: hide with a reason, or show it again. */
export function ProposalVisibility({ ctx, proposal }: { ctx: ViewContext; proposal: { id: string; hidden_at: Date | null; hidden_reason: string | null } }) {
  if (!proposal.hidden_at) return <HideForm ctx={ctx} item={{ kind: 'proposal', id: proposal.id }} />;
  return (
    <form method="post" action={`${communeBase(ctx)}/admin/proposals/${proposal.id}/unhide`}>
      <CsrfField ctx={ctx} />
      <p><span class="badge badge-muted" safe>{ctx.t('participation.mod.hidden_badge')}</span> <bdi safe>{proposal.hidden_reason ?? ''}</bdi></p>
      <button type="submit" class="btn btn-secondary" safe>{ctx.t('participation.mod.unhide')}</button>
    </form>
  );
}

export interface AppealRow {
  id: string;
  body: string;
  proposal_id: string | null;
  comment_id: string | null;
  title: string | null;
  proposal_reason: string | null;
  comment_body: string | null;
  comment_proposal: string | null;
  comment_reason: string | null;
  hidden_by: string | null;
}

function AppealCard({ ctx, appeal }: { ctx: ViewContext; appeal: AppealRow }) {
  const proposalId = appeal.proposal_id ?? appeal.comment_proposal!;
  return (
    <article class="card">
      <p><span class="badge" safe>{ctx.t(appeal.comment_id ? 'participation.mod.kind_comment' : 'participation.mod.kind_proposal')}</span></p>
      <blockquote dir="auto" safe>{appeal.title ?? appeal.comment_body ?? ''}</blockquote>
      <p><span safe>{ctx.t('participation.mod.hidden_reason_label')}</span> <bdi safe>{appeal.proposal_reason ?? appeal.comment_reason ?? ''}</bdi></p>
      <p><strong safe>{ctx.t('participation.mod.appeal_text_label')}</strong> <bdi safe>{appeal.body}</bdi></p>
      <p><a href={`${communeBase(ctx)}/proposals/${proposalId}`} safe>{ctx.t('participation.moderation.see')}</a></p>
      {appeal.hidden_by === ctx.actor.user?.id ? <p class="muted" safe>{ctx.t('participation.mod.not_your_appeal')}</p> : <DecisionForm ctx={ctx} appealId={appeal.id} />}
    </article>
  );
}

/** Restore or uphold, with a reason the author receives. */
function DecisionForm({ ctx, appealId }: { ctx: ViewContext; appealId: string }) {
  return (
    <form method="post" action={`${communeBase(ctx)}/admin/appeals/${appealId}/decide`}>
      <CsrfField ctx={ctx} />
      <label for={`decide-${appealId}`} safe>{ctx.t('participation.mod.decision_reason')}</label>
      <input id={`decide-${appealId}`} name="reason" required maxlength="500" />
      <button type="submit" name="decision" value="restored" class="btn" safe>{ctx.t('participation.mod.restore')}</button>{' '}
      <button type="submit" name="decision" value="upheld" class="btn btn-secondary" safe>{ctx.t('participation.mod.uphold')}</button>
    </form>
  );
}

function ReportedCard({ ctx, item }: { ctx: ViewContext; item: QueueItem }) {
  const anchor = item.kind === 'comment' ? `#comment-${item.id}` : '';
  return (
    <article class="card">
      <p>
        <span class="badge" safe>{ctx.t(item.kind === 'comment' ? 'participation.mod.kind_comment' : 'participation.mod.kind_proposal')}</span>{' '}
        <span safe>{ctx.t('participation.mod.report_count', { count: formatNumber(item.reasons.length, ctx.locale) })}</span>
      </p>
      <blockquote dir="auto" safe>{item.text}</blockquote>
      <p><strong safe>{ctx.t('participation.moderation.reported_for')}</strong></p>
      <ul>{item.reasons.map((reason) => <li dir="auto" safe>{reason}</li>)}</ul>
      <p><a href={`${communeBase(ctx)}/proposals/${item.proposal_id}${anchor}`} safe>{ctx.t('participation.moderation.see')}</a></p>
      {item.hidden ? <p class="muted" safe>{ctx.t('participation.mod.hidden_badge')}</p> : <HideForm ctx={ctx} item={item} />}
    </article>
  );
}

/** Reported proposals and comments with their reasons and counts, then appeals waiting for a decision. */
export function ModerationQueuePage({ ctx, reported, appeals }: { ctx: ViewContext; reported: QueueItem[]; appeals: AppealRow[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('participation.moderation.title')} area="admin">
      <h1 safe>{ctx.t('participation.moderation.title')}</h1>
      <h2 safe>{ctx.t('participation.mod.reports_title')}</h2>
      {reported.length === 0 ? <p class="muted" safe>{ctx.t('participation.moderation.none')}</p> : ''}
      {reported.map((item) => <ReportedCard ctx={ctx} item={item} />)}
      <h2 safe>{ctx.t('participation.mod.appeals_title')}</h2>
      {appeals.length === 0 ? <p class="muted" safe>{ctx.t('participation.mod.appeals_none')}</p> : ''}
      {appeals.map((appeal) => <AppealCard ctx={ctx} appeal={appeal} />)}
    </Layout>
  );
}

/** A one-message page (e.g. "already reported"), with a way back. */
export function MessagePage({ ctx, title, message, back, status = 'notice' }: { ctx: ViewContext; title: string; message: string; back: { href: string; label: string }; status?: 'notice' | 'notice notice-error' }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <p class={status} role="status" safe>{message}</p>
      <p><a href={back.href} safe>{back.label}</a></p>
    </Layout>
  );
}

/** Staff archive a closed consultation once every visible proposal is answered. */
export function ArchiveSection({ ctx, consultation, awaiting }: { ctx: ViewContext; consultation: Consultation; awaiting: number }) {
  if (consultation.status === 'archived') return <p class="notice" safe>{ctx.t('participation.archive.read_only')}</p>;
  if (consultation.status !== 'closed') return <></>;
  return (
    <section aria-labelledby="archive-title" class="card">
      <h2 id="archive-title" safe>{ctx.t('participation.archive.title')}</h2>
      <p safe>{ctx.t('participation.archive.hint')}</p>
      {awaiting > 0 ? <p class="muted" safe>{ctx.t('participation.archive.awaiting', { count: formatNumber(awaiting, ctx.locale) })}</p> : ''}
      <form method="post" action={`${communeBase(ctx)}/admin/consultations/${consultation.id}/archive`}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="btn btn-secondary" safe>{ctx.t('participation.archive.action')}</button>
      </form>
    </section>
  );
}

/** Archived consultations, listed apart from current ones on the public page. */
export function ArchivesSection({ ctx, consultations }: { ctx: ViewContext; consultations: Consultation[] }) {
  if (consultations.length === 0) return <></>;
  return (
    <section aria-labelledby="archives-title">
      <h2 id="archives-title" safe>{ctx.t('participation.archive.list_title')}</h2>
      <ul class="news-list">
        {consultations.map((c) => (
          <li><a href={`${communeBase(ctx)}/consultations/${c.id}`}><Localized ctx={ctx} text={c.title} /></a> <span class="badge badge-muted" safe>{ctx.t('participation.archive.status')}</span></li>
        ))}
      </ul>
    </section>
  );
}

export interface KeptField {
  name: string;
  labelKey: string;
  multiline?: boolean;
}

/** Too many contributions in a short time: say how long to wait and give back what was typed, ready to send again. */
export function RateLimitedPage({ ctx, minutes, action, fields, values, hidden }: { ctx: ViewContext; minutes: number; action: string; fields: KeptField[]; values: Record<string, string>; hidden: Record<string, string> }) {
  const kept = fields.filter((f) => values[f.name]);
  return (
    <Layout ctx={ctx} title={ctx.t('participation.ratelimit.title')}>
      <h1 safe>{ctx.t('participation.ratelimit.title')}</h1>
      <p class="notice" role="status" safe>{ctx.t('participation.ratelimit.message', { minutes: formatNumber(minutes, ctx.locale) })}</p>
      {kept.length > 0 ? (
        <form method="post" action={action}>
          <p safe>{ctx.t('participation.ratelimit.kept')}</p>
          <CsrfField ctx={ctx} />
          {Object.entries(hidden).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
          {kept.map((f) => (
            <div class="field">
              <label for={`kept-${f.name}`} safe>{ctx.t(f.labelKey)}</label>
              {f.multiline ? <textarea id={`kept-${f.name}`} name={f.name} rows="6" dir="auto" safe>{values[f.name]}</textarea> : <input id={`kept-${f.name}`} name={f.name} value={values[f.name]} dir="auto" />}
            </div>
          ))}
          <button type="submit" class="btn" safe>{ctx.t('participation.ratelimit.send_again')}</button>
        </form>
      ) : ''}
      <p><a href={ctx.currentUrl.replace(/\/(support|withdraw-support|comments|proposals)$/, '')} safe>{ctx.t('participation.ratelimit.back')}</a></p>
    </Layout>
  );
}
