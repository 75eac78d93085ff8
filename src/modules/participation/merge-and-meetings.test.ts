import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { postMultipart } from '../../test-support/multipart.js';
import { mergeProposal } from './commands/merge-commands.js';
import { participationExports } from './exports.js';
import { scoped } from './queries/participation-queries.js';

let t: TestApp;
let ndarId: string;
let consultationId: string;
let phaseId: string;
let meetingId: string;
const staff = 'ndar-toute:staff';

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  const inCommune = scoped(t.services.db, ndarId);
  consultationId = (await inCommune.selectFrom('consultations').select('id').executeTakeFirstOrThrow()).id;
  phaseId = (await inCommune.selectFrom('consultation_phases').select('id').where('consultation_id', '=', consultationId).orderBy('starts_on').executeTakeFirstOrThrow()).id;
  meetingId = (await inCommune.insertInto('consultation_meetings', { consultation_id: consultationId, starts_at: '2026-11-20T17:00:00Z', location: 'Maison des jeunes de Sor', agenda: 'Priorités', minutes: 'Compte rendu', attendance_women: 42, attendance_men: 31, attendance_youth: 25 }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const inNdar = () => scoped(t.services.db, ndarId);
const consultationPage = async () => (await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`)).body;
const channelFigure = (page: string, label: string) => Number(new RegExp(`${label}</th><td>(\\d+)</td>`).exec(page)?.[1] ?? 0);
const auditOf = async (id: string) => (await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', id).execute()).map((a) => a.action);

async function newProposal(title: string, authorKey = 'ndar-toute:citizen') {
  return (await inNdar().insertInto('proposals', { consultation_id: consultationId, phase_id: phaseId, author_id: t.users.get(authorKey)!, channel: 'web', title, body: '…' }).returning('id').executeTakeFirstOrThrow()).id;
}

async function newUsers(count: number, prefix: string): Promise<string[]> {
  const rows = await t.services.db.insertInto('users').values(Array.from({ length: count }, (_, i) => ({ phone_e164: `+2217${prefix}${String(i).padStart(5, '0')}`, display_name: `Soutien ${prefix}${i}` }))).returning('id').execute();
  return rows.map((r) => r.id);
}

const support = (proposalId: string, userIds: string[]) => inNdar().insertInto('proposal_supports', userIds.map((user_id) => ({ proposal_id: proposalId, user_id }))).execute();
const realSupports = async (id: string) => (await inNdar().selectFrom('proposal_supports').select('user_id').where('proposal_id', '=', id).execute()).length;
const storedCount = async (id: string) => (await inNdar().selectFrom('proposals').select('support_count').where('id', '=', id).executeTakeFirstOrThrow()).support_count;

describe('meeting photos', () => {
  it('staff add several photos with captions; the consultation page shows them small and lazy; audited', async () => {
    const red = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c00' } }).jpeg().toBuffer();
    const blue = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#00c' } }).png().toBuffer();
    const url = `/ndar-toute/admin/meetings/${meetingId}/photos`;
    const response = await postMultipart(t, staff, url, { caption_1: 'La salle pleine', caption_2: 'Le vote <à main levée>' }, { photo_1: { content: red, filename: 'salle.jpg', type: 'image/jpeg' }, photo_2: { content: blue, filename: 'vote.png', type: 'image/png' } });
    expect(response.statusCode).toBe(303);
    const page = await consultationPage();
    expect(page.match(/<img src="\/files\/[0-9a-f-]{36}" alt="La salle pleine" width="160" height="120" loading="lazy"\/>/)).toBeTruthy();
    expect(page).toContain('<figcaption>Le vote &lt;à main levée></figcaption>');
    const photos = await inNdar().selectFrom('consultation_meeting_photos').select('id').where('meeting_id', '=', meetingId).execute();
    expect(photos).toHaveLength(2);
    for (const photo of photos) expect(await auditOf(photo.id)).toEqual(['consultation.meeting_photo_added']);
  });

  it('refuse a file that is not an image, an empty form, citizens and other communes', async () => {
    const url = `/ndar-toute/admin/meetings/${meetingId}/photos`;
    expect((await postMultipart(t, staff, url, { caption_1: 'x' }, { photo_1: { content: Buffer.from('%PDF-1.4 not really'), filename: 'a.jpg', type: 'image/jpeg' } })).statusCode).toBe(422);
    expect((await postMultipart(t, staff, url, { caption_1: 'Sans fichier' })).statusCode).toBe(422);
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0c0' } }).png().toBuffer();
    expect((await postMultipart(t, 'ndar-toute:citizen', url, {}, { photo_1: { content: png, filename: 'a.png', type: 'image/png' } })).statusCode).toBe(403);
    expect((await postMultipart(t, 'tiznit-el-jadida:staff', `/tiznit-el-jadida/admin/meetings/${meetingId}/photos`, {}, { photo_1: { content: png, filename: 'a.png', type: 'image/png' } })).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `/tiznit-el-jadida/admin/meetings/${meetingId}`)).statusCode).toBe(404);
    expect(await inNdar().selectFrom('consultation_meeting_photos').select('id').where('meeting_id', '=', meetingId).execute()).toHaveLength(2);
  });
});

describe('proposals recorded at a meeting', () => {
  it('are authored by the recording staff member, on the meeting channel, counted in the figures but not as participants; audited', async () => {
    const before = await consultationPage();
    const participants = async () => (await inNdar().selectFrom('consultation_participants').select('participant_id').where('consultation_id', '=', consultationId).execute()).map((r) => r.participant_id);
    const participantsBefore = await participants();
    const url = `/ndar-toute/admin/meetings/${meetingId}/proposals`;
    const invalid = await t.request(staff, 'POST', url, { title: '', body: 'Dit par une habitante' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Dit par une habitante');
    expect((await t.request(staff, 'POST', url, { title: 'Catégorie inconnue', body: 'x', category: 'Inventée' })).statusCode).toBe(422);
    const recorded = await t.request(staff, 'POST', url, { title: 'Un terrain de basket à Diaminar', body: 'Demandé par les jeunes présents.', neighbourhood: 'Diaminar' });
    expect(recorded.statusCode).toBe(303);
    const proposal = await inNdar().selectFrom('proposals').selectAll().where('title', '=', 'Un terrain de basket à Diaminar').executeTakeFirstOrThrow();
    expect(proposal).toMatchObject({ channel: 'meeting', meeting_id: meetingId, author_id: t.users.get(staff), on_behalf_of: null });
    expect(await auditOf(proposal.id)).toEqual(['proposal.recorded_from_meeting']);
    expect((await t.request(null, 'GET', `/ndar-toute/proposals/${proposal.id}`)).body).toContain('Proposition issue de la réunion publique du 20 novembre 2026 à 17:00, Maison des jeunes de Sor');
    const after = await consultationPage();
    expect(channelFigure(after, 'Réunion publique')).toBe(channelFigure(before, 'Réunion publique') + 1);
    expect(channelFigure(after, 'Propositions')).toBe(channelFigure(before, 'Propositions') + 1);
    expect(await participants()).toEqual(participantsBefore);
    expect((await t.request(staff, 'GET', `/ndar-toute/admin/meetings/${meetingId}`)).body).toContain('Un terrain de basket à Diaminar');
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/meetings/${meetingId}/proposals`, { title: 'Intrus', body: 'x' })).statusCode).toBe(404);
    expect((await t.request('ndar-toute:citizen', 'POST', url, { title: 'Intrus', body: 'x' })).statusCode).toBe(403);
  });

  it('are counted, without personal data, in the meetings open-data export', async () => {
    const meetings = participationExports.find((e) => e.id === 'participation-meetings')!;
    const rows = await meetings.rows(t.services.db, ndarId);
    const row = rows.find((r) => r.id === meetingId)!;
    expect(row).toMatchObject({ location: 'Maison des jeunes de Sor', attendance_women: 42, attendance_men: 31, attendance_youth: 25, proposals_recorded: 1 });
    expect(Object.keys(row).sort()).toEqual(['agenda', 'attendance_men', 'attendance_women', 'attendance_youth', 'consultation_id', 'id', 'location', 'minutes', 'proposals_recorded', 'starts_at']);
    expect(await meetings.rows(t.services.db, await t.communeId('tiznit-el-jadida'))).toEqual([]);
    const proposals = await participationExports.find((e) => e.id === 'participation-proposals')!.rows(t.services.db, ndarId);
    expect(proposals.find((r) => r.title === 'Un terrain de basket à Diaminar')).toHaveProperty('category', null);
    expect(proposals.some((r) => r.category === 'Énergie')).toBe(true);
  });
});

