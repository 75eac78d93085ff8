import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { ussdPhone } from './ussd-test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const complaintsFrom = (phone: string) => (t.services.db as unknown as Kysely<any>).selectFrom('requests').select(['reference', 'channel', 'description', 'neighbourhood', 'reporter_user_id', 'is_private']).where('reporter_phone', '=', phone).where('channel', '=', 'ussd').execute();

describe('USSD on the Africa’s Talking line', () => {
  it('a caller without a smartphone files a complaint step by step; a retried request files nothing twice', async () => {
    const phone = ussdPhone(t, 'ndar-toute', '+221770009911', 'ATUid_session1');
    const first = await phone.dial([]);
    expect(first).toEqual({ status: 200, text: expect.stringMatching(/^CON Ndar Toute\n1 Signaler un problème/) });
    expect((await phone.dial(['1'])).text).toMatch(/^CON Quel problème \?\n1 /);
    expect((await phone.dial(['1', '1'])).text).toMatch(/^CON Quel quartier \?/);
    expect((await phone.dial(['1', '1', '1'])).text).toContain('Décrivez en quelques mots');
    expect((await phone.dial(['1', '1', '1', 'Lampadaire cassé devant la mosquée'])).text).toMatch(/^CON .*Lampadaire cassé/s);
    const done = await phone.dial(['1', '1', '1', 'Lampadaire cassé devant la mosquée', '1']);
    expect(done.text).toMatch(/^END Plainte enregistrée : PL-\d{4}-\d{5}\./);
    expect(await phone.dial(['1', '1', '1', 'Lampadaire cassé devant la mosquée', '1'])).toEqual(done);
    const filed = await complaintsFrom('+221770009911');
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ channel: 'ussd', description: 'Lampadaire cassé devant la mosquée', reporter_user_id: null });
    expect(done.text).toContain(filed[0]!.reference);

    const follow = await ussdPhone(t, 'ndar-toute', '+221770009911').dial(['2', filed[0]!.reference.toLowerCase()]);
    expect(follow.text).toMatch(new RegExp(`^END ${filed[0]!.reference} : .+`));
  });

  it('remembers the language a phone chose, per commune', async () => {
    const phone = '+221770009922';
    expect((await ussdPhone(t, 'ndar-toute', phone).dial(['4', '2'])).text).toMatch(/^END /);
    expect((await ussdPhone(t, 'ndar-toute', phone).dial([])).text).toContain('1 Report a problem');
    expect((await ussdPhone(t, 'tiznit-el-jadida', phone).dial([])).text).not.toContain('Report a problem');
  });

  it('links a complaint to the account that verified the phone, and hides a private complaint from other phones', async () => {
    const citizen = await t.services.db.selectFrom('users').select(['id', 'phone_e164']).where('phone_e164', '=', '+221770000005').executeTakeFirstOrThrow();
    expect((await ussdPhone(t, 'ndar-toute', citizen.phone_e164!).dial(['1', '1', '1', 'Ordures non ramassées', '1'])).text).toMatch(/^END Plainte enregistrée/);
    const [filed] = await complaintsFrom(citizen.phone_e164!);
    expect(filed).toMatchObject({ reporter_user_id: citizen.id, channel: 'ussd' });
    await (t.services.db as unknown as Kysely<any>).updateTable('requests').set({ is_private: true }).where('reference', '=', filed!.reference).execute();
    expect((await ussdPhone(t, 'ndar-toute', '+221770009933').dial(['2', filed!.reference])).text).toBe(`END Aucune demande ${filed!.reference} dans cette commune.`);
    expect((await ussdPhone(t, 'ndar-toute', citizen.phone_e164!).dial(['2', filed!.reference])).text).toMatch(/^END PL-/);
  });

  it('refuses a wrong token, another commune’s token and malformed or oversized calls, storing nothing', async () => {
    const before = (await (t.services.db as unknown as Kysely<any>).selectFrom('requests').select('id').execute()).length;
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const call = { sessionId: 'x', serviceCode: '*384#', phoneNumber: '+221770009944', text: '1*1*1*Test*1' };
    const post = (url: string, payload: string) => t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
    expect((await post('/ndar-toute/channels/ussd/africastalking?token=wrong', form(call))).statusCode).toBe(403);
    expect((await post('/ndar-toute/channels/ussd/africastalking', form(call))).statusCode).toBe(403);
    const { callbackToken } = await import('../callback-token.js');
    const tiznitToken = callbackToken(t.services.config.sessionSecret, 'tiznit-el-jadida', 'africastalking');
    expect((await post(`/ndar-toute/channels/ussd/africastalking?token=${tiznitToken}`, form(call))).statusCode).toBe(403);
    const ndarToken = callbackToken(t.services.config.sessionSecret, 'ndar-toute', 'africastalking');
    expect((await post(`/ndar-toute/channels/ussd/africastalking?token=${ndarToken}`, form({ ...call, phoneNumber: '' }))).statusCode).toBe(400);
    expect((await post(`/ndar-toute/channels/ussd/africastalking?token=${ndarToken}`, form({ ...call, text: 'x'.repeat(70_000) }))).statusCode).toBe(413);
    expect((await (t.services.db as unknown as Kysely<any>).selectFrom('requests').select('id').execute()).length).toBe(before);
  });
});
