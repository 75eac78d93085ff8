import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { callbackToken } from '../callback-token.js';
import { smsCost } from '../sms/segments.js';
import { broadcastPace, maxBroadcastsPerDay } from './broadcasts.js';

let t: TestApp;
let ndar: string;
beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

const db = () => t.services.db as unknown as Kysely<any>;
const base = '/ndar-toute/admin/channels/broadcasts';
const staff = 'ndar-toute:staff';

beforeEach(async () => {
  for (const table of ['channel_broadcasts', 'channel_subscriptions', 'channel_opt_outs', 'channel_settings', 'outbox_messages']) await db().deleteFrom(table).where('commune_id', '=', ndar).execute();
});

interface Subscriber {
  phone: string;
  channel?: 'sms' | 'whatsapp';
  locale?: 'fr' | 'en' | 'pt' | 'ar';
  neighbourhood?: string | null;
}
const subscribe = (...subscribers: Subscriber[]) =>
  db()
    .insertInto('channel_subscriptions')
    .values(subscribers.map((s) => ({ commune_id: ndar, phone: s.phone, channel: s.channel ?? 'sms', locale: s.locale ?? 'fr', neighbourhood: s.neighbourhood ?? null })))
    .execute();
const phones = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `+2217700${prefix}${String(i).padStart(3, '0')}`);
const draft = (fields: Record<string, string>) => ({ kind: 'news', channel: 'sms', locale: '', neighbourhood: '', ...fields });
const preview = (fields: Record<string, string>, who = staff, slug = 'ndar-toute') => t.request(who, 'POST', `/${slug}/admin/channels/broadcasts/preview`, draft(fields));
const confirm = (fields: Record<string, string>, who = staff) => t.request(who, 'POST', base, draft(fields));
const sentTo = (purposePrefix = 'channels.broadcast.') => db().selectFrom('outbox_messages').select(['recipient', 'body', 'purpose', 'channel']).where('purpose', 'like', `${purposePrefix}%`).where('commune_id', '=', ndar).orderBy('recipient').execute();
const textarea = (html: string) => /<textarea[^>]*name="body"[^>]*>([^<]*)<\/textarea>/.exec(html)![1]!;
const unescape = (html: string) => html.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe('the broadcast preview', () => {
  it('counts recipients minus STOP, parts per SMS, the characters forcing UCS-2 and the total against the cap', async () => {
    await subscribe({ phone: '+221770100001' }, { phone: '+221770100002' }, { phone: '+221770100003', channel: 'whatsapp', locale: 'en' }, { phone: '+221770100004' });
    await db().insertInto('channel_opt_outs').values({ commune_id: ndar, phone: '+221770100004', source: 'sms' }).execute();
    await db().insertInto('channel_settings').values({ commune_id: ndar, monthly_segment_cap: 1000 }).execute();
    const text = 'La fête du quartier aura lieu samedi à 16 h sur la place de la mairie : musique, jeux pour les enfants et repas partagé.';
    const cost = smsCost(text);
    expect(cost).toMatchObject({ encoding: 'UCS-2', ucs2Characters: ['ê'], segments: 2, segmentsWithoutCulprits: 1 });
    const page = await preview({ body: text, channel: 'both' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Destinataires : 3 (2 par SMS, 1 par WhatsApp)');
    expect(page.body).toContain('Chaque SMS compte 2 partie(s) : encodage UCS-2');
    expect(page.body).toContain('Ces caractères imposent l’Unicode (UCS-2) : ê. Ce message coûte 2 SMS au lieu de 1 par destinataire.');
    expect(page.body).toContain('Total de cet envoi : 4 SMS.');
    expect(page.body).toMatch(/Reste ce mois-ci : 1\D000 SMS sur un plafond de 1\D000\./);
    expect(page.body).toContain('Envoyer à 3 abonnés');
    // Nothing is sent by a preview.
    expect(await db().selectFrom('channel_broadcasts').select('id').where('commune_id', '=', ndar).execute()).toEqual([]);
  });

  it('shortens by one SMS part and replaces accents, re-rendering the preview with the changed text', async () => {
    await subscribe({ phone: '+221770100011' });
    const text = 'Réunion publique du conseil jeudi à 18 h à la mairie. Ordre du jour : budget, assainissement, marché et fête du quartier. Venez nombreux, la séance est ouverte à tous.';
    expect(smsCost(text).segments).toBe(3);
    const accents = await preview({ body: text, action: 'accents' });
    const replaced = unescape(textarea(accents.body));
    expect(replaced).toContain('et fete du quartier');
    expect(replaced).toContain('Réunion publique');
    expect(smsCost(replaced)).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(accents.body).not.toContain('id="ucs2-warning"');
    const shorter = await preview({ body: replaced, action: 'shorten' });
    const cut = unescape(textarea(shorter.body));
    expect(smsCost(cut)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(cut.endsWith('...')).toBe(true);
    expect(replaced.startsWith(cut.slice(0, -3))).toBe(true);
    expect(shorter.body).not.toContain('value="shorten"');
  });

  it('refuses a broadcast that would exceed the month’s cap, at preview and at confirmation', async () => {
    await subscribe(...phones(3, '2').map((phone) => ({ phone })));
    await db().insertInto('channel_settings').values({ commune_id: ndar, monthly_segment_cap: 2 }).execute();
    const page = await preview({ body: 'Coupure d eau demain matin.' });
    expect(page.body).toContain('Cet envoi (3 SMS) dépasse ce qui reste du plafond du mois (2 SMS).');
    expect(page.body).not.toContain('id="confirm-form"');
    expect((await confirm({ body: 'Coupure d eau demain matin.' })).statusCode).toBe(409);
    expect(await db().selectFrom('channel_broadcasts').select('id').where('commune_id', '=', ndar).execute()).toEqual([]);
    expect(await sentTo()).toEqual([]);
  });

  it('offers the latest news headline as a starting text, which fills the form', async () => {
    const compose = await t.request(staff, 'GET', `${base}/new`);
    expect(compose.body).toContain('Partir d’un contenu récent de la commune');
    const link = /href="([^"]*\/broadcasts\/new\?kind=news(?:&amp;|&)body=[^"]+)"/.exec(compose.body)![1]!.replace(/&amp;/g, '&');
    const headline = new URLSearchParams(link.split('?')[1]).get('body')!;
    expect(headline.length).toBeGreaterThan(0);
    const filled = await t.request(staff, 'GET', link);
    expect(unescape(textarea(filled.body))).toBe(headline);
    expect(filled.body).toMatch(/<option value="news" selected>/);
  });

  it('keeps what was typed and names the error when the form is wrong', async () => {
    const page = await preview({ body: '   ', neighbourhood: 'Atlantis' });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('error-summary');
    expect(page.body).toContain('href="#body"');
  });
});

describe('sending a broadcast', () => {
  it('sends to the filtered subscribers only, with its own purpose, audited, and shows the progress', async () => {
    await subscribe(
      { phone: '+221770100021', neighbourhood: 'Sor' },
      { phone: '+221770100022', neighbourhood: 'Sor', locale: 'en' },
      { phone: '+221770100023', neighbourhood: 'Pikine' },
      { phone: '+221770100024', neighbourhood: 'Sor', channel: 'whatsapp' },
    );
    const filters = { body: 'Nettoyage du quartier samedi 9 h.', neighbourhood: 'Sor', locale: 'fr', channel: 'both', kind: 'meeting' };
    expect((await preview(filters)).body).toContain('Destinataires : 2 (1 par SMS, 1 par WhatsApp)');
    const sent = await confirm(filters);
    expect(sent.statusCode).toBe(303);
    const id = /broadcasts\/([0-9a-f-]{36})$/.exec(sent.headers.location as string)![1]!;
    expect(await sentTo()).toEqual([
      { recipient: '+221770100021', body: 'Nettoyage du quartier samedi 9 h.', purpose: `channels.broadcast.${id}`, channel: 'sms' },
      { recipient: '+221770100024', body: 'Nettoyage du quartier samedi 9 h.', purpose: `channels.broadcast.${id}`, channel: 'whatsapp' },
    ]);
    const row = await db().selectFrom('channel_broadcasts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ commune_id: ndar, kind: 'meeting', channel: 'both', locale_filter: 'fr', neighbourhood_filter: 'Sor', status: 'sent', recipients: 2, created_by: t.users.get(staff) });
    expect(row.sent_at).not.toBeNull();
    const audit = await db().selectFrom('audit_log').select(['action', 'actor_user_id']).where('resource_id', '=', id).orderBy('created_at').execute();
    expect(audit).toEqual([
      { action: 'channels.broadcast.created', actor_user_id: t.users.get(staff) },
      { action: 'channels.broadcast.sent', actor_user_id: t.users.get(staff) },
    ]);
    const detail = await t.request(staff, 'GET', `${base}/${id}`);
    expect(detail.body).toMatch(/id="broadcast-progress">2 \/ 2</);
    expect(detail.body).toContain('id="broadcast-status">Envoyé<');
    const list = await t.request(staff, 'GET', base);
    expect(list.body).toContain(`href="${base}/${id}"`);
  });

  it('paces the messages in batches, one broadcast at a time: progress moves as batches leave', async () => {
    const all = phones(broadcastPace.perBatch + 2, '3');
    await subscribe(...all.map((phone) => ({ phone })));
    const sent = await confirm({ body: 'Vaccination gratuite lundi au poste de santé.' });
    const id = /broadcasts\/([0-9a-f-]{36})$/.exec(sent.headers.location as string)![1]!;
    expect(await sentTo()).toHaveLength(broadcastPace.perBatch);
    expect((await t.request(staff, 'GET', `${base}/${id}`)).body).toMatch(new RegExp(`id="broadcast-progress">${broadcastPace.perBatch} / ${all.length}<`));
    // One broadcast in progress per commune.
    const second = await preview({ body: 'Autre message' });
    expect(second.body).toContain('Un message de la commune est déjà en cours d’envoi');
    expect((await confirm({ body: 'Autre message' })).statusCode).toBe(409);
    // A phone that sends STOP before its batch leaves receives nothing.
    const last = all[all.length - 1]!;
    await t.app.inject({
      method: 'POST',
      url: `/ndar-toute/channels/sms/africastalking?token=${callbackToken(t.services.config.sessionSecret, 'ndar-toute', 'africastalking')}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ to: '20880', date: '2026-11-23 10:00:00', id: 'ATbc_stop', from: last, text: 'STOP' }).toString(),
    });
    await db().updateTable('queue_jobs').set({ run_after: new Date() }).where('name', '=', 'channels.broadcast.batch').where('state', '=', 'queued').execute();
    await t.services.queue.runDue();
    const delivered = await sentTo();
    expect(delivered.map((m) => m.recipient)).toEqual(all.slice(0, -1));
    expect(await db().selectFrom('outbox_messages').select('purpose').where('recipient', '=', last).execute()).toEqual([{ purpose: 'channels.reply.stop' }]);
    const detail = await t.request(staff, 'GET', `${base}/${id}`);
    expect(detail.body).toMatch(new RegExp(`id="broadcast-progress">${all.length - 1} / ${all.length}<`));
    expect(detail.body).toContain('id="broadcast-status">Envoyé<');
  });

  it('allows at most five broadcasts a day per commune', async () => {
    await subscribe({ phone: '+221770100041' });
    const earlier = Array.from({ length: maxBroadcastsPerDay }, () => ({ commune_id: ndar, kind: 'news', body: 'x', channel: 'sms', status: 'sent', recipients: 1, created_at: new Date(Date.now() - 3_600_000) }));
    await db().insertInto('channel_broadcasts').values(earlier).execute();
    expect((await preview({ body: 'Encore un' })).body).toContain('La commune a déjà envoyé 5 messages en 24 heures');
    expect((await confirm({ body: 'Encore un' })).statusCode).toBe(409);
    await db().updateTable('channel_broadcasts').set({ created_at: new Date(Date.now() - 25 * 3_600_000) }).where('commune_id', '=', ndar).execute();
    expect((await confirm({ body: 'Encore un' })).statusCode).toBe(303);
  });

  it('after STOP a phone gets nothing but the STOP confirmation, and subscribing again brings the broadcasts back', async () => {
    const phone = '+221770100051';
    const hook = (id: string, text: string) =>
      t.app.inject({
        method: 'POST',
        url: `/ndar-toute/channels/sms/africastalking?token=${callbackToken(t.services.config.sessionSecret, 'ndar-toute', 'africastalking')}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ to: '20880', date: '2026-11-23 10:00:00', id, from: phone, text }).toString(),
      });
    await subscribe({ phone: '+221770100052' });
    await hook('ATbc_sub1', 'INSCRIPTION');
    await hook('ATbc_stop1', 'STOP');
    expect((await confirm({ body: 'Premier message' })).statusCode).toBe(303);
    const afterStop = await db().selectFrom('outbox_messages').select('purpose').where('recipient', '=', phone).orderBy('created_at').execute();
    expect(afterStop.map((m) => m.purpose)).toEqual(['channels.reply.subscribe', 'channels.reply.stop']);
    await hook('ATbc_sub2', 'ABONNER');
    expect((await confirm({ body: 'Second message' })).statusCode).toBe(303);
    expect((await sentTo()).filter((m) => m.recipient === phone).map((m) => m.body)).toEqual(['Second message']);
  });
});

describe('who may see and send broadcasts', () => {
  it('keeps residents out, Tiznit staff away from Ndar’s broadcasts, and forged posts out', async () => {
    await subscribe({ phone: '+221770100061' });
    const sent = await confirm({ body: 'Pour Ndar seulement' });
    const id = /broadcasts\/([0-9a-f-]{36})$/.exec(sent.headers.location as string)![1]!;
    for (const path of [base, `${base}/new`, `${base}/${id}`, '/ndar-toute/admin/channels/subscribers']) {
      expect((await t.request('ndar-toute:citizen', 'GET', path)).statusCode).toBe(403);
      expect((await t.request('tiznit-el-jadida:staff', 'GET', path)).statusCode).toBe(403);
    }
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `/tiznit-el-jadida/admin/channels/broadcasts/${id}`)).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', '/tiznit-el-jadida/admin/channels/broadcasts')).body).not.toContain('Pour Ndar seulement');
    expect((await confirm({ body: 'Intrus' }, 'tiznit-el-jadida:staff')).statusCode).toBe(403);
    expect((await confirm({ body: 'Intrus' }, 'ndar-toute:citizen')).statusCode).toBe(403);
    expect((await preview({ body: 'Intrus' }, 'ndar-toute:citizen')).statusCode).toBe(403);
    await db().updateTable('channel_broadcasts').set({ status: 'sent' }).where('commune_id', '=', ndar).execute();
    const forged = await t.app.inject({ method: 'POST', url: base, headers: { cookie: await t.cookiesFor(staff), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(draft({ body: 'Sans jeton' })).toString() });
    expect(forged.statusCode).toBe(403);
    const forgedPreview = await t.app.inject({ method: 'POST', url: `${base}/preview`, headers: { cookie: await t.cookiesFor(staff), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(draft({ body: 'Sans jeton' })).toString() });
    expect(forgedPreview.statusCode).toBe(403);
    expect(await db().selectFrom('channel_broadcasts').select('body').where('body', 'in', ['Intrus', 'Sans jeton']).execute()).toEqual([]);
  });

  it('shows a text with markup as text, in the preview, the detail and the list', async () => {
    await subscribe({ phone: '+221770100071' });
    const text = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    // Attribute values are quoted with their quotes escaped, so markup inside them is inert: look at the rest.
    const outsideAttributes = (html: string) => html.replace(/="[^"]*"/g, '=""');
    const shown = await preview({ body: text });
    expect(outsideAttributes(shown.body)).not.toContain('<script>alert(1)');
    expect(shown.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(shown.body).toContain('value="&#34;><script>');
    const sent = await confirm({ body: text });
    const id = /broadcasts\/([0-9a-f-]{36})$/.exec(sent.headers.location as string)![1]!;
    for (const path of [`${base}/${id}`, base]) {
      const page = await t.request(staff, 'GET', path);
      expect(outsideAttributes(page.body)).not.toContain('<img src=x');
      expect(page.body).toContain('&lt;img src=x');
    }
  });
});

describe('the subscribers page', () => {
  it('counts by neighbourhood, language and channel, with masked numbers only', async () => {
    await subscribe({ phone: '+221770100081', neighbourhood: 'Sor' }, { phone: '+221770100082', neighbourhood: 'Sor', locale: 'ar' }, { phone: '+221770100083', channel: 'whatsapp', locale: 'en' });
    await db().insertInto('channel_opt_outs').values({ commune_id: ndar, phone: '+221770100084', source: 'sms' }).execute();
    const page = await t.request(staff, 'GET', '/ndar-toute/admin/channels/subscribers');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('3 abonnements ; 1 numéros ont envoyé STOP.');
    expect(page.body).toMatch(/<th scope="row">Sor<\/th>\s*<td>2<\/td>/);
    expect(page.body).toMatch(/<th scope="row">Toute la commune<\/th>\s*<td>1<\/td>/);
    expect(page.body).toMatch(/<th scope="row">العربية<\/th>\s*<td>1<\/td>/);
    expect(page.body).toMatch(/<th scope="row">WhatsApp<\/th>\s*<td>1<\/td>/);
    expect(page.body).toContain(`+${'•'.repeat(10)}81`);
    expect(page.body).not.toContain('+221770100081');
  });
});
