import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { scoped } from '../queries/participation-queries.js';

let t: TestApp;
let ndarId: string;
let consultationId: string;

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  consultationId = (await scoped(t.services.db, ndarId).selectFrom('consultations').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const image = async () => ({ content: await sharp({ create: { width: 40, height: 20, channels: 3, background: '#3a7' } }).png().toBuffer(), filename: 'quartier.png', type: 'image/png' });
const imageUrl = (slug = 'ndar-toute') => `/${slug}/admin/consultations/${consultationId}/image`;
const stored = async () => (await scoped(t.services.db, ndarId).selectFrom('consultations').select('image_file_id').where('id', '=', consultationId).executeTakeFirstOrThrow()).image_file_id;

describe('a consultation’s image', () => {
  it('staff set it, the page shows it with its size, staff remove it; each change is audited', async () => {
    expect((await postMultipart(t, 'ndar-toute:staff', imageUrl(), {}, { image: await image() })).statusCode).toBe(303);
    const fileId = await stored();
    expect(fileId).toMatch(/^[0-9a-f-]{36}$/);
    const page = await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`);
    expect(page.body).toContain(`<img class="consultation-image" src="/files/${fileId}" alt="" width="40" height="20"/>`);
    expect((await postMultipart(t, 'ndar-toute:staff', imageUrl(), { remove: '1' })).statusCode).toBe(303);
    expect(await stored()).toBeNull();
    const actions = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', consultationId).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['consultation.image_set', 'consultation.image_removed']));
  });

  it('refuses a file that is not an image, citizens, and other communes', async () => {
    expect((await postMultipart(t, 'ndar-toute:staff', imageUrl(), {}, { image: { content: Buffer.from('not an image'), filename: 'x.png', type: 'image/png' } })).statusCode).toBe(415);
    expect((await postMultipart(t, 'ndar-toute:citizen', imageUrl(), {}, { image: await image() })).statusCode).toBe(403);
    expect((await postMultipart(t, 'tiznit-el-jadida:staff', imageUrl('tiznit-el-jadida'), {}, { image: await image() })).statusCode).toBe(404);
    expect(await stored()).toBeNull();
  });
});
