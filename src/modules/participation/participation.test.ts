import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { submitProposal, supportProposal } from './commands/proposal-commands.js';
import { consultationPageData } from './queries/consultation-page.js';
import { participationDb, scoped } from './queries/participation-queries.js';

let t: TestApp;
let ndarId: string;
let consultationId: string;
let proposalId: string;

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  const consultation = await scoped(t.services.db, ndarId).selectFrom('consultations').select('id').executeTakeFirstOrThrow();
  consultationId = consultation.id;
  proposalId = (await scoped(t.services.db, ndarId).selectFrom('proposals').select('id').where('consultation_id', '=', consultationId).orderBy('created_at').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const supportsOf = async (id: string) => (await scoped(t.services.db, ndarId).selectFrom('proposal_supports').select('user_id').where('proposal_id', '=', id).execute()).length;

describe('consultation pages', () => {
  it('show the phases, the open one, the declared influence level and the proposals', async () => {
    const page = await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('aria-current="step"');
    expect(page.body).toContain('Niveau d&#39;influence : Consulter');
    expect(page.body).toContain('Éclairage solaire sur la route de la Corniche');
    expect((await t.request(null, 'GET', '/ndar-toute/consultations')).body).toContain(consultationId);
  });

  it('count each participant once across proposals, supports and comments, by gender and age band', async () => {
    const statsNow = async () => (await consultationPageData(t.services.db, ndarId, consultationId))!.stats;
    const before = await statsNow();
    const newcomer = await t.services.db.insertInto('users').values({ display_name: 'Awa Fall', phone_e164: '+221765550101', gender: 'female', age_band: '15-24' }).returning('id').executeTakeFirstOrThrow();
    t.users.set('ndar-toute:newcomer:citizen', newcomer.id);
    await t.request('ndar-toute:newcomer:citizen', 'POST', `/ndar-toute/proposals/${proposalId}/support`, {});
    await t.request('ndar-toute:newcomer:citizen', 'POST', `/ndar-toute/proposals/${proposalId}/comments`, { body: 'Je soutiens, avec un éclairage solaire.' });
    const after = await statsNow();
    expect(after.participants).toBe(before.participants + 1);
    expect(after.comments).toBe(before.comments + 1);
    const young = (stats: typeof before) => stats.participantsByAgeBand.find((row) => row.ageBand === '15-24')?.count ?? 0;
    expect(young(after)).toBe(young(before) + 1);
    const page = await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`);
    expect(page.body).toContain('Participants de 15-24 ans');
    await t.request('ndar-toute:newcomer:citizen', 'POST', `/ndar-toute/proposals/${proposalId}/withdraw-support`, {});
  });

  it('keep drafts private and other communes out', async () => {
    const tiznit = await t.communeId('tiznit-el-jadida');
    const draft = await scoped(t.services.db, tiznit).insertInto('consultations', { title: JSON.stringify({ ar: 'مسودة' }), description: '{}', subject_type: 'other', influence_level: 'inform', tags: '[]', neighbourhoods: '[]' }).returning('id').executeTakeFirstOrThrow();
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/consultations/${draft.id}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/consultations/${consultationId}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/proposals/${proposalId}`)).statusCode).toBe(404);
  });
});

