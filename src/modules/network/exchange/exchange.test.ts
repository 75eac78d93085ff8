import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inertnessProblems } from '../../../test-support/inert-html.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { exchangeDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const threadIdFrom = (location: unknown) => String(location).match(/\/network\/exchange\/([0-9a-f-]{36})/)?.[1] ?? '';

async function ask(key: string, form: Record<string, string> = {}) {
  const response = await t.request(key, 'POST', '/network/exchange', { title: 'Comment publier les délibérations ?', body: 'Nous cherchons un **modèle**.', principle: 'transparency', module_tag: 'accountability', ...form });
  expect(response.statusCode).toBe(303);
  return threadIdFrom(response.headers.location);
}

async function replyTo(key: string, threadId: string, body: string) {
  const response = await t.request(key, 'POST', `/network/exchange/${threadId}/replies`, { body });
  expect(response.statusCode).toBe(303);
}

const notificationsOf = (key: string, threadId: string) =>
  exchangeDb(t.services.db).selectFrom('network_exchange_notifications').selectAll().where('user_id', '=', t.users.get(key)!).where('thread_id', '=', threadId).execute();

/** Reply messages sent to one person about one thread. */
const outboxFor = (recipient: string, threadId: string) =>
  t.services.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', recipient).where('purpose', '=', 'network.exchange.reply').where('body', 'like', `%${threadId}%`).orderBy('created_at').execute();

describe('who takes part in the peer exchange', () => {
  it('sends visitors to sign in', async () => {
    const response = await t.request(null, 'GET', '/network/exchange');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/sign-in/);
  });

  it('refuses citizens, and staff roles that do not speak for the commune', async () => {
    for (const key of ['ndar-toute:citizen', 'ndar-toute:moderator', 'ndar-toute:mediator']) {
      expect((await t.request(key, 'GET', '/network/exchange')).statusCode, key).toBe(403);
      expect((await t.request(key, 'POST', '/network/exchange', { title: 'x', body: 'y', principle: 'transparency' })).statusCode, key).toBe(403);
    }
  });

  it('refuses the staff of a commune outside the network', async () => {
    const tiznit = await t.communeId('tiznit-el-jadida');
    await sql`update communes set enabled_modules = enabled_modules - 'network' where id = ${tiznit}`.execute(t.services.db);
    try {
      expect((await t.request('tiznit-el-jadida:staff', 'GET', '/network/exchange')).statusCode).toBe(403);
      expect((await t.request('tiznit-el-jadida:admin', 'POST', '/network/exchange', { title: 'x', body: 'y', principle: 'transparency' })).statusCode).toBe(403);
    } finally {
      await sql`update communes set enabled_modules = enabled_modules || '["network"]'::jsonb where id = ${tiznit}`.execute(t.services.db);
    }
    expect((await t.request('tiznit-el-jadida:staff', 'GET', '/network/exchange')).statusCode).toBe(200);
  });

  it('lets member communes’ staff and the programme team in, with the seeded threads', async () => {
    for (const key of ['ndar-toute:staff', 'ndar-toute:admin', 'tiznit-el-jadida:staff', 'platform-admin']) {
      const response = await t.request(key, 'GET', '/network/exchange');
      expect(response.statusCode, key).toBe(200);
      expect(response.body).toContain('Comment rendre le budget citoyen lisible pour tous ?');
      expect(response.body).toContain('Faire venir les jeunes aux réunions de quartier');
    }
  });

  it('refuses a form without its CSRF token', async () => {
    const cookie = await t.cookiesFor('ndar-toute:staff');
    const response = await t.app.inject({ method: 'POST', url: '/network/exchange', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'title=x&body=y&principle=transparency' });
    expect(response.statusCode).toBe(403);
  });
});

