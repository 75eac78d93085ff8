import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field, Localized } from '../../../platform/views/components.js';
import type { FormState } from '../../../platform/http/forms.js';
import { IdempotencyField } from '../../../platform/http/idempotency.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Consultation, Meeting, Phase, Proposal } from '../db/tables.js';
import { answerKeys, channelKeys, genderKeys, influenceKeys, subjectKeys } from './labels.js';
import { MeetingsSection } from './meeting-views.js';
import { SurveyCallout } from '../surveys/survey-views.js';
import { ArchivesSection } from './moderation-views.js';
import type { MeetingPhoto } from '../queries/proposal-detail-queries.js';
import { CategoryFilter, detailLabels, ProposalDetailFields } from './proposal-form-fields.js';
import { FollowForm } from '../notifications/follow-views.js';

const base = (ctx: ViewContext) => `/${ctx.commune!.slug}`;
const day = (ctx: ViewContext, date: string) => formatDate(date, ctx.locale, 'UTC');

export function ConsultationsPage({ ctx, consultations }: { ctx: ViewContext; consultations: Consultation[] }) {
  // Archived consultations stay public, in their own section below the current ones.
  const current = consultations.filter((c) => c.status !== 'archived');
  return (
    <Layout ctx={ctx} title={ctx.t('participation.list.title')}>
      <h1 safe>{ctx.t('participation.list.title')}</h1>
      <p class="lead" safe>{ctx.t('participation.list.intro')}</p>
      {current.length === 0 ? <p class="muted" safe>{ctx.t('participation.list.none')}</p> : ''}
      <ul class="grid">
        {current.map((c) => (
          <li class="card">
            <h2><a href={`${base(ctx)}/consultations/${c.id}`}><Localized ctx={ctx} text={c.title} /></a></h2>
            <p>
              <span class="badge" safe>{ctx.t(subjectKeys[c.subject_type])}</span>{' '}
              <span class={c.status === 'closed' ? 'badge badge-muted' : 'badge badge-success'} safe>{ctx.t(c.status === 'closed' ? 'participation.status.closed' : 'participation.status.open')}</span>
            </p>
            <p safe>{ctx.t(influenceKeys[c.influence_level].name)}</p>
          </li>
        ))}
      </ul>
      <ArchivesSection ctx={ctx} consultations={consultations.filter((c) => c.status === 'archived')} />
    </Layout>
  );
}

function Timeline({ ctx, phases, active }: { ctx: ViewContext; phases: Phase[]; active: Phase | null }) {
  return (
    <ol class="timeline">
      {phases.map((phase) => (
        <li aria-current={phase.id === active?.id ? 'step' : undefined}>
          <strong><Localized ctx={ctx} text={phase.title} /></strong>{' '}
          {phase.id === active?.id ? <span class="badge badge-success" safe>{ctx.t('participation.phase.now')}</span> : ''}
          <br />
          <span class="muted" safe>{ctx.t('participation.phase.dates', { start: day(ctx, phase.starts_on), end: day(ctx, phase.ends_on) })}</span>
        </li>
      ))}
    </ol>
  );
}

export interface ConsultationStats {
  participants: number;
  proposals: number;
  comments: number;
  byChannel: { channel: string; count: number }[];
  participantsByGender: { gender: string | null; count: number }[];
  participantsByAgeBand: { ageBand: string; count: number }[];
}

const ageBandLabel = (ctx: ViewContext, band: string) => (band === 'unknown' ? ctx.t('participation.stats.age_not_given') : ctx.t('participation.stats.age_band', { band }));

