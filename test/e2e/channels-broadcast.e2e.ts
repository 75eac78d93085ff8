import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h.close(); });

const subscribers = ['+221770009001', '+221770009002', '+221770009003'];

describe('broadcasts to subscribers', () => {
  it('JavaScript off: staff compose, preview the cost with its UCS-2 warning, shorten, send and see the progress', async () => {
    const db = h.palabre.services.db as unknown as Kysely<any>;
    const commune = await db.selectFrom('communes').select('id').where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
    await db.insertInto('channel_subscriptions').values(subscribers.map((phone) => ({ commune_id: commune.id, phone, channel: 'sms', locale: 'fr', neighbourhood: 'Sor' }))).execute();

    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000002');
    await page.goto('/ndar-toute/admin/channels');
    await page.getByRole('link', { name: 'Messages aux abonnés' }).click();
    await page.getByRole('link', { name: 'Écrire un message' }).click();
    await page.getByLabel('Type de message').selectOption('meeting');
    await page.getByLabel('Texte du message').fill('Réunion publique du conseil jeudi à 18 h à la mairie. Ordre du jour : budget, assainissement, marché et fête du quartier. Venez nombreux, la séance est ouverte à tous.');
    await page.getByLabel('Quartier').selectOption('Sor');
    await page.getByRole('button', { name: 'Voir l’aperçu et le coût' }).click();

    expect(await page.locator('#ucs2-warning').textContent()).toContain('Ce message coûte 3 SMS au lieu de 2 par destinataire.');
    expect(await page.locator('#broadcast-cost').textContent()).toContain('Destinataires : 3 (3 par SMS, 0 par WhatsApp)');
    expect(await page.locator('#broadcast-cost').textContent()).toContain('Total de cet envoi : 9 SMS.');

    await page.getByRole('button', { name: 'Raccourcir' }).click();
    expect(await page.locator('#broadcast-cost').textContent()).toContain('Total de cet envoi : 6 SMS.');
    const shortened = (await page.locator('#broadcast-text').textContent()) ?? '';
    expect(shortened.endsWith('…')).toBe(true);

    await page.getByRole('button', { name: 'Envoyer à 3 abonnés' }).click();
    expect(await page.locator('#broadcast-progress').textContent()).toBe('3 / 3');
    expect(await page.locator('#broadcast-status').textContent()).toBe('Envoyé');
    expect(await page.locator('#broadcast-text').textContent()).toBe(shortened);

    const outbox = await db.selectFrom('outbox_messages').select(['recipient', 'body']).where('purpose', 'like', 'channels.broadcast.%').orderBy('recipient').execute();
    expect(outbox).toEqual(subscribers.map((recipient) => ({ recipient, body: shortened })));
    await context.close();
  }, 90_000);

  it('the preview page passes the accessibility audit', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await signInByPhone(page, '+221770000002');
    await page.goto('/ndar-toute/admin/channels/broadcasts/new');
    await page.getByLabel('Texte du message').fill('Fête du quartier samedi.');
    await page.getByRole('button', { name: 'Voir l’aperçu et le coût' }).click();
    await page.locator('#ucs2-warning').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