describe('proposals', () => {
  it('a signed-in citizen submits a proposal in the open phase; invalid input keeps what was typed', async () => {
    const invalid = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/consultations/${consultationId}/proposals`, { title: '', body: 'Sans titre' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Sans titre');
    const created = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/consultations/${consultationId}/proposals`, { title: 'Des bancs à la plage de Guet Ndar', body: '<script>alert(1)</script>\n\nPour les **aînés**. [Voir](javascript:alert(2)) [Plan](https://example.org/plan)', neighbourhood: 'Guet Ndar' });
    expect(created.statusCode).toBe(303);
    const page = await t.request(null, 'GET', created.headers.location as string);
    expect(page.body).toContain('Des bancs à la plage de Guet Ndar');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    // The safe Markdown subset: emphasis and http(s) links become markup, a javascript: link stays text.
    expect(page.body).toContain('<strong>aînés</strong>');
    expect(page.body).toContain('<a href="https://example.org/plan" rel="nofollow ugc noopener">Plan</a>');
    expect(page.body).not.toContain('javascript:');
  });

  it('are refused when the open phase does not allow them', async () => {
    await scoped(t.services.db, ndarId).updateTable('consultation_phases').set({ allows_proposals: false }).where('consultation_id', '=', consultationId).execute();
    const refused = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/consultations/${consultationId}/proposals`, { title: 'Trop tard', body: 'Phase fermée' });
    expect(refused.statusCode).toBe(409);
    await scoped(t.services.db, ndarId).updateTable('consultation_phases').set({ allows_proposals: true }).where('consultation_id', '=', consultationId).where('starts_on', '<=', new Date().toISOString().slice(0, 10)).execute();
  });

  it('entered by a mediator for an assisted participant are marked as such', async () => {
    const participant = await scoped(t.services.db, ndarId).insertInto('assisted_participants', { full_name: 'Yacine Mbaye', consent_method: 'oral', consent_at: new Date(), registered_by: t.users.get('ndar-toute:mediator')! }).returning('id').executeTakeFirstOrThrow();
    const commune = { id: ndarId, time_zone: 'Africa/Dakar' };
    const created = await submitProposal(t.services.db, commune, consultationId, { title: 'Une fontaine au marché', body: 'Dit en réunion de quartier.', authorId: t.users.get('ndar-toute:mediator')!, onBehalfOf: participant.id });
    const row = await scoped(t.services.db, ndarId).selectFrom('proposals').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'mediator', on_behalf_of: participant.id });
  });
});

describe('supports', () => {
  it('count once per person even under 50 concurrent attempts, and can be withdrawn', async () => {
    const commune = { id: ndarId, time_zone: 'Africa/Dakar' };
    const proposal = { id: proposalId, consultation_id: consultationId };
    const before = await supportsOf(proposalId);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => supportProposal(t.services.db, commune, proposal, t.users.get('ndar-toute:staff')!)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await supportsOf(proposalId)).toBe(before + 1);
    await supportProposal(t.services.db, commune, proposal, t.users.get('ndar-toute:staff')!, true);
    expect(await supportsOf(proposalId)).toBe(before);
  });

  it('through the pages: support then withdraw', async () => {
    const before = await supportsOf(proposalId);
    expect((await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/proposals/${proposalId}/support`, {})).statusCode).toBe(303);
    expect((await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/proposals/${proposalId}/support`, {})).statusCode).toBe(303);
    expect(await supportsOf(proposalId)).toBe(before + 1);
    expect((await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/proposals/${proposalId}/withdraw-support`, {})).statusCode).toBe(303);
    expect(await supportsOf(proposalId)).toBe(before);
    expect((await t.request(null, 'POST', `/ndar-toute/proposals/${proposalId}/support`, {})).statusCode).toBe(401);
  });
});

describe('official answers', () => {
  it('staff answer with a reason shown publicly; the answer is audited; other communes cannot', async () => {
    const foreign = await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/proposals/${proposalId}/answer`, { answer: 'not_retained', reason: 'Piraterie' });
    expect(foreign.statusCode).toBe(404);
    const answered = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/proposals/${proposalId}/answer`, { answer: 'partially_accepted', reason: 'Dix lampadaires seront posés en 2027.' });
    expect(answered.statusCode).toBe(303);
    const page = await t.request(null, 'GET', `/ndar-toute/proposals/${proposalId}`);
    expect(page.body).toContain('Retenue en partie');
    expect(page.body).toContain('Dix lampadaires seront posés en 2027.');
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', proposalId).execute();
    expect(audit.map((a) => a.action)).toContain('proposal.answered');
  });
});

