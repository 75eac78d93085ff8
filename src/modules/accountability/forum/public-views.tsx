import { formatDate, formatDateTime, isoDate } from '../../../platform/i18n/format.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { agendaNoticeDays, type ComplianceItem } from './compliance.js';
import { genderKeys, ruleKeys, sectorKeys } from './labels.js';
import type { MeetingRecord } from './queries.js';
import { type EndorsementRow, type ForumRow, genders, type MemberRow, sectors } from './tables.js';

const forumPath = (ctx: ViewContext) => `/${ctx.commune!.slug}/forum`;
const day = (ctx: ViewContext, date: string) => formatDate(date, ctx.locale);
const when = (ctx: ViewContext, at: Date) => formatDateTime(at, ctx.locale, ctx.commune!.time_zone);

/** Long texts typed by staff, one paragraph per line. */
function Paragraphs({ text }: { text: string }) {
  return <>{text.split(/\n+/).filter((line) => line.trim()).map((line) => <p dir="auto" safe>{line}</p>)}</>;
}

/** Members still in the forum on a given day. */
export const currentMembers = (members: MemberRow[], today: string) => members.filter((m) => !m.left_on || m.left_on > today);

export interface BalanceRow {
  label: string;
  count: number;
  percent: number;
}

/** Counts and whole-number shares of each category among the members. */
export function balance<K extends string>(members: MemberRow[], categories: readonly K[], of: (m: MemberRow) => K, label: (k: K) => string): BalanceRow[] {
  return categories.map((category) => {
    const count = members.filter((m) => of(m) === category).length;
    return { label: label(category), count, percent: members.length === 0 ? 0 : Math.round((count / members.length) * 100) };
  });
}

/** A small bar chart with the same counts and shares in a table beside it. */
function BalanceChart({ ctx, id, title, rows }: { ctx: ViewContext; id: string; title: string; rows: BalanceRow[] }) {
  const bars = rows.map((r) => ({ label: r.label, value: r.count, display: `${r.count} (${r.percent} %)` }));
  return (
    <div class="chart-and-table">
      <HorizontalBarChart title={title} bars={bars} dir={ctx.dir} />
      <div class="table-wrap" tabindex="0" role="region" aria-label={title}>
        <table id={id}>
          <caption safe>{title}</caption>
          <thead><tr><th scope="col" safe>{title}</th><th scope="col" safe>{ctx.t('accountability.forum.count')}</th><th scope="col" safe>{ctx.t('accountability.forum.share')}</th></tr></thead>
          <tbody>{rows.map((r) => <tr><th scope="row" safe>{r.label}</th><td safe>{String(r.count)}</td><td safe>{`${r.percent} %`}</td></tr>)}</tbody>
        </table>
      </div>
    </div>
  );
}

