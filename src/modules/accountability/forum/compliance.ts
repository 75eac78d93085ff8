/**
 * The OGP Local compliance checklist of a plan, computed from recorded facts only. Dates are calendar days
 * (YYYY-MM-DD) in the commune's time zone; "today" is given so the rules are testable and pages consistent.
 */

/** How often OGP Local expects the forum to meet, the site to be updated, and how early agendas must be out. */
export const meetingIntervalMonths = 6;
export const updateIntervalMonths = 4;
export const agendaNoticeDays = 7;

export interface ComplianceFacts {
  plan: { id: string; periodStart: string; periodEnd: string };
  forum: { hasRules: boolean; rulesUrl: string | null; rulesPublishedOn: string | null } | null;
  meetings: { id: string; date: string; agendaPublishedOn: string | null; hasMinutes: boolean }[];
  comments: { total: number; unanswered: number };
  /** Days on which the plan, its commitments or milestones changed (rows' stamps and the audit log). */
  updates: string[];
  endorsements: { id: string; endorsedOn: string; documentUrl: string | null }[];
}

export const complianceRules = ['regular_meetings', 'rules_published', 'information_before_meetings', 'reasoned_response', 'site_updated', 'endorsement'] as const;
export type ComplianceRule = (typeof complianceRules)[number];

/** Where the proof is: a path under the commune's site (`forum#meeting-…`) or an outside address. */
export type Evidence = { path: string } | { url: string };

export interface ComplianceItem {
  rule: ComplianceRule;
  met: boolean;
  /** An i18n key and its parameters (dates as YYYY-MM-DD, formatted by the page). */
  reason: { key: string; params: Record<string, string> };
  evidence: Evidence | null;
}

const dayMs = 86_400_000;
const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / dayMs);

/** The same day `months` later, or the month's last day when it has fewer days (31 Jan + 1 month = 28 Feb). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The first pair of consecutive days further apart than `months`, if any (the days sorted ascending). */
function firstGap(days: string[], months: number): [string, string] | null {
  for (let i = 1; i < days.length; i += 1) {
    if (days[i]! > addMonths(days[i - 1]!, months)) return [days[i - 1]!, days[i]!];
  }
  return null;
}

const sorted = (days: string[]) => [...days].sort();
const minDay = (a: string, b: string) => (a < b ? a : b);
const meetingEvidence = (id: string): Evidence => ({ path: `forum#meeting-${id}` });

/** The forum met, with minutes, at least every six months from the start of the plan's period to today. */
function regularMeetings(facts: ComplianceFacts, today: string): ComplianceItem {
  const rule = 'regular_meetings';
  const { periodStart } = facts.plan;
  if (today < periodStart) return { rule, met: true, reason: { key: 'accountability.compliance.reason.not_started', params: { start: periodStart } }, evidence: null };
  const end = minDay(today, facts.plan.periodEnd);
  const held = facts.meetings.filter((m) => m.hasMinutes && m.date >= periodStart && m.date <= end).sort((a, b) => a.date.localeCompare(b.date));
  const gap = firstGap([periodStart, ...held.map((m) => m.date), end], meetingIntervalMonths);
  if (gap) {
    const after = held.find((m) => m.date === gap[1]);
    const key = held.length === 0 ? 'accountability.compliance.reason.no_meeting' : 'accountability.compliance.reason.meeting_gap';
    return { rule, met: false, reason: { key, params: { from: gap[0], to: gap[1] } }, evidence: after ? meetingEvidence(after.id) : { path: 'forum' } };
  }
  const last = held.at(-1);
  if (!last) return { rule, met: true, reason: { key: 'accountability.compliance.reason.first_meeting_due', params: { due: addMonths(periodStart, meetingIntervalMonths) } }, evidence: { path: 'forum' } };
  return { rule, met: true, reason: { key: 'accountability.compliance.reason.meetings_regular', params: { count: String(held.length), last: last.date } }, evidence: meetingEvidence(last.id) };
}

/** The forum's rules are public: a text or a document, with the day they were published. */
function rulesPublished(facts: ComplianceFacts, today: string): ComplianceItem {
  const rule = 'rules_published';
  const forum = facts.forum;
  const publishedOn = forum?.rulesPublishedOn;
  if (!forum || !forum.hasRules || !publishedOn || publishedOn > today) {
    return { rule, met: false, reason: { key: 'accountability.compliance.reason.no_rules', params: {} }, evidence: forum ? { path: 'forum' } : null };
  }
  return { rule, met: true, reason: { key: 'accountability.compliance.reason.rules', params: { date: publishedOn } }, evidence: forum.rulesUrl ? { url: forum.rulesUrl } : { path: 'forum#rules' } };
}