describe('consultation back-office', () => {
  it('staff create a consultation and add a phase; citizens cannot', async () => {
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/admin/consultations')).statusCode).toBe(403);
    const created = await t.request('ndar-toute:staff', 'POST', '/ndar-toute/admin/consultations', { title_fr: 'Budget 2027', subject_type: 'budget', influence_level: 'involve', status: 'published', tags: 'budget, 2027' });
    expect(created.statusCode).toBe(303);
    const url = created.headers.location as string;
    const id = url.split('/').pop()!;
    const phase = await t.request('ndar-toute:staff', 'POST', `${url}/phases`, { phase_title_fr: 'Idées', starts_on: '2026-01-01', ends_on: '2030-12-31', allows_proposals: 'on' });
    expect(phase.statusCode).toBe(303);
    const reversed = await t.request('ndar-toute:staff', 'POST', `${url}/phases`, { phase_title_fr: 'Mauvaise', starts_on: '2027-02-01', ends_on: '2027-01-01' });
    expect(reversed.statusCode).toBe(422);
    const page = await t.request(null, 'GET', `/ndar-toute/consultations/${id}`);
    expect(page.body).toContain('Budget 2027');
    expect(page.body).toContain('Impliquer');
  });
});

describe('proposal lists at scale', () => {
  it('keep the support counter exact through supports and withdrawals, and page with a keyset cursor', async () => {
    const inCommune = scoped(t.services.db, ndarId);
    const phase = await inCommune.selectFrom('consultation_phases').select('id').where('consultation_id', '=', consultationId).orderBy('starts_on').executeTakeFirstOrThrow();
    const author = t.users.get('ndar-toute:citizen')!;
    await inCommune.insertInto('proposals', Array.from({ length: 45 }, (_, i) => ({ consultation_id: consultationId, phase_id: phase.id, author_id: author, channel: 'web' as const, title: `Idée ${String(i).padStart(2, '0')}`, body: '…' }))).execute();
    const seen = new Set<string>();
    let url: string | null = `/ndar-toute/consultations/${consultationId}?sort=newest`;
    let pages = 0;
    while (url && pages < 10) {
      const page = await t.request(null, 'GET', url);
      for (const match of page.body.matchAll(/href="\/ndar-toute\/proposals\/([0-9a-f-]{36})"/g)) seen.add(match[1]!);
      const next = /class="pagination"[^>]*><a href="([^"]+)"/.exec(page.body)?.[1];
      url = next ? next.replace(/&amp;/g, '&') : null;
      pages += 1;
    }
    const total = (await inCommune.selectFrom('proposals').select('id').where('consultation_id', '=', consultationId).execute()).length;
    expect(seen.size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 20));
    const counted = await inCommune.selectFrom('proposals').select(['support_count', (eb) => eb.selectFrom('proposal_supports').select(eb.fn.countAll<number>().as('n')).whereRef('proposal_supports.proposal_id', '=', 'proposals.id').as('real')]).execute();
    for (const row of counted) expect(row.support_count).toBe(Number(row.real));
  });
});

