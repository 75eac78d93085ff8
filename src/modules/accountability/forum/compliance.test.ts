import { describe, expect, it } from 'vitest';
import { addMonths, type ComplianceFacts, complianceChecklist, type ComplianceRule } from './compliance.js';

const today = '2026-11-23';

/** A plan whose forum did everything right; each test breaks one thing. */
function facts(overrides: Partial<ComplianceFacts> = {}): ComplianceFacts {
  return {
    plan: { id: 'plan-1', periodStart: '2026-01-01', periodEnd: '2027-12-31' },
    forum: { hasRules: true, rulesUrl: null, rulesPublishedOn: '2026-01-15' },
    meetings: [
      { id: 'm1', date: '2026-02-10', agendaPublishedOn: '2026-01-30', hasMinutes: true },
      { id: 'm2', date: '2026-07-20', agendaPublishedOn: '2026-07-10', hasMinutes: true },
      { id: 'm3', date: '2026-11-10', agendaPublishedOn: '2026-11-01', hasMinutes: true },
    ],
    comments: { total: 4, unanswered: 0 },
    updates: ['2026-01-05', '2026-04-20', '2026-08-01', '2026-11-02'],
    endorsements: [{ id: 'e1', endorsedOn: '2026-02-20', documentUrl: 'https://example.org/aval.pdf' }],
    ...overrides,
  };
}

const item = (rule: ComplianceRule, f: ComplianceFacts, day = today) => complianceChecklist(f, day).find((i) => i.rule === rule)!;

