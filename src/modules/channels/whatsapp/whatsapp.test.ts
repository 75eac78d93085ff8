import type { Kysely } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allModules } from '../../../app.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import type { QueueHandler } from '../../../platform/queue/job-queue.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { channelsDb } from '../db/tables.js';
import type { FetchLike } from '../providers/client.js';
import { whatsAppMediaHandler } from './media-job.js';
import { metaPayload, signMeta, whatsAppPhone, whatsAppTestEnv } from './whatsapp-test-helpers.js';

// Meta's media API, played by the test: media id → { url, mime_type, file_size }, then the bytes at that url.
const graphMedia = new Map<string, { mimeType: string; content: Buffer }>();
const graphCalls: { url: string; authorization: string | null }[] = [];
const fakeGraph: FetchLike = async (url, init) => {
  graphCalls.push({ url, authorization: new Headers(init?.headers).get('authorization') });
  const download = /^https:\/\/lookaside\.example\/(.+)$/.exec(url);
  if (download) return new Response(graphMedia.get(download[1]!)!.content);
  const id = decodeURIComponent(url.split('/').pop()!);
  const media = graphMedia.get(id);
  if (!media) return Response.json({ error: { code: 100, message: 'unknown media' } }, { status: 404 });
  return Response.json({ id, url: `https://lookaside.example/${id}`, mime_type: media.mimeType, file_size: media.content.length, messaging_product: 'whatsapp' });
};

let t: TestApp;
beforeAll(async () => {
  // Replies stay in the outbox (the provider sender has its own tests); the media job talks to a fake Graph API.
  const withFakeGraph = (handler: QueueHandler<PlatformServices>) => (handler.name === whatsAppMediaHandler().name ? whatsAppMediaHandler(fakeGraph) : handler);
  const modules = allModules.map((m) => (m.id === 'channels' ? { ...m, messageDelivery: undefined, queueHandlers: m.queueHandlers?.map(withFakeGraph) } : m));
  t = await createTestApp({ env: whatsAppTestEnv, modules });
});
afterAll(() => t.close());

const db = () => t.services.db as unknown as Kysely<any>;
const complaintsFrom = (phone: string) => db().selectFrom('requests').select(['id', 'reference', 'channel', 'description', 'photo_file_id']).where('reporter_phone', '=', phone).orderBy('created_at').execute();
const inboundOf = (phone: string) => channelsDb(t.services.db).selectFrom('channel_inbound_messages').select(['external_id', 'body', 'matched']).where('phone', '=', phone).orderBy('created_at').execute();
const bodies = async (phone: ReturnType<typeof whatsAppPhone>) => (await phone.replies()).map((r) => r.body);

/** Walks the complaint menu: report → first category → first neighbourhood → text; returns the confirmation screen. */
async function writeComplaint(phone: ReturnType<typeof whatsAppPhone>, text: string) {
  for (const step of ['MENU', '1', '1', '1', text]) expect(await phone.text(step)).toBe(200);
}