describe('proposal filters and random order', () => {
  const idsOn = (body: string) => [...body.matchAll(/href="\/ndar-toute\/proposals\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);

  async function pageThrough(query: string): Promise<string[]> {
    const ids: string[] = [];
    let url: string | null = `/ndar-toute/consultations/${consultationId}?${query}`;
    for (let pages = 0; url && pages < 10; pages++) {
      const page = await t.request(null, 'GET', url);
      ids.push(...idsOn(page.body));
      const next = /class="pagination"[^>]*><a href="([^"]+)"/.exec(page.body)?.[1];
      url = next ? next.replace(/&amp;/g, '&') : null;
    }
    return ids;
  }

  it('filter by neighbourhood and by answer status', async () => {
    const corniche = await pageThrough('sort=newest&neighbourhood=Corniche');
    const inCorniche = await scoped(t.services.db, ndarId).selectFrom('proposals').select('id').where('neighbourhood', '=', 'Corniche').execute();
    expect(new Set(corniche)).toEqual(new Set(inCorniche.map((r) => r.id)));
    const awaiting = await pageThrough('sort=newest&answer=awaiting');
    const answered = await scoped(t.services.db, ndarId).selectFrom('proposals').select('id').where('answer', 'is not', null).execute();
    for (const row of answered) expect(awaiting).not.toContain(row.id);
  });

  it('a random order is stable for a seed, visits every proposal once, and changes with the seed', async () => {
    const proposals = await scoped(t.services.db, ndarId).selectFrom('proposals').select('id').where('consultation_id', '=', consultationId).orderBy('id').execute();
    const total = proposals.length;
    // Ranks spread evenly, so the seeds "abc" and "xyz" (pivots 980,948,672 and 906,542,241) start at different proposals.
    for (const [index, { id }] of proposals.entries()) await participationDb(t.services.db).updateTable('proposals').set({ random_rank: index * 40_000_000 }).where('id', '=', id).execute();
    const first = await pageThrough('sort=random&seed=abc');
    expect(first).toHaveLength(total);
    expect(new Set(first).size).toBe(total);
    expect(await pageThrough('sort=random&seed=abc')).toEqual(first);
    expect(await pageThrough('sort=random&seed=xyz')).not.toEqual(first);
  });
});

describe('inbox', () => {
  it('tells the author when the commune answers, only them, and marks as read', async () => {
    const author = 'ndar-toute:citizen';
    const own = await scoped(t.services.db, ndarId).selectFrom('proposals').select(['id', 'title']).where('author_id', '=', t.users.get(author)!).where('answer', 'is', null).orderBy('created_at').executeTakeFirstOrThrow();
    expect((await t.request(author, 'GET', '/inbox')).body).not.toContain(own.title);
    await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/proposals/${own.id}/answer`, { answer: 'already_planned', reason: 'Inscrit au budget 2027.' });
    const inbox = await t.request(author, 'GET', '/inbox');
    expect(inbox.body).toContain(own.title);
    expect(inbox.body).toContain('Déjà prévue');
    expect(inbox.body).toContain('href="/inbox"');
    expect((await t.request('ndar-toute:moderator', 'GET', '/inbox')).body).not.toContain(own.title);
    expect((await t.request(null, 'GET', '/inbox')).statusCode).toBe(303);
    expect((await t.request(author, 'POST', '/inbox/read', {})).statusCode).toBe(303);
    expect((await t.request(author, 'GET', '/inbox')).body).not.toContain('badge-warning');
  });
});

describe('public meetings', () => {
  it('staff record a meeting with minutes and attendance; it appears on the consultation page', async () => {
    const url = `/ndar-toute/admin/consultations/${consultationId}/meetings`;
    const invalid = await t.request('ndar-toute:staff', 'POST', url, { starts_at: '', location: 'Maison des jeunes', attendance_women: '-3' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('value="Maison des jeunes"');
    const recorded = await t.request('ndar-toute:staff', 'POST', url, { starts_at: '2026-11-20T17:00', location: 'Maison des jeunes de Sor', agenda: 'Priorités du quartier', minutes: 'Trois propositions retenues pour le dépôt.', attendance_women: '42', attendance_men: '31', attendance_youth: '25' });
    expect(recorded.statusCode).toBe(303);
    const page = await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`);
    expect(page.body).toContain('Maison des jeunes de Sor');
    expect(page.body).toContain('42 femmes');
    expect(page.body).toContain('Trois propositions retenues');
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/consultations/${consultationId}/meetings`, { starts_at: '2026-11-20T17:00', location: 'x' })).statusCode).toBe(404);
  });
});