/** Every meeting held during the period had its agenda published at least seven days before. */
function informationBeforeMeetings(facts: ComplianceFacts, today: string): ComplianceItem {
  const rule = 'information_before_meetings';
  const params = { days: String(agendaNoticeDays) };
  const held = facts.meetings.filter((m) => m.date >= facts.plan.periodStart && m.date <= today).sort((a, b) => a.date.localeCompare(b.date));
  if (held.length === 0) return { rule, met: false, reason: { key: 'accountability.compliance.reason.no_meeting_held', params }, evidence: { path: 'forum' } };
  const late = held.find((m) => !m.agendaPublishedOn || daysBetween(m.agendaPublishedOn, m.date) < agendaNoticeDays);
  if (late) {
    const key = late.agendaPublishedOn ? 'accountability.compliance.reason.agenda_late' : 'accountability.compliance.reason.agenda_missing';
    return { rule, met: false, reason: { key, params: { ...params, date: late.date, notice: late.agendaPublishedOn ? String(daysBetween(late.agendaPublishedOn, late.date)) : '0' } }, evidence: meetingEvidence(late.id) };
  }
  return { rule, met: true, reason: { key: 'accountability.compliance.reason.agendas_on_time', params: { ...params, count: String(held.length) } }, evidence: meetingEvidence(held.at(-1)!.id) };
}

/** Every comment on the plan's commitments has had the commune's answer. */
function reasonedResponse(facts: ComplianceFacts): ComplianceItem {
  const rule = 'reasoned_response';
  const { total, unanswered } = facts.comments;
  const evidence = { path: `plans/${facts.plan.id}#commitments` };
  if (total === 0) return { rule, met: true, reason: { key: 'accountability.compliance.reason.no_comments', params: {} }, evidence };
  if (unanswered > 0) return { rule, met: false, reason: { key: 'accountability.compliance.reason.unanswered', params: { unanswered: String(unanswered), total: String(total) } }, evidence };
  return { rule, met: true, reason: { key: 'accountability.compliance.reason.all_answered', params: { total: String(total) } }, evidence };
}

/** The plan's pages changed within the last four months, and never went four months without a change during the period. */
function siteUpdated(facts: ComplianceFacts, today: string): ComplianceItem {
  const rule = 'site_updated';
  const evidence = { path: `plans/${facts.plan.id}` };
  // Changes before the period count as made on its first day: only the period's gaps matter.
  const start = facts.plan.periodStart;
  const days = sorted(facts.updates.filter((d) => d <= today).map((d) => (d < start ? start : d)));
  const last = days.at(-1);
  if (!last) return { rule, met: false, reason: { key: 'accountability.compliance.reason.never_updated', params: {} }, evidence };
  const gap = firstGap([...days, today], updateIntervalMonths);
  if (gap) {
    const key = gap[0] === last ? 'accountability.compliance.reason.stale' : 'accountability.compliance.reason.update_gap';
    return { rule, met: false, reason: { key, params: { from: gap[0], to: gap[1], last } }, evidence };
  }
  return { rule, met: true, reason: { key: 'accountability.compliance.reason.updated', params: { last } }, evidence };
}

/** Civil society endorsed the plan, and the endorsement is recorded. */
function endorsement(facts: ComplianceFacts, today: string): ComplianceItem {
  const rule = 'endorsement';
  const recorded = facts.endorsements.filter((e) => e.endorsedOn <= today).sort((a, b) => a.endorsedOn.localeCompare(b.endorsedOn));
  const first = recorded[0];
  if (!first) return { rule, met: false, reason: { key: 'accountability.compliance.reason.no_endorsement', params: {} }, evidence: null };
  return { rule, met: true, reason: { key: 'accountability.compliance.reason.endorsed', params: { date: first.endorsedOn } }, evidence: first.documentUrl ? { url: first.documentUrl } : { path: 'forum#endorsements' } };
}

/** The six OGP Local checks, in the order the page shows them. */
export function complianceChecklist(facts: ComplianceFacts, today: string): ComplianceItem[] {
  return [regularMeetings(facts, today), rulesPublished(facts, today), informationBeforeMeetings(facts, today), reasonedResponse(facts), siteUpdated(facts, today), endorsement(facts, today)];
}
