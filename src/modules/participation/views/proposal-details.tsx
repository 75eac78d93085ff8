import { formatDateTime } from '../../../platform/i18n/format.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Proposal } from '../db/tables.js';
import type { ProposalExtras } from '../queries/proposal-detail-queries.js';

const osmLink = (lat: number, lon: number) => `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;

function Place({ ctx, proposal }: { ctx: ViewContext; proposal: Proposal }) {
  const hasCoordinates = proposal.latitude !== null && proposal.longitude !== null;
  if (!proposal.place && !hasCoordinates) return <></>;
  return (
    <p>
      <strong safe>{ctx.t('participation.location.place')}</strong> {proposal.place ? <span safe>{proposal.place}</span> : ''}
      {/* A plain link: no map tiles or scripts to download on a slow network. */}
      {hasCoordinates ? <> (<a href={osmLink(proposal.latitude!, proposal.longitude!)} rel="noopener" safe>{ctx.t('participation.location.map_link')}</a>)</> : ''}
    </p>
  );
}

function Photo({ proposal, extras }: { proposal: Proposal; extras: ProposalExtras }) {
  if (!extras.photo) return <></>;
  return <img class="proposal-photo" src={`/files/${extras.photo.id}`} alt={proposal.title} width={String(extras.photo.width ?? '')} height={String(extras.photo.height ?? '')} loading="lazy" />;
}

/** An outcome URL is checked when saved; internal paths stay on the site, other links open without the referrer. */
function Outcome({ ctx, proposal }: { ctx: ViewContext; proposal: Proposal }) {
  if (!proposal.outcome_url || !proposal.outcome_label) return <></>;
  const external = !proposal.outcome_url.startsWith('/');
  return (
    <p class="notice">
      <strong safe>{ctx.t('participation.outcome.what_came')}</strong> <a href={proposal.outcome_url} rel={external ? 'noopener noreferrer' : undefined} safe>{proposal.outcome_label}</a>
    </p>
  );
}

/** Category, place, photo, the meeting it came from and what came of it, shown under the proposal text. */
export function ProposalDetails({ ctx, proposal, extras }: { ctx: ViewContext; proposal: Proposal; extras: ProposalExtras }) {
  return (
    <>
      {proposal.category ? <p><strong safe>{ctx.t('participation.category.label')}</strong> <span class="badge" safe>{proposal.category}</span></p> : ''}
      <Place ctx={ctx} proposal={proposal} />
      <Photo proposal={proposal} extras={extras} />
      {extras.meeting ? <p class="muted" safe>{ctx.t('participation.meeting.proposal_from', { date: formatDateTime(extras.meeting.starts_at, ctx.locale, ctx.commune!.time_zone), place: extras.meeting.location })}</p> : ''}
      <Outcome ctx={ctx} proposal={proposal} />
    </>
  );
}

/** Shown at the top of a duplicate's page: it lives on in the proposal kept. */
export function MergedNotice({ ctx, extras }: { ctx: ViewContext; extras: ProposalExtras }) {
  if (!extras.mergedInto) return <></>;
  return (
    <p class="notice" role="note">
      <span safe>{ctx.t('participation.merge.merged_into')}</span> <a href={`/${ctx.commune!.slug}/proposals/${extras.mergedInto.id}`} safe>{`« ${extras.mergedInto.title} »`}</a>
    </p>
  );
}
