import { createHash, createPublicKey, verify } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allModules } from '../../app.js';
import { createTestApp, type TestApp, testCsrfToken } from '../../test-support/test-app.js';
import { multipartBody } from '../../test-support/multipart.js';
import { appendPublication, latestTreeHead } from './ledger.js';
import { merkleRoot, verifyConsistency, verifyInclusion } from './merkle.js';
import { ledgerKeys } from './signing-key.js';
import { LedgerVerificationError, verifyLedger } from './verify.js';

let t: TestApp;
let ndar: string;
let tiznit: string;
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const decision = 'Délibération n° 12 : adoption du budget primitif 2027.';

beforeAll(async () => {
  // Without the finances and budgeting modules, whose demo budgets and vote results would already be in the log:
  // these tests count from empty.
  t = await createTestApp({ modules: allModules.filter((module) => !['finances', 'budgeting'].includes(module.id)) });
  ndar = await t.communeId('ndar-toute');
  tiznit = await t.communeId('tiznit-el-jadida');
  const publish = (communeId: string, title: string, content: string) =>
    appendPublication(t.services.db, { communeId, kind: 'council.decision', title, contentSha256: sha(content), url: `/ndar-toute/decisions/${title.length}` }, t.services.config);
  for (let i = 0; i < 6; i++) await publish(ndar, `Décision ${i}`, `contenu ${i}`);
  await publish(ndar, 'Budget primitif 2027', decision);
  await publish(tiznit, 'Tiznit decision', 'only in tiznit');
});
afterAll(() => t.close());

const json = async (url: string) => {
  const response = await t.request(null, 'GET', url);
  return { status: response.statusCode, body: response.statusCode === 200 ? response.json() : null };
};
const buffers = (hashes: string[]) => hashes.map((h) => Buffer.from(h, 'hex'));

