import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const page = '/ndar-toute/admin/channels';
const simulator = `${page}/simulator`;

describe('the channels page and the simulated phone', () => {
  it('gives staff the USSD callback address with its secret, and keeps others out', async () => {
    const shown = await t.request('ndar-toute:staff', 'GET', page);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toMatch(/id="ussd-callback-url" dir="ltr">http[^<]+\/ndar-toute\/channels\/ussd\/africastalking\?token=[\w-]{43}</);
    expect((await t.request('ndar-toute:citizen', 'GET', page)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', page)).statusCode).toBe(403);
  });

  it('plays a phone through a whole session with the real menu, without JavaScript', async () => {
    const dialled = await t.request('ndar-toute:staff', 'POST', simulator, { phone: '77 000 12 34', restart: '1' });
    expect(dialled.body).toContain('1 Signaler un problème');
    const session = /name="session" value="([^"]+)"/.exec(dialled.body)![1]!;
    const news = await t.request('ndar-toute:staff', 'POST', simulator, { phone: '+221770001234', session, path: '', input: '3' });
    expect(news.body).toContain('Session terminée.');
    expect(news.body).not.toContain('name="input"');
    const invalid = await t.request('ndar-toute:staff', 'POST', simulator, { phone: '+221770001234', session, path: '', input: '9' });
    expect(invalid.body).toContain('Choix non valide.');
    expect(invalid.body).toContain('name="path" value="9"');
    expect((await t.request('ndar-toute:staff', 'POST', simulator, { phone: 'pas un numéro', restart: '1' })).body).toContain('Ce numéro de téléphone n’est pas valide.');
    expect((await t.request('ndar-toute:citizen', 'POST', simulator, { phone: '+221770001234', restart: '1' })).statusCode).toBe(403);
  });

  it('has no simulator outside demo mode', async () => {
    const production = await createTestApp({ env: { DEMO_MODE: 'false' } });
    try {
      expect((await production.request('ndar-toute:staff', 'GET', page)).body).not.toContain('id="simulator"');
      expect((await production.request('ndar-toute:staff', 'POST', simulator, { phone: '+221770001234', restart: '1' })).statusCode).toBe(404);
    } finally {
      await production.close();
    }
  });
});

describe('the simulated phone for SMS', () => {
  it('sends a keyword and shows the commune’s answer, and a free message reaches the staff inbox', async () => {
    const page = `${simulator.replace('/simulator', '/sms-simulator')}`;
    expect((await t.request('ndar-toute:staff', 'GET', page)).body).toContain('id="sms-simulator-form"');
    const sent = await t.request('ndar-toute:staff', 'POST', page, { phone: '77 000 55 66', text: 'AIDE' });
    expect(sent.statusCode).toBe(303);
    const shown = await t.request('ndar-toute:staff', 'GET', sent.headers.location as string);
    expect(shown.body).toMatch(/<li class="sms-in">[\s\S]*AIDE[\s\S]*<li class="sms-out">[\s\S]*SUIVI suivi du numéro/);
    await t.request('ndar-toute:staff', 'POST', page, { phone: '+221770005566', text: 'Le marché est inondé' });
    expect((await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/channels/inbox')).body).toContain('Le marché est inondé');
    expect((await t.request('ndar-toute:staff', 'POST', page, { phone: 'x', text: 'AIDE' })).statusCode).toBe(422);
    expect((await t.request('ndar-toute:citizen', 'POST', page, { phone: '+221770005566', text: 'AIDE' })).statusCode).toBe(403);
  });
});