describe('merging duplicates', () => {
  let kept: string;
  let duplicate: string;

  it('moves the supports, counting once whoever supported both, and keeps the counters exact', async () => {
    kept = await newProposal('Réparer la pompe du quartier', 'ndar-toute:citizen');
    duplicate = await newProposal('La pompe du quartier est cassée', 'ndar-toute:moderator');
    const [both, onlyDuplicate, onlyKept] = [await newUsers(3, '1'), await newUsers(4, '2'), await newUsers(2, '3')];
    await support(kept, [...both!, ...onlyKept!]);
    await support(duplicate, [...both!, ...onlyDuplicate!]);
    expect(await storedCount(kept)).toBe(5);
    expect(await storedCount(duplicate)).toBe(7);
    const before = await consultationPage();

    const merged = await t.request(staff, 'POST', `/ndar-toute/admin/proposals/${duplicate}/merge`, { into: kept });
    expect(merged.statusCode).toBe(303);
    expect(await storedCount(kept)).toBe(3 + 4 + 2);
    expect(await realSupports(kept)).toBe(9);
    expect(await storedCount(duplicate)).toBe(0);
    expect(await realSupports(duplicate)).toBe(0);
    expect((await inNdar().selectFrom('proposals').select('merged_into_id').where('id', '=', duplicate).executeTakeFirstOrThrow()).merged_into_id).toBe(kept);
    expect(await auditOf(duplicate)).toContain('proposal.merged');

    const after = await consultationPage();
    expect(channelFigure(after, 'Propositions')).toBe(channelFigure(before, 'Propositions') - 1);
    expect(channelFigure(after, 'Site web')).toBe(channelFigure(before, 'Site web') - 1);
    const listed = await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}?sort=supported`);
    expect(listed.body).toContain(`/ndar-toute/proposals/${kept}"`);
    expect(listed.body).not.toContain(`/ndar-toute/proposals/${duplicate}"`);
  });

  it('the duplicate’s page says where it went, with a link, and keeps its comments readable', async () => {
    await inNdar().insertInto('proposal_comments', { proposal_id: duplicate, author_id: t.users.get('ndar-toute:citizen')!, body: 'Toujours cassée ce matin.' }).execute();
    const page = (await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/proposals/${duplicate}`)).body;
    expect(page).toContain(`Cette proposition a été fusionnée avec</span> <a href="/ndar-toute/proposals/${kept}">« Réparer la pompe du quartier »</a>`);
    expect(page).toContain('Toujours cassée ce matin.');
    expect(page).not.toContain('/support"');
    expect(page).not.toContain('name="body"');
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${duplicate}/support`, {})).statusCode).toBe(409);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${duplicate}/comments`, { body: 'Encore ?' })).statusCode).toBe(409);
  });

  it('tells both authors in their inbox', async () => {
    for (const author of ['ndar-toute:citizen', 'ndar-toute:moderator']) {
      const inbox = (await t.request(author, 'GET', '/inbox')).body;
      expect(inbox, author).toContain('La proposition « La pompe du quartier est cassée » a été fusionnée avec « Réparer la pompe du quartier »');
    }
    const notified = await inNdar().selectFrom('participation_notifications').select('user_id').where('kind', '=', 'proposal_merged').where('proposal_id', '=', duplicate).execute();
    expect(notified.map((n) => n.user_id).sort()).toEqual([t.users.get('ndar-toute:citizen'), t.users.get('ndar-toute:moderator')].sort());
  });

  it('refuses itself, a merged target, a chain, another consultation and another commune', async () => {
    const third = await newProposal('Une pompe neuve pour le quartier');
    const merge = (from: string, into: string, who = staff, slug = 'ndar-toute') => t.request(who, 'POST', `/${slug}/admin/proposals/${from}/merge`, { into });
    expect((await merge(third, third)).statusCode).toBe(409);
    expect((await merge(third, duplicate)).statusCode).toBe(409);
    expect((await merge(duplicate, third)).statusCode).toBe(409);
    expect((await merge(kept, third)).statusCode).toBe(409);
    const other = await inNdar().insertInto('consultations', { title: JSON.stringify({ fr: 'Autre' }), description: '{}', subject_type: 'other', influence_level: 'inform', status: 'published', tags: '[]', neighbourhoods: '[]' }).returning('id').executeTakeFirstOrThrow();
    const otherPhase = await inNdar().insertInto('consultation_phases', { consultation_id: other.id, title: '{}', description: '{}', starts_on: '2026-01-01', ends_on: '2030-12-31', allows_proposals: true, allows_comments: true, allows_supports: true, allows_survey: false }).returning('id').executeTakeFirstOrThrow();
    const elsewhere = (await inNdar().insertInto('proposals', { consultation_id: other.id, phase_id: otherPhase.id, author_id: t.users.get('ndar-toute:citizen')!, channel: 'web', title: 'Ailleurs', body: '…' }).returning('id').executeTakeFirstOrThrow()).id;
    expect((await merge(third, elsewhere)).statusCode).toBe(409);
    const tiznitId = await t.communeId('tiznit-el-jadida');
    const tiznitProposal = (await scoped(t.services.db, tiznitId).selectFrom('proposals').select('id').executeTakeFirstOrThrow()).id;
    expect((await merge(third, tiznitProposal)).statusCode).toBe(404);
    expect((await merge(third, kept, 'tiznit-el-jadida:staff', 'tiznit-el-jadida')).statusCode).toBe(404);
    expect((await merge(third, kept, 'ndar-toute:citizen')).statusCode).toBe(403);
    await expect(mergeProposal(t.services.db, tiznitId, third, kept, { userId: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await inNdar().selectFrom('proposals').select('merged_into_id').where('id', '=', third).executeTakeFirstOrThrow()).merged_into_id).toBeNull();
    expect(await storedCount(kept)).toBe(9);
  });

  it('the admin page offers only proposals of the same consultation that are not merged', async () => {
    const page = (await t.request(staff, 'GET', `/ndar-toute/admin/proposals/${kept}`)).body;
    expect(page).toContain('Une pompe neuve pour le quartier');
    expect(page).not.toContain(`<option value="${duplicate}"`);
    expect(page).not.toContain('Ailleurs');
    expect((await t.request(staff, 'GET', `/ndar-toute/admin/proposals/${duplicate}`)).body).toContain('Cette proposition a été fusionnée avec');
  });
});
