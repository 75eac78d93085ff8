import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { callbackToken } from '../callback-token.js';
import { ussdPhone } from './ussd-test-helpers.js';

let t: TestApp;
let filedOnline: string;
let filedForSomeone: string;
const citizenPhone = '+221770000005';
const typedPhone = '+221770006611';
const strangerPhone = '+221770006622';

/** Gives Ndar Toute's birth-certificate procedure a one-field request form; returns the procedure's id. */
async function birthProcedureWithForm(): Promise<string> {
  const communeId = await t.communeId('ndar-toute');
  const procedure = await sql<{ id: string }>`
    select id from commune_services where commune_id = ${communeId} and kind = 'procedure' and title->>'fr' ilike '%naissance%' order by position limit 1`.execute(t.services.db);
  const id = procedure.rows[0]!.id;
  await sql`insert into request_procedure_fields (commune_id, service_id, key, kind, label, required) values (${communeId}, ${id}, 'nom', 'text', '{"fr": "Nom"}', true)`.execute(t.services.db);
  return id;
}

const referenceIn = (body: string) => /DA-\d{4}-\d{5}/.exec(body)![0];

beforeAll(async () => {
  t = await createTestApp();
  const procedure = await birthProcedureWithForm();
  const online = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/services/${procedure}/request`, { f_nom: 'Awa Diop' });
  expect(online.statusCode).toBe(201);
  filedOnline = referenceIn(online.body);
  const forSomeone = await t.request('ndar-toute:mediator', 'POST', `/ndar-toute/admin/requests/on-behalf/procedures/${procedure}`, { f_nom: 'Moussa Sow', person_name: 'Moussa Sow', person_phone: typedPhone });
  expect(forSomeone.statusCode).toBe(201);
  filedForSomeone = referenceIn(forSomeone.body);
});
afterAll(() => t.close());

const sms = (from: string, text: string) =>
  t.app.inject({
    method: 'POST',
    url: `/ndar-toute/channels/sms/africastalking?token=${callbackToken(t.services.config.sessionSecret, 'ndar-toute', 'africastalking')}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ id: `ATXid_${Math.random().toString(36).slice(2)}`, from, to: '20880', date: '2026-11-23 10:00:00', text }).toString(),
  });
const lastReplyTo = async (phone: string) =>
  (await t.services.db.selectFrom('outbox_messages').select('body').where('recipient', '=', phone).where('purpose', '=', 'channels.reply.follow').orderBy('created_at', 'desc').executeTakeFirst())?.body;

describe('following an administrative-procedure request by phone', () => {
  it('answers SUIVI with the stage to the phone of the account that filed it, and to the phone a mediator typed', async () => {
    expect((await sms(citizenPhone, `suivi ${filedOnline}`)).statusCode).toBe(200);
    expect(await lastReplyTo(citizenPhone)).toBe(`Palabre – ${filedOnline} : Reçue.`);
    expect((await sms(typedPhone, `SUIVI ${filedForSomeone.toLowerCase()}`)).statusCode).toBe(200);
    expect(await lastReplyTo(typedPhone)).toBe(`Palabre – ${filedForSomeone} : Reçue.`);
  });

  it('tells any other phone that no such request exists, on SMS and on USSD', async () => {
    await sms(strangerPhone, `SUIVI ${filedOnline}`);
    expect(await lastReplyTo(strangerPhone)).toBe(`Palabre – aucune demande ${filedOnline} dans cette commune. Vérifiez le numéro.`);
    expect((await ussdPhone(t, 'ndar-toute', strangerPhone).dial(['2', filedForSomeone])).text).toBe(`END Aucune demande ${filedForSomeone} dans cette commune.`);
  });

  it('shows the stage on USSD in the caller’s language once it moves', async () => {
    await sql`update requests set status = 'ready', stage = 'ready', ready_at = now() where reference = ${filedForSomeone}`.execute(t.services.db);
    expect((await ussdPhone(t, 'ndar-toute', typedPhone).dial(['2', filedForSomeone.toLowerCase()])).text).toBe(`END ${filedForSomeone} : Prête à retirer`);
  });
});
