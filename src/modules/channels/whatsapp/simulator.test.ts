import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const page = '/ndar-toute/admin/channels/whatsapp-simulator';

describe('the WhatsApp simulator', () => {
  it('plays a phone through the real handler without JavaScript, and shows the conversation', async () => {
    expect((await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/channels')).body).toContain('id="whatsapp-simulator-link"');
    const sent = await t.request('ndar-toute:staff', 'POST', page, { phone: '77 000 55 66', text: 'MENU' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${page}?phone=%2B221770005566#whatsapp-transcript`);
    for (const text of ['1', '1', '1', 'Borne-fontaine cassée <script>', '1']) await t.request('ndar-toute:staff', 'POST', page, { phone: '+221770005566', text });
    const shown = await t.request('ndar-toute:staff', 'GET', `${page}?phone=%2B221770005566`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('1 Signaler un problème');
    expect(shown.body).toMatch(/Plainte enregistrée : PL-\d{4}-\d{5}/);
    expect(shown.body).toContain('Borne-fontaine cassée &lt;script');
    expect(shown.body).not.toContain('cassée <script');
    const filed = await (t.services.db as unknown as Kysely<any>).selectFrom('requests').select('channel').where('reporter_phone', '=', '+221770005566').execute();
    expect(filed).toEqual([{ channel: 'whatsapp' }]);
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('action', '=', 'channels.whatsapp_simulated').execute();
    expect(audit).toHaveLength(6);
  });

  it('refuses a bad number, other people and other communes’ staff, and is absent outside demo mode', async () => {
    expect((await t.request('ndar-toute:staff', 'POST', page, { phone: 'pas un numéro', text: 'MENU' })).body).toContain('Ce numéro de téléphone n’est pas valide.');
    expect((await t.request('ndar-toute:citizen', 'POST', page, { phone: '+221770005567', text: 'MENU' })).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', page)).statusCode).toBe(403);
    const production = await createTestApp({ env: { DEMO_MODE: 'false' } });
    try {
      expect((await production.request('ndar-toute:staff', 'GET', page)).statusCode).toBe(404);
      expect((await production.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/channels')).body).not.toContain('whatsapp-simulator');
    } finally {
      await production.close();
    }
  });
});