function StatsTable({ ctx, stats }: { ctx: ViewContext; stats: ConsultationStats }) {
  const rows: [string, number][] = [
    [ctx.t('participation.stats.participants'), stats.participants],
    [ctx.t('participation.stats.proposals'), stats.proposals],
    [ctx.t('participation.stats.comments'), stats.comments],
    ...stats.byChannel.map((r): [string, number] => [ctx.t(channelKeys[r.channel] ?? 'participation.channel.web'), r.count]),
    ...stats.participantsByGender.map((r): [string, number] => [ctx.t(genderKeys[r.gender ?? 'unknown']!), r.count]),
    ...stats.participantsByAgeBand.map((r): [string, number] => [ageBandLabel(ctx, r.ageBand), r.count]),
  ];
  return (
    <table class="data">
      <caption safe>{ctx.t('participation.stats.title')}</caption>
      <tbody>{rows.map(([label, value]) => <tr><th scope="row" safe>{label}</th><td safe>{formatNumber(value, ctx.locale)}</td></tr>)}</tbody>
    </table>
  );
}

export interface ProposalListItem extends Pick<Proposal, 'id' | 'title' | 'answer' | 'channel' | 'category'> {
  supports: number;
}

export interface ConsultationPageProps {
  consultation: Consultation;
  phases: Phase[];
  active: Phase | null;
  proposals: ProposalListItem[];
  /** Cursor of the next page, when there is one. */
  next: string | null;
  sort: 'newest' | 'supported' | 'random';
  filters: { neighbourhood?: string | undefined; category?: string | undefined; answer?: string | undefined; seed?: string | undefined };
  neighbourhoods: string[];
  meetings: Meeting[];
  meetingPhotos: MeetingPhoto[];
  stats: ConsultationStats;
  /** Size of the consultation's image, when it has one. */
  image?: { width: number | null; height: number | null } | null;
  form: FormState;
  awaiting: { id: string; title: string }[];
  /** Assisted participants a mediator may submit for; empty for everyone else. */
  participants: { id: string; full_name: string }[];
  /** Proposals that look like the one being submitted, shown before it is stored. */
  similar: { id: string; title: string }[];
  /** The consultation's survey, when it takes answers or shows results. */
  survey: { open: boolean; resultsPublic: boolean } | null;
  /** Whether the signed-in person follows this consultation. */
  following?: boolean;
}

function SimilarProposals({ ctx, similar }: { ctx: ViewContext; similar: { id: string; title: string }[] }) {
  if (similar.length === 0) return <></>;
  return (
    <div class="notice" role="status">
      <p><strong safe>{ctx.t('participation.proposal.similar_title')}</strong></p>
      <ul>{similar.map((p) => <li><a href={`${base(ctx)}/proposals/${p.id}`} dir="auto" safe>{p.title}</a></li>)}</ul>
      <p safe>{ctx.t('participation.proposal.similar_hint')}</p>
    </div>
  );
}

function daysSince(date: Date): number {
  return Math.max(0, Math.floor((Date.now() - date.getTime()) / (24 * 3600 * 1000)));
}

function AwaitingAnswers({ ctx, props }: { ctx: ViewContext; props: ConsultationPageProps }) {
  const closedAt = props.consultation.closed_at;
  if (props.consultation.status !== 'closed' || !closedAt || props.awaiting.length === 0) return <></>;
  const days = formatNumber(daysSince(closedAt), ctx.locale);
  return (
    <section aria-labelledby="awaiting-title" class="notice notice-error">
      <h2 id="awaiting-title" safe>{ctx.t('participation.answer.awaiting_list', { count: formatNumber(props.awaiting.length, ctx.locale) })}</h2>
      <ul>{props.awaiting.map((p) => <li><a href={`${base(ctx)}/proposals/${p.id}`} dir="auto" safe>{p.title}</a> — <span safe>{ctx.t('participation.answer.days_waiting', { days })}</span></li>)}</ul>
    </section>
  );
}

