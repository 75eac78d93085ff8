import type { Kysely } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { attachPhoneMedia, phoneAttachments } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const db = () => t.services.db as unknown as Kysely<any>;
const complaintOf = async (slug: string) =>
  db().selectFrom('requests').select(['id', 'reference', 'photo_file_id']).where('commune_id', '=', await t.communeId(slug)).where('kind', '=', 'complaint').where('photo_file_id', 'is', null).orderBy('created_at').executeTakeFirstOrThrow();

describe('files attached to a complaint from a phone', () => {
  it('stores a photo once per provider id, makes the first one the complaint’s photo, and keeps later ones as attachments', async () => {
    const ndar = await t.communeId('ndar-toute');
    const complaint = await complaintOf('ndar-toute');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#aa3300' } }).png().toBuffer();
    const first = await attachPhoneMedia(t.services, ndar, complaint.reference, { content: png, filename: 'whatsapp.png', channel: 'whatsapp', sourceId: 'media-1' });
    expect(first).toEqual({ fileId: expect.any(String) });
    expect(await attachPhoneMedia(t.services, ndar, complaint.reference, { content: png, filename: 'whatsapp.png', channel: 'whatsapp', sourceId: 'media-1' })).toEqual(first);
    const second = await attachPhoneMedia(t.services, ndar, complaint.reference, { content: png, filename: 'again.png', channel: 'whatsapp', sourceId: 'media-2' });
    const after = await db().selectFrom('requests').select('photo_file_id').where('id', '=', complaint.id).executeTakeFirstOrThrow();
    expect(after.photo_file_id).toBe(first!.fileId);
    expect(await phoneAttachments(t.services.db, ndar, complaint.id)).toEqual([{ fileId: first!.fileId, channel: 'whatsapp', mediaType: 'image/webp' }, { fileId: second!.fileId, channel: 'whatsapp', mediaType: 'image/webp' }]);
    const file = await db().selectFrom('stored_files').select(['media_type', 'commune_id']).where('id', '=', first!.fileId).executeTakeFirstOrThrow();
    expect(file).toEqual({ media_type: 'image/webp', commune_id: ndar });
  });

  it('refuses other file types, and another commune’s reference', async () => {
    const ndar = await t.communeId('ndar-toute');
    const tiznitComplaint = await complaintOf('tiznit-el-jadida');
    const text = Buffer.from('not a photo at all');
    await expect(attachPhoneMedia(t.services, ndar, (await complaintOf('ndar-toute')).reference, { content: text, filename: 'x.txt', channel: 'whatsapp', sourceId: 'media-3' })).rejects.toSatisfy((error) => error instanceof AppError && error.code === 'UNSUPPORTED_FILE_TYPE');
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000000' } }).png().toBuffer();
    expect(await attachPhoneMedia(t.services, ndar, 'PL-1999-99999', { content: png, filename: 'x.png', channel: 'whatsapp', sourceId: 'media-4' })).toBeNull();
    // References are numbered per commune: the same reference in Ndar Toute is Ndar Toute's complaint, never Tiznit's.
    await attachPhoneMedia(t.services, ndar, tiznitComplaint.reference, { content: png, filename: 'x.png', channel: 'whatsapp', sourceId: 'media-5' });
    expect(await phoneAttachments(t.services.db, await t.communeId('tiznit-el-jadida'), tiznitComplaint.id)).toEqual([]);
  });
});
