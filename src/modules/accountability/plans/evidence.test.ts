import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { plansDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const staff = 'ndar-toute:staff';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const firstCommitment = () => plansDb(t.services.db).selectFrom('accountability_commitments').select(['id', 'plan_id']).where('number', '=', 1).executeTakeFirstOrThrow();
const evidenceOf = (commitmentId: string) => plansDb(t.services.db).selectFrom('accountability_evidence').selectAll().where('commitment_id', '=', commitmentId).orderBy('added_at').execute();

describe('evidence as uploaded documents and photos', () => {
  it('stores a PDF and a photo checked from their bytes, refuses anything else, and shows them on the public page', async () => {
    const c = await firstCommitment();
    const action = `/ndar-toute/admin/plans/${c.plan_id}/commitments/${c.id}/evidence`;
    const before = (await evidenceOf(c.id)).length;

    const fake = await postMultipart(t, staff, action, { evidence_title: 'Un faux PDF' }, { evidence_file: { content: Buffer.from('<html>not a pdf</html>'), filename: 'rapport.pdf', type: 'application/pdf' } });
    expect(fake.statusCode).toBe(422);
    expect(fake.body).toContain('Ce fichier n’est ni un PDF ni une photo JPEG, PNG ou WebP.');
    expect(fake.body).toContain('value="Un faux PDF"');
    const neither = await postMultipart(t, staff, action, { evidence_title: 'Rien' });
    expect(neither.statusCode).toBe(422);
    expect(neither.body).toContain('Donnez une adresse ou un fichier, l’un des deux.');
    const both = await postMultipart(t, staff, action, { evidence_title: 'Les deux', evidence_url: 'https://example.org/a.pdf' }, { evidence_file: { content: pdf, filename: 'a.pdf', type: 'application/pdf' } });
    expect(both.statusCode).toBe(422);
    expect(await evidenceOf(c.id)).toHaveLength(before);

    expect((await postMultipart(t, staff, action, { evidence_title: 'Procès-verbal de réception' }, { evidence_file: { content: pdf, filename: 'pv.pdf', type: 'application/pdf' } })).statusCode).toBe(303);
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c60' } }).jpeg().toBuffer();
    expect((await postMultipart(t, staff, action, { evidence_title: 'La borne-fontaine posée' }, { evidence_file: { content: photo, filename: 'borne.jpg', type: 'image/jpeg' } })).statusCode).toBe(303);
    expect((await postMultipart(t, 'tiznit-el-jadida:staff', action, { evidence_title: 'Intrus' }, { evidence_file: { content: pdf, filename: 'x.pdf', type: 'application/pdf' } })).statusCode).toBe(403);

    const added = (await evidenceOf(c.id)).slice(before);
    expect(added.map((e) => [e.kind, e.title, e.url])).toEqual([['document', 'Procès-verbal de réception', null], ['photo', 'La borne-fontaine posée', null]]);
    const page = await t.request(null, 'GET', `/ndar-toute/plans/${c.plan_id}/commitments/${c.id}`);
    expect(page.body).toContain(`href="/files/${added[0]!.file_id}"`);
    expect(page.body).toContain('Procès-verbal de réception</a><span class="muted"> (PDF)</span>');
    expect(page.body).toContain(' (photo)');
    const served = await t.request(null, 'GET', `/files/${added[1]!.file_id}`);
    expect(served.headers['content-type']).toBe('image/webp');
    const audited = await t.services.db.selectFrom('audit_log').select('details').where('action', '=', 'accountability.evidence.added').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(JSON.stringify(audited.details)).toContain('"kind":"photo"');
  });
});