function OnBehalfOf({ ctx, participants }: { ctx: ViewContext; participants: { id: string; full_name: string }[] }) {
  if (participants.length === 0) return <></>;
  return (
    <div class="field">
      <label for="on_behalf_of" safe>{ctx.t('participation.proposal.on_behalf_of')}</label>
      <p class="field-hint" safe>{ctx.t('participation.proposal.on_behalf_of_hint')}</p>
      <select id="on_behalf_of" name="on_behalf_of">
        <option value="" safe>{ctx.t('participation.proposal.myself')}</option>
        {participants.map((p) => <option value={p.id} safe>{p.full_name}</option>)}
      </select>
    </div>
  );
}

/** The list's query string: sort, filters, the random seed and (for the next page) the cursor. */
function listQuery(props: ConsultationPageProps, after?: string): string {
  const params = new URLSearchParams({ sort: props.sort });
  for (const [name, value] of Object.entries(props.filters)) if (value) params.set(name, value);
  if (after) params.set('after', after);
  return params.toString();
}

function ListFilters({ ctx, props, url }: { ctx: ViewContext; props: ConsultationPageProps; url: string }) {
  const sorts = { newest: 'participation.proposal.sort_newest', supported: 'participation.proposal.sort_supported', random: 'participation.proposal.sort_random' } as const;
  return (
    <form method="get" action={url} class="filters" role="search" aria-label={ctx.t('participation.proposal.sort')}>
      <div class="field">
        <label for="sort" safe>{ctx.t('participation.proposal.sort')}</label>
        <select id="sort" name="sort">{Object.entries(sorts).map(([value, key]) => <option value={value} selected={props.sort === value} safe>{ctx.t(key)}</option>)}</select>
      </div>
      {props.neighbourhoods.length > 0 ? (
        <div class="field">
          <label for="neighbourhood" safe>{ctx.t('participation.proposal.neighbourhood')}</label>
          <select id="neighbourhood" name="neighbourhood">
            <option value="" safe>{ctx.t('participation.proposal.all')}</option>
            {props.neighbourhoods.map((n) => <option value={n} selected={props.filters.neighbourhood === n} dir="auto" safe>{n}</option>)}
          </select>
        </div>
      ) : ''}
      <CategoryFilter ctx={ctx} categories={props.consultation.categories} selected={props.filters.category} />
      <div class="field">
        <label for="answer" safe>{ctx.t('participation.answer.title')}</label>
        <select id="answer" name="answer">
          <option value="" safe>{ctx.t('participation.proposal.all')}</option>
          <option value="awaiting" selected={props.filters.answer === 'awaiting'} safe>{ctx.t('participation.answer.awaiting_short')}</option>
          {Object.entries(answerKeys).map(([value, key]) => <option value={value} selected={props.filters.answer === value} safe>{ctx.t(key)}</option>)}
        </select>
      </div>
      {props.filters.seed ? <input type="hidden" name="seed" value={props.filters.seed} /> : ''}
      <button type="submit" class="btn btn-secondary" safe>{ctx.t('participation.proposal.apply')}</button>
    </form>
  );
}

