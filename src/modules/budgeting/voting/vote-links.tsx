import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Round, RoundPhase } from '../db/tables.js';
import { voteState, votingPhase } from './ballot.js';

/** On the round page: "Vote" while the vote is open, and the results page (sealed until the vote closes). */
export function VoteLinks({ ctx, round, phases }: { ctx: ViewContext; round: Round; phases: RoundPhase[] }) {
  const phase = votingPhase(phases);
  if (!phase) return <></>;
  const base = `/${ctx.commune!.slug}/budgets/${round.id}`;
  return (
    <p class="actions">
      {voteState(phase, new Date()) === 'open' ? <><a class="button" href={`${base}/vote`} safe>{ctx.t('budgeting.vote.go')}</a>{' '}</> : ''}
      <a href={`${base}/results`} safe>{ctx.t('budgeting.results.link')}</a>
    </p>
  );
}