describe('the WhatsApp webhook', () => {
  it('answers Meta’s subscription check only with the commune’s verify token', async () => {
    const get = (slug: string, token: string) => t.app.inject({ method: 'GET', url: `/${slug}/channels/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444` });
    const ok = await get('ndar-toute', 'ndar-verify-token');
    expect([ok.statusCode, ok.body]).toEqual([200, '1158201444']);
    expect((await get('ndar-toute', 'tiznit-verify-token')).statusCode).toBe(403);
    expect((await get('ndar-toute', '')).statusCode).toBe(403);
  });

  it('refuses a missing, wrong or other commune’s signature, malformed and oversized bodies, and storing nothing', async () => {
    const phone = '+221770007701';
    const body = metaPayload({ messages: [{ from: phone.slice(1), id: 'wamid.REFUSED1', timestamp: '1764000000', type: 'text', text: { body: 'AIDE' } }] });
    const ndar = whatsAppPhone(t, 'ndar-toute', phone);
    expect(await ndar.post(body, null)).toBe(403);
    expect(await ndar.post(body, 'sha256=00')).toBe(403);
    expect(await ndar.post(body, signMeta('tiznit-app-secret', body))).toBe(403);
    expect(await whatsAppPhone(t, 'ndar-toute', phone, { appSecret: 'tiznit-app-secret' }).text('AIDE')).toBe(403);
    expect(await ndar.post('{"object":"whatsapp_business_account"')).toBe(400);
    expect(await ndar.post(JSON.stringify({ object: 'page', entry: [] }))).toBe(400);
    expect(await ndar.post(metaPayload({ messages: [{ from: phone.slice(1), id: 'wamid.BIG', timestamp: '1764000000', type: 'text', text: { body: 'x'.repeat(70_000) } }] }))).toBe(413);
    expect(await inboundOf(phone)).toEqual([]);
    expect(await ndar.replies()).toEqual([]);
    // Tiznit's own secret works on Tiznit's address only.
    expect(await whatsAppPhone(t, 'tiznit-el-jadida', phone).text('AIDE')).toBe(200);
    expect(await inboundOf(phone)).toHaveLength(1);
  });

  it('has no address for a commune without WhatsApp', async () => {
    const other = await createTestApp();
    try {
      const body = metaPayload({ messages: [] });
      const response = await other.app.inject({ method: 'POST', url: '/ndar-toute/channels/whatsapp', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMeta('ndar-app-secret', body) }, payload: body });
      expect(response.statusCode).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('stores and answers a redelivered message once', async () => {
    const phone = whatsAppPhone(t, 'ndar-toute', '+221770007702');
    expect(await phone.text('AIDE', 'wamid.TWICE')).toBe(200);
    expect(await phone.text('AIDE', 'wamid.TWICE')).toBe(200);
    expect(await phone.replies()).toEqual([{ purpose: 'channels.reply.help', body: expect.stringContaining('SUIVI') }]);
    expect(await inboundOf('+221770007702')).toEqual([{ external_id: 'wamid.TWICE', body: 'AIDE', matched: 'help' }]);
  });

  it('applies delivery receipts to the commune’s messages', async () => {
    const communeId = await t.communeId('ndar-toute');
    await channelsDb(t.services.db).insertInto('channel_deliveries').values({ commune_id: communeId, channel: 'whatsapp', provider: 'whatsapp', recipient: '+221770007703', purpose: 'channels.reply.menu', segments: 0, encoding: 'whatsapp', status: 'queued', external_id: 'wamid.SENT1' }).execute();
    const receipt = (status: string) => metaPayload({ statuses: [{ id: 'wamid.SENT1', status, timestamp: '1764000000', recipient_id: '221770007703' }] });
    const ndar = whatsAppPhone(t, 'ndar-toute', '+221770007703');
    expect(await ndar.post(receipt('delivered'))).toBe(200);
    expect(await ndar.post(receipt('sent'))).toBe(200);
    // Tiznit's (signed) receipt for Ndar's message changes nothing.
    expect(await whatsAppPhone(t, 'tiznit-el-jadida', '+221770007703').post(receipt('failed'))).toBe(200);
    const row = await channelsDb(t.services.db).selectFrom('channel_deliveries').select('status').where('external_id', '=', 'wamid.SENT1').executeTakeFirstOrThrow();
    expect(row.status).toBe('delivered');
  });
});

describe('a conversation on WhatsApp', () => {
  it('files a complaint through the USSD menu as text, with channel whatsapp, and follows it by keyword', async () => {
    const phone = whatsAppPhone(t, 'ndar-toute', '+221770007710');
    await writeComplaint(phone, 'Caniveau bouché rue 12');
    expect(await phone.tap('1', 'Envoyer')).toBe(200);
    const replies = await bodies(phone);
    expect(replies[0]).toMatch(/^Ndar Toute\n1 Signaler un problème/);
    expect(replies[1]).toMatch(/^Quel problème \?/);
    expect(replies[3]).toContain('Décrivez en quelques mots');
    expect(replies[4]).toContain('« Caniveau bouché rue 12 »');
    expect(replies[5]).toMatch(/^Plainte enregistrée : PL-\d{4}-\d{5}\..*\nVous pouvez envoyer une photo/s);
    expect((await phone.replies()).every((r) => r.purpose === 'channels.reply.menu')).toBe(true);
    const [filed] = await complaintsFrom('+221770007710');
    expect(filed).toMatchObject({ channel: 'whatsapp', description: 'Caniveau bouché rue 12' });
    expect(replies[5]).toContain(filed!.reference);

    // The menu ended: a number now opens it again; SUIVI answers at once.
    expect(await phone.text(`SUIVI ${filed!.reference}`)).toBe(200);
    expect((await phone.replies()).at(-1)).toEqual({ purpose: 'channels.reply.follow', body: expect.stringMatching(new RegExp(`^Palabre – ${filed!.reference} : .+\\.$`)) });
    expect(await complaintsFrom('+221770007710')).toHaveLength(1);
  });

  it('keeps free text for the staff when no menu is open, and says how to open it', async () => {
    const phone = whatsAppPhone(t, 'ndar-toute', '+221770007711');
    expect(await phone.text('Les ordures ne sont pas ramassées depuis une semaine à Sor')).toBe(200);
    expect(await phone.replies()).toEqual([{ purpose: 'channels.reply.kept', body: expect.stringContaining('Envoyez MENU') }]);
    expect(await inboundOf('+221770007711')).toEqual([{ external_id: expect.any(String), body: 'Les ordures ne sont pas ramassées depuis une semaine à Sor', matched: null }]);
    expect(await complaintsFrom('+221770007711')).toEqual([]);
    // A greeting opens the menu.
    expect(await phone.text('Bonjour !')).toBe(200);
    expect((await bodies(phone)).at(-1)).toMatch(/^Ndar Toute\n1 /);
  });

  it('starts again after 15 idle minutes, without guessing what a late answer meant', async () => {
    const number = '+221770007712';
    const phone = whatsAppPhone(t, 'ndar-toute', number);
    await writeComplaint(phone, 'Panne d’éclairage');
    await channelsDb(t.services.db).withTables<{ channel_conversations: { phone: string; updated_at: Date } }>().updateTable('channel_conversations').set({ updated_at: new Date(Date.now() - 16 * 60 * 1000) }).where('phone', '=', number).execute();
    expect(await phone.text('1')).toBe(200);
    expect((await bodies(phone)).at(-1)).toMatch(/^Votre session précédente a expiré.*\nNdar Toute\n1 Signaler/s);
    expect(await complaintsFrom(number)).toEqual([]);
  });
});

describe('photos by WhatsApp', () => {
  const photo = () => sharp({ create: { width: 16, height: 12, channels: 3, background: '#336699' } }).jpeg().toBuffer();

  it('attaches a photo sent just after filing, through the queue job with the commune’s token', async () => {
    const number = '+221770007720';
    const phone = whatsAppPhone(t, 'ndar-toute', number);
    await writeComplaint(phone, 'Nid-de-poule avenue Blaise Diagne');
    await phone.text('1');
    const [filed] = await complaintsFrom(number);
    graphMedia.set('MEDIA_AFTER', { mimeType: 'image/jpeg', content: await photo() });
    expect(await phone.media('MEDIA_AFTER', 'image/jpeg')).toBe(200);
    expect((await phone.replies()).at(-1)).toEqual({ purpose: 'channels.reply.photo', body: `Photo reçue, jointe à la plainte ${filed!.reference}.` });
    const [withPhoto] = await complaintsFrom(number);
    expect(withPhoto!.photo_file_id).toEqual(expect.any(String));
    expect(graphCalls.filter((c) => c.url.includes('MEDIA_AFTER'))).toEqual([
      { url: 'https://graph.facebook.com/v21.0/MEDIA_AFTER', authorization: 'Bearer ndar-access-token' },
      { url: 'https://lookaside.example/MEDIA_AFTER', authorization: 'Bearer ndar-access-token' },
    ]);
    expect((await inboundOf(number)).at(-1)).toMatchObject({ matched: 'photo' });
    // Staff see it on the complaint.
    const handling = await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/requests/${filed!.id}`);
    expect(handling.body).toContain(`<ul id="phone-attachments"><li><a href="/files/${withPhoto!.photo_file_id}">Fichier 1 (image/webp)</a></li></ul>`);
  });

  it('attaches a photo sent while the complaint is being written, once it is sent', async () => {
    const number = '+221770007721';
    const phone = whatsAppPhone(t, 'ndar-toute', number);
    for (const step of ['MENU', '1', '1']) await phone.text(step);
    graphMedia.set('MEDIA_DURING', { mimeType: 'image/png', content: await sharp({ create: { width: 8, height: 8, channels: 3, background: '#aa0000' } }).png().toBuffer() });
    await phone.media('MEDIA_DURING', 'image/png');
    expect((await bodies(phone)).at(-1)).toBe('Photo reçue : elle sera jointe à la plainte quand vous l’enverrez.');
    expect(graphCalls.some((c) => c.url.includes('MEDIA_DURING'))).toBe(false);
    await phone.text('1');
    await phone.text('Arbre tombé sur la route');
    await phone.text('1');
    const [filed] = await complaintsFrom(number);
    expect(filed!.photo_file_id).toEqual(expect.any(String));
    expect((await bodies(phone)).at(-1)).toBe(`Photo reçue, jointe à la plainte ${filed!.reference}.`);
  });

  it('refuses a file of another type, and keeps a photo with no complaint for the staff', async () => {
    const number = '+221770007722';
    const phone = whatsAppPhone(t, 'ndar-toute', number);
    expect(await phone.media('MEDIA_AUDIO', 'audio/ogg; codecs=opus')).toBe(200);
    expect((await phone.replies()).at(-1)).toMatchObject({ purpose: 'channels.reply.photo_refused', body: expect.stringContaining('JPEG, PNG, WebP') });
    graphMedia.set('MEDIA_ALONE', { mimeType: 'image/jpeg', content: await photo() });
    expect(await phone.media('MEDIA_ALONE', 'image/jpeg')).toBe(200);
    expect((await phone.replies()).at(-1)).toMatchObject({ purpose: 'channels.reply.kept', body: expect.stringContaining('un agent de la commune la verra') });
    expect(graphCalls.some((c) => c.url.includes('MEDIA_ALONE') || c.url.includes('MEDIA_AUDIO'))).toBe(false);
    expect((await inboundOf(number)).map((m) => m.matched)).toEqual([null, null]);

    // Meta says "image/jpeg" but the bytes are not a photo: refused by the job after download, nothing attached.
    await writeComplaint(phone, 'Fuite d’eau');
    await phone.text('1');
    graphMedia.set('MEDIA_FAKE', { mimeType: 'image/jpeg', content: Buffer.from('#!/bin/sh\necho not a photo') });
    await phone.media('MEDIA_FAKE', 'image/jpeg');
    expect((await phone.replies()).at(-1)).toMatchObject({ purpose: 'channels.reply.photo_refused' });
    const [filed] = await complaintsFrom(number);
    expect(filed!.photo_file_id).toBeNull();
  });
});