describe('appending publications', () => {
  it('numbers entries densely per commune and signs a head for every size', async () => {
    const seqs = await t.services.db.selectFrom('ledger_entries' as never).select('seq' as never).where('commune_id' as never, '=', ndar as never).orderBy('seq' as never).execute();
    expect(seqs.map((row) => (row as { seq: number }).seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect((await latestTreeHead(t.services.db, ndar))?.size).toBe(7);
    expect((await latestTreeHead(t.services.db, tiznit))?.size).toBe(1);
  });

  it('serialises concurrent appends to one commune', async () => {
    const communeId = await t.communeId('ndar-toute');
    const before = (await latestTreeHead(t.services.db, communeId))!.size;
    const appends = Array.from({ length: 4 }, (_, i) =>
      appendPublication(t.services.db, { communeId, kind: 'test.concurrent', title: `Parallel ${i}`, contentSha256: sha(`p${i}`), url: '/x' }, t.services.config),
    );
    const results = await Promise.all(appends);
    expect(results.map((r) => r.entry.seq).sort((a, b) => a - b)).toEqual([before, before + 1, before + 2, before + 3]);
    await expect(verifyLedger(t.services.db, ledgerKeys(t.services.config).publicKey)).resolves.toMatchObject({ communes: 2 });
  });

  it('refuses a content hash that is not 64 lower-case hex digits', async () => {
    await expect(appendPublication(t.services.db, { communeId: ndar, kind: 'x', title: 'x', contentSha256: 'ABC', url: '/x' }, t.services.config)).rejects.toThrow(/contentSha256/);
  });

  it('the database refuses to update or delete an entry or a head', async () => {
    await expect(sql`update ledger_entries set title = 'rewritten' where commune_id = ${ndar} and seq = 0`.execute(t.services.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_entries where commune_id = ${ndar}`.execute(t.services.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_tree_heads where commune_id = ${ndar}`.execute(t.services.db)).rejects.toThrow(/append-only/);
  });
});

describe('public endpoints', () => {
  it('publishes a signed tree head that verifies with the published public key', async () => {
    const { status, body } = await json('/ndar-toute/ledger/sth.json');
    expect(status).toBe(200);
    const pem = (await t.request(null, 'GET', '/ndar-toute/ledger/public-key.pem')).body;
    expect(pem).toContain('BEGIN PUBLIC KEY');
    expect(verify(null, Buffer.from(body.signed_message), createPublicKey(pem), Buffer.from(body.signature, 'base64'))).toBe(true);
    expect(body.signed_message).toContain(`\n${body.tree_size}\n${body.root_hash_base64}\n${body.timestamp}\n`);
    expect(Buffer.from(body.root_hash_base64, 'base64').toString('hex')).toBe(body.root_hash);
  });

  it('serves an entry with an inclusion proof against the latest head', async () => {
    const { body: head } = await json('/ndar-toute/ledger/sth.json');
    const { status, body } = await json('/ndar-toute/ledger/entries/6.json');
    expect(status).toBe(200);
    expect(body.title).toBe('Budget primitif 2027');
    expect(body.tree_size).toBe(head.tree_size);
    const leaf = createHash('sha256').update(Buffer.from([0])).update(body.leaf_data, 'utf8').digest();
    expect(leaf.toString('hex')).toBe(body.leaf_hash);
    expect(verifyInclusion(leaf, 6, head.tree_size, buffers(body.inclusion_proof), Buffer.from(head.root_hash, 'hex'))).toBe(true);
  });

  it('serves consistency proofs between two signed sizes', async () => {
    const { status, body } = await json('/ndar-toute/ledger/consistency.json?first=3&second=7');
    expect(status).toBe(200);
    expect(verifyConsistency(3, 7, Buffer.from(body.first_root_hash, 'hex'), Buffer.from(body.second_root_hash, 'hex'), buffers(body.consistency_proof))).toBe(true);
    expect((await json('/ndar-toute/ledger/consistency.json?first=5&second=3')).status).toBe(400);
    expect((await json('/ndar-toute/ledger/consistency.json?first=1&second=9999')).status).toBe(404);
  });

  it('keeps communes apart: no entry of another commune, no head for an empty log', async () => {
    expect((await json('/tiznit-el-jadida/ledger/entries/3.json')).status).toBe(404);
    expect((await json('/tiznit-el-jadida/ledger/entries/0.json')).body.title).toBe('Tiznit decision');
    const page = await t.request(null, 'GET', '/tiznit-el-jadida/ledger');
    expect(page.body).not.toContain('Budget primitif 2027');
    expect((await json('/ndar-toute/ledger/entries/abc.json')).status).toBe(404);
  });

  it('shows an empty log as such, with no signed head yet', async () => {
    await t.services.db
      .insertInto('communes')
      .values({ slug: 'sans-registre', name: JSON.stringify({ fr: 'Sans registre' }), country: 'SN', region: JSON.stringify({ fr: 'Test' }), default_locale: 'fr', enabled_locales: JSON.stringify(['fr']), time_zone: 'Africa/Dakar', currency: 'XOF', contact: '{}', enabled_modules: JSON.stringify(['commune']) })
      .execute();
    expect((await json('/sans-registre/ledger/sth.json')).status).toBe(404);
    const page = await t.request(null, 'GET', '/sans-registre/ledger');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rien n&#39;a encore été inscrit.');
  });
});

describe('the "was this published?" page', () => {
  it('lists recent entries and finds a pasted text, a pasted hash and an uploaded file', async () => {
    const page = await t.request(null, 'GET', '/ndar-toute/ledger');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Budget primitif 2027');
    expect(page.body).toContain('enctype="multipart/form-data"');

    const byText = await t.request(null, 'POST', '/ndar-toute/ledger/check', { text: decision });
    expect(byText.body).toContain('n° 6');
    const byHash = await t.request(null, 'POST', '/ndar-toute/ledger/check', { text: sha(decision).toUpperCase() });
    expect(byHash.body).toContain('n° 6');
    const upload = multipartBody({}, { file: { content: Buffer.from(decision), filename: 'decision.txt', type: 'text/plain' } });
    const byFile = await t.app.inject({ method: 'POST', url: `/ndar-toute/ledger/check?_csrf=${testCsrfToken}`, payload: upload.payload, headers: { 'content-type': upload.contentType, cookie: await t.cookiesFor(null) } });
    expect(byFile.statusCode).toBe(200);
    expect(byFile.body).toContain('n° 6');
    expect(byFile.body).toContain(sha(decision));
  });

  it('says when a document was not published, and asks again when nothing was given', async () => {
    const absent = await t.request(null, 'POST', '/ndar-toute/ledger/check', { text: 'Un texte jamais publié' });
    expect(absent.body).toContain('n&#39;a pas été inscrit');
    const elsewhere = await t.request(null, 'POST', '/tiznit-el-jadida/ledger/check', { text: decision });
    expect(elsewhere.body).not.toContain('Budget primitif 2027');
    const empty = await t.request(null, 'POST', '/ndar-toute/ledger/check', { text: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('text-error');
  });

  it('refuses a check without the CSRF token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/ndar-toute/ledger/check', payload: { text: decision }, headers: { cookie: await t.cookiesFor(null) } });
    expect(response.statusCode).toBe(403);
  });
});

describe('the verifier', () => {
  const publicKey = () => ledgerKeys(t.services.config).publicKey;
  // Tampering needs the trigger off, as an operator with table-owner rights could do; the verifier must still see it.
  const tamper = async (statement: ReturnType<typeof sql>) => {
    await sql`alter table ledger_entries disable trigger ledger_entries_append_only`.execute(t.services.db);
    try {
      await statement.execute(t.services.db);
    } finally {
      await sql`alter table ledger_entries enable trigger ledger_entries_append_only`.execute(t.services.db);
    }
  };

  it('accepts the untouched log, and a root recomputed by hand matches the head', async () => {
    const report = await verifyLedger(t.services.db, publicKey());
    expect(report.entries).toBeGreaterThanOrEqual(8);
    const rows = await sql<{ leaf_hash: string }>`select leaf_hash from ledger_entries where commune_id = ${tiznit} order by seq`.execute(t.services.db);
    expect(merkleRoot(rows.rows.map((r) => Buffer.from(r.leaf_hash, 'hex'))).toString('hex')).toBe((await latestTreeHead(t.services.db, tiznit))!.root_hash);
  });

  it('rejects heads signed by another key', async () => {
    const other = ledgerKeys({ env: 'test', dataDir: `${t.services.config.dataDir}/other`, ledgerSigningKey: undefined }).publicKey;
    await expect(verifyLedger(t.services.db, other)).rejects.toThrow(/bad signature/);
  });

  it('detects an altered stored row', async () => {
    await tamper(sql`update ledger_entries set title = 'Budget primitif 2027 (falsifié)' where commune_id = ${ndar} and seq = 6`);
    await expect(verifyLedger(t.services.db, publicKey())).rejects.toThrow(LedgerVerificationError);
    await expect(verifyLedger(t.services.db, publicKey())).rejects.toThrow(/entry 6: stored fields do not hash/);
    await tamper(sql`update ledger_entries set title = 'Budget primitif 2027' where commune_id = ${ndar} and seq = 6`);
    await expect(verifyLedger(t.services.db, publicKey())).resolves.toBeDefined();
  });

  it('detects a rewritten leaf hash and a deleted entry', async () => {
    const original = (await sql<{ leaf_hash: string }>`select leaf_hash from ledger_entries where commune_id = ${ndar} and seq = 0`.execute(t.services.db)).rows[0]!.leaf_hash;
    await tamper(sql`update ledger_entries set leaf_hash = ${sha('forged')} where commune_id = ${ndar} and seq = 0`);
    await expect(verifyLedger(t.services.db, publicKey())).rejects.toThrow(/entry 0: stored fields do not hash/);
    await tamper(sql`update ledger_entries set leaf_hash = ${original} where commune_id = ${ndar} and seq = 0`);
    await tamper(sql`delete from ledger_entries where commune_id = ${ndar} and seq = 2`);
    await expect(verifyLedger(t.services.db, publicKey())).rejects.toThrow(/seq 3 found where seq 2/);
  });
});