function Members({ ctx, members }: { ctx: ViewContext; members: MemberRow[] }) {
  const today = isoDate(new Date(), ctx.commune!.time_zone);
  const current = currentMembers(members, today);
  const former = members.filter((m) => !current.includes(m));
  return (
    <section id="members">
      <h2 safe>{ctx.t('accountability.forum.members')}</h2>
      <p safe>{ctx.t('accountability.forum.member_count', { count: String(current.length) })}</p>
      {current.length > 0 ? (
        <>
          <h3 safe>{ctx.t('accountability.forum.balance')}</h3>
          <BalanceChart ctx={ctx} id="gender-balance" title={ctx.t('accountability.forum.gender')} rows={balance(current, genders, (m) => m.gender, (g) => ctx.t(genderKeys[g]))} />
          <BalanceChart ctx={ctx} id="sector-balance" title={ctx.t('accountability.forum.sector')} rows={balance(current, sectors, (m) => m.sector, (s) => ctx.t(sectorKeys[s]))} />
          <div class="table-wrap" tabindex="0" role="region" aria-label={ctx.t('accountability.forum.members')}>
            <table id="member-list">
              <thead><tr><th scope="col" safe>{ctx.t('accountability.forum.field_member_name')}</th><th scope="col" safe>{ctx.t('accountability.forum.organisation')}</th><th scope="col" safe>{ctx.t('accountability.forum.sector')}</th><th scope="col" safe>{ctx.t('accountability.forum.role')}</th><th scope="col" safe>{ctx.t('accountability.forum.joined_on')}</th></tr></thead>
              <tbody>
                {current.map((m) => <tr><th scope="row" dir="auto" safe>{m.name}</th><td dir="auto" safe>{m.organisation || '—'}</td><td safe>{ctx.t(sectorKeys[m.sector])}</td><td dir="auto" safe>{m.role || '—'}</td><td>{m.joined_on ? day(ctx, m.joined_on) : '—'}</td></tr>)}
              </tbody>
            </table>
          </div>
        </>
      ) : ''}
      {former.length > 0 ? (
        <>
          <h3 safe>{ctx.t('accountability.forum.former_members')}</h3>
          <ul id="former-members">{former.map((m) => <li dir="auto" safe>{`${m.name}${m.organisation ? ` (${m.organisation})` : ''} — ${ctx.t('accountability.forum.left_on')} ${day(ctx, m.left_on!)}`}</li>)}</ul>
        </>
      ) : ''}
    </section>
  );
}

function Agenda({ ctx, record }: { ctx: ViewContext; record: MeetingRecord }) {
  const { meeting } = record;
  if (!meeting.agenda.trim()) return <p class="muted" safe>{ctx.t('accountability.forum.no_agenda')}</p>;
  return (
    <>
      <h4 safe>{ctx.t('accountability.forum.agenda')}</h4>
      {meeting.agenda_published_on ? <p class="muted" safe>{ctx.t('accountability.forum.published_on', { date: day(ctx, meeting.agenda_published_on) })}</p> : ''}
      <Paragraphs text={meeting.agenda} />
    </>
  );
}

function MeetingHeading({ ctx, record }: { ctx: ViewContext; record: MeetingRecord }) {
  const { meeting } = record;
  return <h3 dir="auto" safe>{meeting.place ? `${when(ctx, meeting.starts_at)} — ${meeting.place}` : when(ctx, meeting.starts_at)}</h3>;
}

function PastMeeting({ ctx, record, members }: { ctx: ViewContext; record: MeetingRecord; members: MemberRow[] }) {
  const { meeting } = record;
  const present = members.filter((m) => record.presentIds.includes(m.id));
  const hasMinutes = meeting.minutes_text.trim() || meeting.minutes_url;
  return (
    <article id={`meeting-${meeting.id}`} class="card">
      <MeetingHeading ctx={ctx} record={record} />
      <Agenda ctx={ctx} record={record} />
      <h4 safe>{ctx.t('accountability.forum.minutes')}</h4>
      {hasMinutes ? (
        <>
          {meeting.minutes_published_on ? <p class="muted" safe>{ctx.t('accountability.forum.published_on', { date: day(ctx, meeting.minutes_published_on) })}</p> : ''}
          <Paragraphs text={meeting.minutes_text} />
          {meeting.minutes_url ? <p><a href={meeting.minutes_url} rel="nofollow noopener" safe>{ctx.t('accountability.forum.minutes_document')}</a></p> : ''}
        </>
      ) : <p class="muted" safe>{ctx.t('accountability.forum.no_minutes')}</p>}
      <h4 safe>{ctx.t('accountability.forum.attendance')}</h4>
      <p class="attendance" safe>{ctx.t('accountability.forum.attendance_summary', { members: String(present.length), others: String(meeting.other_attendees) })}</p>
      {present.length > 0 ? <p dir="auto" safe>{present.map((m) => m.name).join(', ')}</p> : ''}
      {record.decisions.length > 0 ? (
        <>
          <h4 safe>{ctx.t('accountability.forum.decisions')}</h4>
          <ol class="decisions">
            {record.decisions.map((d) => <li><span dir="auto" safe>{d.text}</span>{d.follow_up ? <p class="muted" dir="auto" safe>{`${ctx.t('accountability.forum.follow_up')} : ${d.follow_up}`}</p> : ''}</li>)}
          </ol>
        </>
      ) : ''}
    </article>
  );
}