describe('addMonths', () => {
  it('keeps the day, or takes the month’s last day when it has fewer', () => {
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('OGP Local compliance checklist', () => {
  it('is all green for a forum that did everything, with evidence for each item', () => {
    const items = complianceChecklist(facts(), today);
    expect(items.map((i) => [i.rule, i.met])).toEqual([
      ['regular_meetings', true], ['rules_published', true], ['information_before_meetings', true], ['reasoned_response', true], ['site_updated', true], ['endorsement', true],
    ]);
    expect(items.every((i) => i.evidence !== null)).toBe(true);
    expect(item('endorsement', facts()).evidence).toEqual({ url: 'https://example.org/aval.pdf' });
    expect(item('regular_meetings', facts()).evidence).toEqual({ path: 'forum#meeting-m3' });
  });

  describe('the forum meets at least every six months', () => {
    it('is not met with a gap of more than six months between meetings', () => {
      const result = item('regular_meetings', facts({ meetings: [{ id: 'a', date: '2026-02-10', agendaPublishedOn: null, hasMinutes: true }, { id: 'b', date: '2026-08-11', agendaPublishedOn: null, hasMinutes: true }, { id: 'c', date: '2026-11-01', agendaPublishedOn: null, hasMinutes: true }] }));
      expect(result.met).toBe(false);
      expect(result.reason).toEqual({ key: 'accountability.compliance.reason.meeting_gap', params: { from: '2026-02-10', to: '2026-08-11' } });
      expect(result.evidence).toEqual({ path: 'forum#meeting-b' });
    });

    it('is met with a gap of exactly six months', () => {
      const exactly = facts({ meetings: [{ id: 'a', date: '2026-02-10', agendaPublishedOn: null, hasMinutes: true }, { id: 'b', date: '2026-08-10', agendaPublishedOn: null, hasMinutes: true }] });
      expect(item('regular_meetings', exactly, '2027-02-10').met).toBe(true);
      expect(item('regular_meetings', exactly, '2027-02-11').met).toBe(false);
    });

    it('counts the gap from the period’s start to the first meeting, and from the last one to today', () => {
      const lateStart = facts({ meetings: [{ id: 'a', date: '2026-07-02', agendaPublishedOn: null, hasMinutes: true }] });
      expect(item('regular_meetings', lateStart, '2026-08-01').reason.params).toEqual({ from: '2026-01-01', to: '2026-07-02' });
      const quietSince = facts({ meetings: [{ id: 'a', date: '2026-03-01', agendaPublishedOn: null, hasMinutes: true }] });
      expect(item('regular_meetings', quietSince, '2026-09-01').met).toBe(true);
      expect(item('regular_meetings', quietSince, '2026-09-02').reason.params).toEqual({ from: '2026-03-01', to: '2026-09-02' });
    });

    it('ignores meetings without minutes', () => {
      const noMinutes = facts({ meetings: facts().meetings.map((m) => (m.id === 'm2' ? { ...m, hasMinutes: false } : m)) });
      expect(item('regular_meetings', noMinutes).met).toBe(false);
    });

    it('without any meeting: not met once six months of the period have passed, due before that', () => {
      const none = facts({ meetings: [] });
      expect(item('regular_meetings', none).reason.key).toBe('accountability.compliance.reason.no_meeting');
      expect(item('regular_meetings', none).met).toBe(false);
      expect(item('regular_meetings', none, '2026-05-01')).toMatchObject({ met: true, reason: { key: 'accountability.compliance.reason.first_meeting_due', params: { due: '2026-07-01' } } });
      expect(item('regular_meetings', none, '2025-12-01').met).toBe(true);
    });
  });

  describe('rules are published', () => {
    it('needs rules and a publication day not in the future', () => {
      expect(item('rules_published', facts({ forum: null })).met).toBe(false);
      expect(item('rules_published', facts({ forum: { hasRules: true, rulesUrl: null, rulesPublishedOn: null } })).met).toBe(false);
      expect(item('rules_published', facts({ forum: { hasRules: false, rulesUrl: null, rulesPublishedOn: '2026-01-15' } })).met).toBe(false);
      expect(item('rules_published', facts({ forum: { hasRules: true, rulesUrl: null, rulesPublishedOn: '2026-12-01' } })).met).toBe(false);
      expect(item('rules_published', facts({ forum: { hasRules: true, rulesUrl: 'https://example.org/r.pdf', rulesPublishedOn: '2026-01-15' } }))).toMatchObject({ met: true, evidence: { url: 'https://example.org/r.pdf' } });
    });
  });

  describe('information is shared before meetings', () => {
    const withAgenda = (agendaPublishedOn: string | null) => facts({ meetings: [{ id: 'a', date: '2026-03-10', agendaPublishedOn, hasMinutes: true }] });
    it('is met at exactly seven days, not at six', () => {
      expect(item('information_before_meetings', withAgenda('2026-03-03')).met).toBe(true);
      const late = item('information_before_meetings', withAgenda('2026-03-04'));
      expect(late).toMatchObject({ met: false, reason: { key: 'accountability.compliance.reason.agenda_late', params: { date: '2026-03-10', notice: '6', days: '7' } }, evidence: { path: 'forum#meeting-a' } });
    });
    it('is not met when an agenda was never published, nor with no meeting held', () => {
      expect(item('information_before_meetings', withAgenda(null)).reason.key).toBe('accountability.compliance.reason.agenda_missing');
      expect(item('information_before_meetings', facts({ meetings: [] })).met).toBe(false);
    });
    it('looks only at meetings already held', () => {
      const upcoming = facts({ meetings: [...facts().meetings, { id: 'next', date: '2026-12-10', agendaPublishedOn: null, hasMinutes: false }] });
      expect(item('information_before_meetings', upcoming).met).toBe(true);
    });
  });

  describe('every contribution gets a reasoned response', () => {
    it('counts unanswered comments', () => {
      expect(item('reasoned_response', facts({ comments: { total: 5, unanswered: 2 } }))).toMatchObject({ met: false, reason: { params: { unanswered: '2', total: '5' } } });
      expect(item('reasoned_response', facts({ comments: { total: 5, unanswered: 0 } })).met).toBe(true);
      expect(item('reasoned_response', facts({ comments: { total: 0, unanswered: 0 } }))).toMatchObject({ met: true, reason: { key: 'accountability.compliance.reason.no_comments' } });
    });
  });

  describe('the site is updated at least every four months', () => {
    it('is not met when the last update is older than four months', () => {
      const stale = item('site_updated', facts({ updates: ['2026-05-01', '2026-07-22'] }));
      expect(stale).toMatchObject({ met: false, reason: { key: 'accountability.compliance.reason.stale', params: { last: '2026-07-22' } } });
      expect(item('site_updated', facts({ updates: ['2026-05-01', '2026-07-23'] })).met).toBe(true);
    });
    it('is not met with a gap of more than four months during the period', () => {
      expect(item('site_updated', facts({ updates: ['2026-01-05', '2026-06-01', '2026-11-01'] })).reason).toEqual({ key: 'accountability.compliance.reason.update_gap', params: { from: '2026-01-05', to: '2026-06-01', last: '2026-11-01' } });
    });
    it('counts changes made before the period as made on its first day', () => {
      expect(item('site_updated', facts({ updates: ['2025-06-01', '2026-04-01', '2026-08-01', '2026-11-01'] })).met).toBe(true);
      expect(item('site_updated', facts({ updates: ['2025-06-01', '2026-06-01', '2026-09-01'] })).met).toBe(false);
    });
    it('is not met without any recorded change', () => {
      expect(item('site_updated', facts({ updates: [] })).reason.key).toBe('accountability.compliance.reason.never_updated');
    });
  });

  describe('civil society endorsed the plan', () => {
    it('needs an endorsement recorded, its document as evidence when there is one', () => {
      expect(item('endorsement', facts({ endorsements: [] }))).toMatchObject({ met: false, evidence: null });
      expect(item('endorsement', facts({ endorsements: [{ id: 'e', endorsedOn: '2026-02-01', documentUrl: null }] }))).toMatchObject({ met: true, evidence: { path: 'forum#endorsements' } });
    });
  });
});
