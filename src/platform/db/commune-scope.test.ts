import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { communeScope } from './commune-scope.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('communeScope', () => {
  it('reads, writes, updates and deletes only the rows of its own commune', async () => {
    const ndar = await t.communeId('ndar-toute');
    const tiznit = await t.communeId('tiznit-el-jadida');
    const db = t.services.db;
    const registeredBy = t.users.get('ndar-toute:mediator')!;
    const inNdar = communeScope(db, ndar);
    const inTiznit = communeScope(db, tiznit);

    const created = await inNdar
      .insertInto('assisted_participants', { full_name: 'Aïssatou Ba', consent_method: 'oral', consent_at: new Date(), registered_by: registeredBy })
      .returning(['id', 'commune_id'])
      .executeTakeFirstOrThrow();
    expect(created.commune_id).toBe(ndar);

    expect(await inTiznit.selectFrom('assisted_participants').select('id').where('id', '=', created.id).execute()).toEqual([]);
    const updated = await inTiznit.updateTable('assisted_participants').set({ full_name: 'hijacked' }).where('id', '=', created.id).executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(0);
    const deleted = await inTiznit.deleteFrom('assisted_participants').where('id', '=', created.id).executeTakeFirst();
    expect(Number(deleted.numDeletedRows)).toBe(0);

    const mine = await inNdar.selectFrom('assisted_participants').select('full_name').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(mine.full_name).toBe('Aïssatou Ba');
  });
});