describe('a question, its replies and the accepted answer', () => {
  it('Ndar asks, Tiznit answers, only the asker accepts; each step audited with the poster’s commune', async () => {
    const threadId = await ask('ndar-toute:staff');
    await replyTo('tiznit-el-jadida:staff', threadId, 'Nous publions un **PDF signé** chaque semaine.');
    const page = await t.request('ndar-toute:staff', 'GET', `/network/exchange/${threadId}`);
    expect(page.body).toContain('<strong>PDF signé</strong>');
    expect(page.body).toContain('Tiznit El Jadida');
    const reply = await exchangeDb(t.services.db).selectFrom('network_exchange_replies').select(['id', 'commune_id']).where('thread_id', '=', threadId).executeTakeFirstOrThrow();
    expect(reply.commune_id).toBe(await t.communeId('tiznit-el-jadida'));

    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/network/exchange/${threadId}/accept`, { reply_id: reply.id })).statusCode).toBe(403);
    expect((await t.request('ndar-toute:staff', 'POST', `/network/exchange/${threadId}/accept`, { reply_id: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);
    expect((await t.request('ndar-toute:staff', 'POST', `/network/exchange/${threadId}/accept`, { reply_id: reply.id })).statusCode).toBe(303);
    const thread = await exchangeDb(t.services.db).selectFrom('network_exchange_threads').selectAll().where('id', '=', threadId).executeTakeFirstOrThrow();
    expect(thread).toMatchObject({ status: 'resolved', accepted_reply_id: reply.id, commune_id: await t.communeId('ndar-toute') });
    expect((await t.request('ndar-toute:staff', 'GET', `/network/exchange/${threadId}`)).body).toContain('Réponse retenue par l’auteur de la question');

    const audit = await t.services.db.selectFrom('audit_log').select(['action', 'commune_id']).where('resource_id', 'in', [threadId, reply.id]).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'network.exchange.thread.created', commune_id: await t.communeId('ndar-toute') },
      { action: 'network.exchange.reply.created', commune_id: await t.communeId('tiznit-el-jadida') },
      { action: 'network.exchange.answer.accepted', commune_id: await t.communeId('ndar-toute') },
    ]);
  });

  it('re-shows a refused question with what was typed', async () => {
    const response = await t.request('ndar-toute:staff', 'POST', '/network/exchange', { title: '', body: 'Mon texte gardé', principle: 'nonsense' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Mon texte gardé</textarea>');
    expect(response.body).toContain('class="error-summary"');
  });

  it('filters by principle and status, newest activity first', async () => {
    const participation = await t.request('ndar-toute:staff', 'GET', '/network/exchange?principle=participation');
    expect(participation.body).toContain('Faire venir les jeunes');
    expect(participation.body).not.toContain('Comment rendre le budget citoyen');
    const resolved = await t.request('ndar-toute:staff', 'GET', '/network/exchange?status=resolved&principle=transparency');
    expect(resolved.body).toContain('Comment rendre le budget citoyen');
    expect(resolved.body).not.toContain('Faire venir les jeunes');
    const all = (await t.request('ndar-toute:staff', 'GET', '/network/exchange?principle=bogus&page=zz')).body;
    expect(all.indexOf('Faire venir les jeunes')).toBeLessThan(all.indexOf('Comment rendre le budget citoyen'));
  });

  it('pages through many threads', async () => {
    for (let n = 0; n < 21; n++) await ask('platform-admin', { title: `Question de programme ${n}`, principle: 'innovation', module_tag: '' });
    const first = await t.request('platform-admin', 'GET', '/network/exchange?principle=innovation');
    expect(first.body).toContain('rel="next"');
    expect(first.body).toContain('Équipe du programme');
    const second = await t.request('platform-admin', 'GET', '/network/exchange?principle=innovation&page=2');
    expect(second.body).toContain('Question de programme 0');
    expect(second.body).not.toContain('rel="next"');
  });
});

describe('notifications of replies', () => {
  it('tells the asker and earlier repliers, in the inbox and by message, never the replier; unfollowing stops them', async () => {
    const threadId = await ask('ndar-toute:staff', { title: 'Question suivie pour les notifications' });
    await replyTo('tiznit-el-jadida:staff', threadId, 'Première réponse');
    expect(await notificationsOf('ndar-toute:staff', threadId)).toHaveLength(1);
    expect(await notificationsOf('tiznit-el-jadida:staff', threadId)).toHaveLength(0);
    const [message] = await outboxFor('+221770000002', threadId);
    expect(message).toMatchObject({ channel: 'sms', purpose: 'network.exchange.reply' });
    expect(message!.body).toContain('Question suivie pour les notifications');
    expect(message!.body).toContain(`/network/exchange/${threadId}`);
    expect(await outboxFor('+212600000002', threadId)).toHaveLength(0);

    const list = await t.request('ndar-toute:staff', 'GET', '/network/exchange');
    expect(list.body).toMatch(/id="unread-count"[^>]*>Notifications : 1 non lue\(s\)/);
    const inbox = await t.request('ndar-toute:staff', 'GET', '/network/exchange/notifications');
    expect(inbox.body).toContain('Youssef Amrani (Tiznit El Jadida) a répondu à « Question suivie pour les notifications »');

    await replyTo('tiznit-el-jadida:admin', threadId, 'Deuxième réponse');
    expect(await notificationsOf('ndar-toute:staff', threadId)).toHaveLength(2);
    expect(await notificationsOf('tiznit-el-jadida:staff', threadId)).toHaveLength(1);
    expect(await notificationsOf('tiznit-el-jadida:admin', threadId)).toHaveLength(0);

    // Opening the thread reads its notifications.
    await t.request('ndar-toute:staff', 'GET', `/network/exchange/${threadId}`);
    expect((await t.request('ndar-toute:staff', 'GET', '/network/exchange')).body).toContain('Notifications : 0 non lue(s)');

    expect((await t.request('ndar-toute:staff', 'POST', `/network/exchange/${threadId}/follow`, { following: '0' })).statusCode).toBe(303);
    expect((await t.request('ndar-toute:staff', 'GET', `/network/exchange/${threadId}`)).body).toContain('Suivre cette question');
    await replyTo('tiznit-el-jadida:admin', threadId, 'Troisième réponse');
    expect(await notificationsOf('ndar-toute:staff', threadId)).toHaveLength(2);
    expect(await outboxFor('+221770000002', threadId)).toHaveLength(2);
    expect(await notificationsOf('tiznit-el-jadida:staff', threadId)).toHaveLength(2);

    // Replying again does not override the choice to stop.
    await replyTo('ndar-toute:staff', threadId, 'Merci à tous');
    await replyTo('tiznit-el-jadida:admin', threadId, 'Quatrième réponse');
    expect(await notificationsOf('ndar-toute:staff', threadId)).toHaveLength(2);
  });

  it('sends by e-mail to someone who has an address', async () => {
    const threadId = await ask('platform-admin', { title: 'Question par courriel' });
    await replyTo('ndar-toute:staff', threadId, 'Réponse');
    const [message] = await outboxFor('admin@palabre.example', threadId);
    expect(message).toMatchObject({ channel: 'email' });
  });

  it('marks all notifications read from the inbox', async () => {
    expect((await t.request('tiznit-el-jadida:staff', 'POST', '/network/exchange/notifications/read', {})).statusCode).toBe(303);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', '/network/exchange')).body).toContain('Notifications : 0 non lue(s)');
  });
});

describe('hostile input', () => {
  it('keeps markup typed in questions and replies inert on every page that shows it', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> [clic](javascript:alert(3))';
    const threadId = await ask('ndar-toute:staff', { title: hostile, body: hostile });
    await replyTo('tiznit-el-jadida:staff', threadId, hostile);
    for (const [key, url] of [['tiznit-el-jadida:staff', `/network/exchange/${threadId}`], ['ndar-toute:staff', '/network/exchange'], ['ndar-toute:staff', '/network/exchange/notifications']] as const) {
      const page = await t.request(key, 'GET', url);
      expect(page.statusCode).toBe(200);
      expect(inertnessProblems(page.body), url).toEqual([]);
    }
  });

  it('answers an unknown or malformed thread id with not found', async () => {
    expect((await t.request('ndar-toute:staff', 'GET', '/network/exchange/not-a-uuid')).statusCode).toBe(404);
    expect((await t.request('ndar-toute:staff', 'GET', '/network/exchange/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
