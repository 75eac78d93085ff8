import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { inertnessProblems, visibleText } from '../../../test-support/inert-html.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { forumExports } from './exports.js';
import { forumDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const admin = '/ndar-toute/admin/forum';
const staff = 'ndar-toute:staff';
const forum = () => forumDb(t.services.db);
const ndarMembers = async () => forum().selectFrom('accountability_forum_members').select(['id', 'name', 'commune_id']).where('commune_id', '=', await t.communeId('ndar-toute')).execute();
const ogpPlan = async () => forum().withTables<{ accountability_plans: { id: string; commune_id: string; kind: string } }>().selectFrom('accountability_plans').select('id').where('commune_id', '=', await t.communeId('ndar-toute')).where('kind', '=', 'ogp_action_plan').executeTakeFirstOrThrow();
const auditActions = async () => (await t.services.db.selectFrom('audit_log').select('action').where('action', 'like', 'accountability.forum.%').orderBy('created_at').execute()).map((a) => a.action);

describe('the public forum page and the plan’s checklist (demo seed)', () => {
  it('shows the rules, the gender and sector balance with counts and shares, meetings with minutes, attendance and decisions', async () => {
    const page = await t.request(null, 'GET', '/ndar-toute/forum');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Forum multi-acteurs OGP Local de Ndar Toute');
    expect(page.body).toContain('id="rules"');
    const gender = page.body.slice(page.body.indexOf('id="gender-balance"'), page.body.indexOf('id="sector-balance"'));
    expect(gender).toMatch(/Femme<\/th><td>4<\/td><td>50 %<\/td>/);
    expect(gender).toMatch(/Homme<\/th><td>4<\/td><td>50 %<\/td>/);
    expect(page.body).toMatch(/Société civile<\/th><td>4<\/td><td>50 %<\/td>/);
    expect(page.body).toContain('svg');
    expect(page.body).toContain('8 membre(s) présent(s) et 12 autre(s) participant(s)');
    expect(page.body).toContain('Le règlement du forum est adopté.');
    const upcoming = page.body.slice(page.body.indexOf('id="upcoming"'), page.body.indexOf('id="past"'));
    expect(upcoming).toContain('Revue à mi-parcours du plan d’action');
    expect(page.body).toContain('https://example.org/ndar-toute/ogp-local/aval-societe-civile.pdf');
  });

  it('the plans page links to the forum, and the OGP plan shows its checklist, honestly mixed, in words', async () => {
    expect((await t.request(null, 'GET', '/ndar-toute/plans')).body).toContain('href="/ndar-toute/forum"');
    const plan = await ogpPlan();
    const page = await t.request(null, 'GET', `/ndar-toute/plans/${plan.id}`);
    const section = page.body.slice(page.body.indexOf('id="ogp-compliance"'));
    expect(section).toContain('Conformité OGP Local');
    // The demo plan has one resident's comment still waiting for the commune's answer.
    expect(section).toContain('3 exigence(s) respectée(s) sur 6.');
    expect(section).toMatch(/data-rule="reasoned_response">[^]*?Non respecté[^]*?1 commentaire\(s\) sur 2 sans réponse\./);
    expect(section).toMatch(/data-rule="regular_meetings">[^]*?Non respecté — Le forum se réunit au moins tous les 6 mois/);
    expect(section).toMatch(/data-rule="information_before_meetings">[^]*?Non respecté[^]*?publié 3 jour\(s\) avant \(7 demandés\)/);
    expect(section).toMatch(/data-rule="endorsement">[^]*?Respecté — Le plan est avalisé par la société civile/);
    expect(section).toContain('au moins 7 jours avant chaque réunion');
    const detail = await t.request(null, 'GET', `/ndar-toute/plans/${plan.id}/compliance`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('id="plan-meetings"');
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/plans/${plan.id}/compliance`)).statusCode).toBe(404);
  });
});

describe('staff keep the forum’s record', () => {
  it('adds a member keeping refused input, records a meeting with attendance and a decision, and the public sees it', async () => {
    const refused = await t.request(staff, 'POST', `${admin}/members`, { name: 'Ndeye Mbaye', organisation: 'Collectif des pêcheurs', sector: 'civil_society', gender: 'female', joined_on: '2026-05-01', left_on: '2026-04-01' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Le départ doit être le jour de l’arrivée ou après.');
    expect(refused.body).toContain('value="Collectif des pêcheurs"');
    expect((await t.request(staff, 'POST', `${admin}/members`, { name: 'Ndeye Mbaye', organisation: 'Collectif des pêcheurs', sector: 'civil_society', gender: 'female', joined_on: '2026-05-01' })).statusCode).toBe(303);
    const members = await ndarMembers();
    const ndeye = members.find((m) => m.name === 'Ndeye Mbaye')!;
    const badMeeting = await t.request(staff, 'POST', `${admin}/meetings`, { starts_at: '2026-11-05T10:00', place: 'Salle Guet Ndar', minutes_url: 'javascript:alert(1)', present: [ndeye.id] });
    expect(badMeeting.statusCode).toBe(422);
    expect(badMeeting.body).toContain('value="Salle Guet Ndar"');
    expect(badMeeting.body).toMatch(new RegExp(`value="${ndeye.id}" checked`));
    const saved = await t.request(staff, 'POST', `${admin}/meetings`, { starts_at: '2026-11-05T10:00', place: 'Salle Guet Ndar', agenda: 'Pêche et plage', agenda_published_on: '2026-10-20', minutes_text: 'Le forum entend les pêcheurs.', other_attendees: '30', present: [ndeye.id, members[0]!.id] });
    expect(saved.statusCode).toBe(303);
    const meetingPath = String(saved.headers.location);
    expect((await t.request(staff, 'POST', `${meetingPath}/decisions`, { decision_text: '', follow_up: 'x' })).statusCode).toBe(422);
    expect((await t.request(staff, 'POST', `${meetingPath}/decisions`, { decision_text: 'Une réunion par trimestre avec les pêcheurs.' })).statusCode).toBe(303);
    const meetingId = meetingPath.split('/').pop()!;
    const page = await t.request(null, 'GET', '/ndar-toute/forum');
    const meeting = page.body.slice(page.body.indexOf(`id="meeting-${meetingId}"`));
    expect(meeting).toContain('2 membre(s) présent(s) et 30 autre(s) participant(s)');
    expect(meeting).toContain('Ndeye Mbaye');
    expect(meeting).toContain('Une réunion par trimestre avec les pêcheurs.');
    // A member who leaves stays in the history.
    expect((await t.request(staff, 'POST', `${admin}/members/${ndeye.id}`, { name: 'Ndeye Mbaye', organisation: 'Collectif des pêcheurs', sector: 'civil_society', gender: 'female', joined_on: '2026-05-01', left_on: '2026-11-10' })).statusCode).toBe(303);
    expect((await t.request(null, 'GET', '/ndar-toute/forum')).body).toMatch(/id="former-members">[^]*Ndeye Mbaye/);
    expect(await auditActions()).toEqual(['accountability.forum.member_added', 'accountability.forum.meeting_created', 'accountability.forum.decision_added', 'accountability.forum.member_updated']);
  });

  it('records an endorsement of the commune’s own plans only', async () => {
    const plan = await ogpPlan();
    expect((await t.request(staff, 'POST', `${admin}/endorsements`, { plan_id: '00000000-0000-4000-8000-000000000000', organisations: 'X', endorsed_on: '2026-03-01' })).statusCode).toBe(422);
    expect((await t.request(staff, 'POST', `${admin}/endorsements`, { plan_id: plan.id, organisations: 'Collectif des pêcheurs', endorsed_on: '2026-03-01' })).statusCode).toBe(303);
    expect((await auditActions()).at(-1)).toBe('accountability.forum.endorsement_added');
  });

  it('refuses a member of another commune in the attendance', async () => {
    const tiznit = 'tiznit-el-jadida:staff';
    expect((await t.request(tiznit, 'POST', '/tiznit-el-jadida/admin/forum', { name: 'Forum de Tiznit' })).statusCode).toBe(303);
    expect((await t.request(tiznit, 'POST', '/tiznit-el-jadida/admin/forum/members', { name: 'Fatima Zahra', sector: 'civil_society', gender: 'female' })).statusCode).toBe(303);
    const ndarMember = (await ndarMembers())[0]!;
    const before = await forum().selectFrom('accountability_forum_meetings').select('id').execute();
    const refused = await t.request(tiznit, 'POST', '/tiznit-el-jadida/admin/forum/meetings', { starts_at: '2026-11-01T10:00', present: [ndarMember.id] });
    expect(refused.statusCode).toBe(422);
    // Tiznit's pages are in Arabic.
    expect(refused.body).toContain('لا يمكن تسجيل حضور إلا لأعضاء هذا المنتدى.');
    expect(await forum().selectFrom('accountability_forum_meetings').select('id').execute()).toHaveLength(before.length);
  });

  it('keeps citizens out and staff of another commune off this forum', async () => {
    expect((await t.request('ndar-toute:citizen', 'GET', admin)).statusCode).toBe(403);
    expect((await t.request('ndar-toute:citizen', 'POST', `${admin}/members`, { name: 'X', sector: 'other', gender: 'male' })).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', admin, { name: 'Pris' })).statusCode).toBe(403);
    const member = (await ndarMembers())[0]!;
    const meeting = await forum().selectFrom('accountability_forum_meetings').select('id').where('commune_id', '=', await t.communeId('ndar-toute')).executeTakeFirstOrThrow();
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/forum/members/${member.id}`, { name: 'Pris', sector: 'other', gender: 'male' })).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/forum/meetings/${meeting.id}/decisions`, { decision_text: 'Pris' })).statusCode).toBe(404);
    expect((await ndarMembers()).find((m) => m.id === member.id)!.name).not.toBe('Pris');
    expect((await t.request(null, 'GET', '/ndar-toute/forum')).body).toContain('Forum multi-acteurs OGP Local de Ndar Toute');
  });

  it('opens the forum’s meetings and members as data, without contacts', async () => {
    const communeId = await t.communeId('ndar-toute');
    const [meetings, members] = await Promise.all(forumExports.map((e) => e.rows(t.services.db, communeId)));
    expect(meetings!.length).toBeGreaterThanOrEqual(3);
    expect(meetings![0]).toMatchObject({ members_present: 8, other_attendees: 12, decisions_count: 2 });
    expect(Object.keys(members![0]!).sort()).toEqual(['gender', 'joined_on', 'left_on', 'name', 'organisation', 'role', 'sector']);
  });

  it('shows hostile strings as inert text on the public and back-office pages', async () => {
    for (const [index, hostile] of hostileStrings.entries()) {
      const name = `${index} ${hostile.value}`.slice(0, 200);
      expect((await t.request(staff, 'POST', `${admin}/members`, { name, organisation: hostile.value.slice(0, 300), sector: 'other', gender: 'undisclosed', role: hostile.value.slice(0, 200) })).statusCode, hostile.name).toBe(303);
      const member = (await ndarMembers()).find((m) => m.name.startsWith(`${index} `))!;
      const meeting = await t.request(staff, 'POST', `${admin}/meetings`, { starts_at: `2026-10-${String(index + 1).padStart(2, '0')}T09:00`, place: hostile.value.slice(0, 300), agenda: hostile.value, minutes_text: hostile.value, present: member.id });
      expect(meeting.statusCode, hostile.name).toBe(303);
      expect((await t.request(staff, 'POST', `${String(meeting.headers.location)}/decisions`, { decision_text: hostile.value, follow_up: hostile.value.slice(0, 5000) })).statusCode).toBe(303);
      for (const [key, url] of [[null, '/ndar-toute/forum'], [staff, admin], [staff, String(meeting.headers.location)], [staff, `${admin}/members/${member.id}`]] as const) {
        const page = await t.request(key, 'GET', url);
        // The public page draws its two balance charts: any other <svg> would have come from the typed text.
        const ownCharts = key === null ? ['<svg> element', '<svg> element'] : [];
        expect(inertnessProblems(page.body), `${hostile.name} on ${url}`).toEqual(ownCharts);
        expect(visibleText(page.body), `${hostile.name} on ${url}`).toContain(hostile.probe.slice(0, 80));
      }
    }
  });
});