function ProposalForm({ ctx, props }: { ctx: ViewContext; props: ConsultationPageProps }) {
  if (!props.active?.allows_proposals || props.consultation.status !== 'published') return <></>;
  if (!ctx.actor.user) {
    return <p class="notice"><a href={`/sign-in?commune=${ctx.commune!.slug}&return=${encodeURIComponent(ctx.currentUrl)}`} safe>{ctx.t('participation.proposal.sign_in_to_submit')}</a></p>;
  }
  const labels = { title: ctx.t('participation.proposal.title'), body: ctx.t('participation.proposal.body'), ...detailLabels(ctx) };
  return (
    <section aria-labelledby="submit-title">
      <h2 id="submit-title" safe>{ctx.t('participation.proposal.submit')}</h2>
      <ErrorSummary ctx={ctx} form={props.form} labels={labels} />
      {/* Multipart (the photo): its body is read after the CSRF check, so the token also travels in the URL. */}
      <form method="post" action={`${base(ctx)}/consultations/${props.consultation.id}/proposals?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <IdempotencyField ctx={ctx} />
        <Field ctx={ctx} form={props.form} name="title" label={labels.title} required />
        <Field ctx={ctx} form={props.form} name="body" label={labels.body} hint={ctx.t('participation.proposal.body_hint')} multiline required />
        <Field ctx={ctx} form={props.form} name="neighbourhood" label={ctx.t('participation.proposal.neighbourhood')} />
        <ProposalDetailFields ctx={ctx} form={props.form} categories={props.consultation.categories} />
        <OnBehalfOf ctx={ctx} participants={props.participants} />
        <SimilarProposals ctx={ctx} similar={props.similar} />
        {props.similar.length > 0 ? <input type="hidden" name="confirmed" value="1" /> : ''}
        <div class="form-actions">
          <button type="submit" class="btn" safe>{ctx.t(props.similar.length > 0 ? 'participation.proposal.send_anyway' : 'participation.proposal.send')}</button>
        </div>
      </form>
    </section>
  );
}

export function ConsultationPage({ ctx, props }: { ctx: ViewContext; props: ConsultationPageProps }) {
  const { consultation } = props;
  const influence = influenceKeys[consultation.influence_level];
  const url = `${base(ctx)}/consultations/${consultation.id}`;
  return (
    <Layout ctx={ctx} title={ctx.t('participation.list.title')}>
      <h1><Localized ctx={ctx} text={consultation.title} /></h1>
      {consultation.image_file_id ? <img class="consultation-image" src={`/files/${consultation.image_file_id}`} alt="" width={String(props.image?.width ?? 800)} height={String(props.image?.height ?? 450)} /> : ''}
      <Localized ctx={ctx} text={consultation.description} markdown />
      {consultation.status === 'archived' ? <p class="notice" role="note" safe>{ctx.t('participation.archive.public_notice')}</p> : ''}
      <FollowForm ctx={ctx} path={url} following={props.following ?? false} />
      <div class="notice" role="note">
        <strong safe>{ctx.t('participation.influence.label', { level: ctx.t(influence.name) })}</strong>
        <p safe>{ctx.t(influence.promise)}</p>
      </div>
      <h2 safe>{ctx.t('participation.phase.timeline')}</h2>
      <Timeline ctx={ctx} phases={props.phases} active={props.active} />
      <StatsTable ctx={ctx} stats={props.stats} />
      <AwaitingAnswers ctx={ctx} props={props} />
      <MeetingsSection ctx={ctx} meetings={props.meetings} photos={props.meetingPhotos} />
      <SurveyCallout ctx={ctx} consultation={consultation} survey={props.survey} />
      <ProposalForm ctx={ctx} props={props} />
      <h2 safe>{ctx.t('participation.proposal.list')}</h2>
<ListFilters ctx={ctx} props={props} url={url} />
      {props.proposals.length === 0 ? <p class="muted" safe>{ctx.t('participation.proposal.none')}</p> : ''}
      <ul class="news-list">
        {props.proposals.map((p) => (
          <li>
            <h3><a href={`${base(ctx)}/proposals/${p.id}`} dir="auto" safe>{p.title}</a></h3>
            <p class="muted">
              <span safe>{ctx.t('participation.proposal.supports', { count: formatNumber(p.supports, ctx.locale) })}</span>
              {p.answer ? <> · <span class="badge" safe>{ctx.t(answerKeys[p.answer])}</span></> : ''}
              {p.channel === 'mediator' ? <> · <span class="badge badge-muted" safe>{ctx.t('participation.channel.mediator')}</span></> : ''}
              {p.category ? <> · <span class="badge badge-muted" safe>{p.category}</span></> : ''}
            </p>
          </li>
        ))}
      </ul>
      {props.next ? (
        <nav class="pagination" aria-label={ctx.t('participation.proposal.pages')}>
          <a href={`${url}?${listQuery(props, props.next)}`} safe>{ctx.t('participation.proposal.more')}</a>
        </nav>
      ) : ''}
    </Layout>
  );
}
