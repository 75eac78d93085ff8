import { safeMarkdownHtml } from '../../../platform/views/markdown.js';
import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { CsrfField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Proposal } from '../db/tables.js';
import { type CommentRow, CommentsSection } from './comment-views.js';
import { answerKeys } from './labels.js';
import type { ProposalModeration } from '../moderation-page.js';
import { HiddenProposal, OwnHiddenComments, ProposalReportForm } from './moderation-views.js';
import type { ProposalExtras } from '../queries/proposal-detail-queries.js';
import { MergedNotice, ProposalDetails } from './proposal-details.js';
import { FollowForm } from '../notifications/follow-views.js';

export interface ProposalPageProps {
  proposal: Proposal & { author_name: string | null };
  supports: { count: number; supported: boolean };
  canSupport: boolean;
  comments: CommentRow[];
  commentsOpen: boolean;
  moderation: ProposalModeration;
  extras: ProposalExtras;
  /** Whether the signed-in person follows this proposal. */
  following?: boolean;
}

function SupportForm({ ctx, props }: { ctx: ViewContext; props: ProposalPageProps }) {
  if (!props.canSupport) return <></>;
  const action = `/${ctx.commune!.slug}/proposals/${props.proposal.id}/${props.supports.supported ? 'withdraw-support' : 'support'}`;
  if (!ctx.actor.user) return <p><a href={`/sign-in?commune=${ctx.commune!.slug}&return=${encodeURIComponent(ctx.currentUrl)}`} safe>{ctx.t('participation.support.sign_in')}</a></p>;
  return (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      <button type="submit" class={props.supports.supported ? 'btn btn-secondary' : 'btn'} safe>
        {ctx.t(props.supports.supported ? 'participation.support.withdraw' : 'participation.support.add')}
      </button>
    </form>
  );
}

export function ProposalPage({ ctx, props }: { ctx: ViewContext; props: ProposalPageProps }) {
  const { proposal, moderation } = props;
  if (proposal.hidden_at) {
    return (
      <Layout ctx={ctx} title={ctx.t('participation.mod.proposal_hidden_title')}>
        <HiddenProposal ctx={ctx} proposal={proposal} isAuthor={moderation.isAuthor} appeal={moderation.appeals.find((a) => a.proposal_id === proposal.id)} />
        <p><a href={`/${ctx.commune!.slug}/consultations/${proposal.consultation_id}`} safe>{ctx.t('participation.proposal.back')}</a></p>
      </Layout>
    );
  }
  return (
    <Layout ctx={ctx} title={proposal.title}>
      <MergedNotice ctx={ctx} extras={props.extras} />
      <article>
        <h1 dir="auto" safe>{proposal.title}</h1>
        <p class="muted" safe>
          {ctx.t(proposal.on_behalf_of ? 'participation.proposal.by_mediator' : 'participation.proposal.by', { name: proposal.author_name ?? '—', date: formatDate(proposal.created_at, ctx.locale, ctx.commune!.time_zone) })}
        </p>
        <div class="prose" dir="auto">{safeMarkdownHtml(proposal.body)}</div>
        {proposal.neighbourhood ? <p><strong safe>{ctx.t('participation.proposal.neighbourhood')}</strong> <bdi safe>{proposal.neighbourhood}</bdi></p> : ''}
        <ProposalDetails ctx={ctx} proposal={proposal} extras={props.extras} />
        <ProposalReportForm ctx={ctx} proposalId={proposal.id} />
      </article>
      <p safe>{ctx.t('participation.proposal.supports', { count: formatNumber(props.supports.count, ctx.locale) })}</p>
      <SupportForm ctx={ctx} props={props} />
      <FollowForm ctx={ctx} path={`/${ctx.commune!.slug}/proposals/${proposal.id}`} following={props.following ?? false} />
      <section aria-labelledby="answer-title" class="card">
        <h2 id="answer-title" safe>{ctx.t('participation.answer.title')}</h2>
        {proposal.answer ? (
          <>
            <p><span class="badge" safe>{ctx.t(answerKeys[proposal.answer])}</span></p>
            <p dir="auto" safe>{proposal.answer_reason ?? ''}</p>
          </>
        ) : (
          <p class="muted" safe>{ctx.t('participation.answer.awaiting')}</p>
        )}
      </section>
      <OwnHiddenComments ctx={ctx} comments={moderation.ownHiddenComments} appeals={moderation.appeals} />
      <CommentsSection ctx={ctx} proposalId={proposal.id} comments={props.comments} open={props.commentsOpen} />
      <p><a href={`/${ctx.commune!.slug}/consultations/${proposal.consultation_id}`} safe>{ctx.t('participation.proposal.back')}</a></p>
    </Layout>
  );
}