export interface ForumPageProps {
  forum: ForumRow | undefined;
  members: MemberRow[];
  meetings: MeetingRecord[];
  endorsements: (EndorsementRow & { planTitle: LocalizedText })[];
}

function Rules({ ctx, forum }: { ctx: ViewContext; forum: ForumRow }) {
  return (
    <section id="rules">
      <h2 safe>{ctx.t('accountability.forum.rules')}</h2>
      {forum.rules_published_on ? <p class="muted" safe>{ctx.t('accountability.forum.published_on', { date: day(ctx, forum.rules_published_on) })}</p> : ''}
      {forum.rules_text.trim() ? <Paragraphs text={forum.rules_text} /> : ''}
      {forum.rules_url ? <p><a href={forum.rules_url} rel="nofollow noopener" safe>{ctx.t('accountability.forum.rules_document')}</a></p> : ''}
      {!forum.rules_text.trim() && !forum.rules_url ? <p class="muted" safe>{ctx.t('accountability.forum.no_rules')}</p> : ''}
    </section>
  );
}

function Endorsements({ ctx, endorsements }: { ctx: ViewContext; endorsements: ForumPageProps['endorsements'] }) {
  if (endorsements.length === 0) return <></>;
  return (
    <section id="endorsements">
      <h2 safe>{ctx.t('accountability.forum.endorsements')}</h2>
      <ul>
        {endorsements.map((e) => (
          <li>
            <span dir="auto" safe>{`${day(ctx, e.endorsed_on)} — ${e.organisations}`}</span>
            {' · '}<a href={`/${ctx.commune!.slug}/plans/${e.plan_id}`}><Localized ctx={ctx} text={e.planTitle} /></a>
            {e.document_url ? <>{' · '}<a href={e.document_url} rel="nofollow noopener" safe>{ctx.t('accountability.forum.document')}</a></> : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ForumPage({ ctx, props }: { ctx: ViewContext; props: ForumPageProps }) {
  const title = props.forum?.name ?? ctx.t('accountability.forum.title');
  const now = Date.now();
  const upcoming = props.meetings.filter((r) => r.meeting.starts_at.getTime() > now);
  const past = props.meetings.filter((r) => r.meeting.starts_at.getTime() <= now).reverse();
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href={`/${ctx.commune!.slug}/plans`} safe>{ctx.t('accountability.forum.to_plans')}</a></p>
      <h1 dir="auto" safe>{title}</h1>
      <p safe>{ctx.t('accountability.forum.intro')}</p>
      {!props.forum ? <p class="muted" safe>{ctx.t('accountability.forum.none')}</p> : (
        <>
          <Rules ctx={ctx} forum={props.forum} />
          <Members ctx={ctx} members={props.members} />
          <section id="upcoming">
            <h2 safe>{ctx.t('accountability.forum.upcoming')}</h2>
            {upcoming.length === 0 ? <p class="muted" safe>{ctx.t('accountability.forum.no_upcoming')}</p> : upcoming.map((r) => <article id={`meeting-${r.meeting.id}`} class="card"><MeetingHeading ctx={ctx} record={r} /><Agenda ctx={ctx} record={r} /></article>)}
          </section>
          <section id="past">
            <h2 safe>{ctx.t('accountability.forum.past')}</h2>
            {past.length === 0 ? <p class="muted" safe>{ctx.t('accountability.forum.no_past')}</p> : past.map((r) => <PastMeeting ctx={ctx} record={r} members={props.members} />)}
          </section>
          <Endorsements ctx={ctx} endorsements={props.endorsements} />
        </>
      )}
    </Layout>
  );
}

/** Turns the reason's YYYY-MM-DD parameters into dates the reader reads. */
function reasonText(ctx: ViewContext, item: ComplianceItem): string {
  const params = Object.fromEntries(Object.entries(item.reason.params).map(([k, v]) => [k, /^\d{4}-\d{2}-\d{2}$/.test(v) ? day(ctx, v) : v]));
  return ctx.t(item.reason.key, params);
}

function EvidenceLink({ ctx, item }: { ctx: ViewContext; item: ComplianceItem }) {
  const evidence = item.evidence;
  if (!evidence) return <></>;
  const href = 'url' in evidence ? evidence.url : `/${ctx.commune!.slug}/${evidence.path}`;
  return <a href={href} rel={'url' in evidence ? 'nofollow noopener' : undefined} safe>{ctx.t('accountability.compliance.evidence')}</a>;
}

/** The OGP Local checklist: each rule with an icon and a word (never colour alone), its reason and its proof. */
export function ComplianceList({ ctx, items }: { ctx: ViewContext; items: ComplianceItem[] }) {
  const met = items.filter((i) => i.met).length;
  return (
    <>
      <p safe>{ctx.t('accountability.compliance.summary', { met: String(met), total: String(items.length) })}</p>
      <ul class="compliance" id="compliance">
        {items.map((item) => (
          <li class={item.met ? 'compliance-met' : 'compliance-unmet'} data-rule={item.rule}>
            <strong>
              <span aria-hidden="true">{item.met ? '✔ ' : '✘ '}</span>
              <span safe>{`${ctx.t(item.met ? 'accountability.compliance.met' : 'accountability.compliance.unmet')} — ${ctx.t(ruleKeys[item.rule])}`}</span>
            </strong>
            <br />
            <span safe>{reasonText(ctx, item)}</span>{' '}
            <EvidenceLink ctx={ctx} item={item} />
          </li>
        ))}
      </ul>
      <p class="muted" safe>{ctx.t('accountability.compliance.thresholds', { days: String(agendaNoticeDays) })}</p>
    </>
  );
}

/** The section shown on a plan's public page. */
export function ComplianceSection({ ctx, planId, items }: { ctx: ViewContext; planId: string; items: ComplianceItem[] }) {
  return (
    <section id="ogp-compliance">
      <h2 safe>{ctx.t('accountability.compliance.title')}</h2>
      <ComplianceList ctx={ctx} items={items} />
      <p><a href={`/${ctx.commune!.slug}/plans/${planId}/compliance`} safe>{ctx.t('accountability.compliance.details')}</a>{' · '}<a href={forumPath(ctx)} safe>{ctx.t('accountability.forum.title')}</a></p>
    </section>
  );
}

export function CompliancePage({ ctx, plan, items, meetings }: { ctx: ViewContext; plan: { id: string; title: LocalizedText }; items: ComplianceItem[]; meetings: MeetingRecord[] }) {
  const planTitle = plan.title[ctx.locale] ?? plan.title.fr ?? '';
  return (
    <Layout ctx={ctx} title={`${ctx.t('accountability.compliance.title')} — ${planTitle}`}>
      <p><a href={`/${ctx.commune!.slug}/plans/${plan.id}`}><Localized ctx={ctx} text={plan.title} /></a></p>
      <h1 safe>{ctx.t('accountability.compliance.title')}</h1>
      <p safe>{ctx.t('accountability.compliance.intro')}</p>
      <ComplianceList ctx={ctx} items={items} />
      <h2 safe>{ctx.t('accountability.compliance.plan_meetings')}</h2>
      {meetings.length === 0 ? <p class="muted" safe>{ctx.t('accountability.compliance.no_plan_meetings')}</p> : (
        <ul id="plan-meetings">{meetings.map((r) => <li><a href={`${forumPath(ctx)}#meeting-${r.meeting.id}`} safe>{when(ctx, r.meeting.starts_at)}</a></li>)}</ul>
      )}
    </Layout>
  );
}
