import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlErrorCode } from '../../../test-support/sql-error.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { normaliseReference, nextReference } from '../reference.js';
import { demoProcedure } from './test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const insertRequest = (communeId: string, procedureId: string | null, stage: string, reference: string) => sql`
  insert into requests (commune_id, kind, reference, access_code_hash, description, status, stage, channel, submitted_on, procedure_id, answers, is_private)
  values (${communeId}, 'procedure', ${reference}, 'x', 'Extrait de naissance', ${stage}, ${stage}, 'web', '2026-12-01', ${procedureId}, '{}'::jsonb, true)`;

describe('migration 2026-12-01T0100_requests_procedures', () => {
  it('stores a procedure request in a fixed stage, linked to a procedure of its own commune only', async () => {
    const birth = await demoProcedure(t, 'ndar-toute', 'naissance');
    const tiznit = await t.communeId('tiznit-el-jadida');
    expect(await sqlErrorCode(t.services.db, insertRequest(birth.communeId, birth.id, 'received', 'DA-2026-90001'))).toBeNull();
    expect(await sqlErrorCode(t.services.db, insertRequest(birth.communeId, birth.id, 'resolved', 'DA-2026-90002'))).toBe('23514');
    expect(await sqlErrorCode(t.services.db, insertRequest(birth.communeId, null, 'received', 'DA-2026-90003'))).toBe('23514');
    expect(await sqlErrorCode(t.services.db, insertRequest(tiznit, birth.id, 'received', 'DA-2026-90004'))).toBe('23503');
  });

  it('keeps the fields of a procedure in its commune', async () => {
    const birth = await demoProcedure(t, 'ndar-toute', 'naissance');
    const tiznit = await t.communeId('tiznit-el-jadida');
    const field = (communeId: string, key: string) => sql`insert into request_procedure_fields (commune_id, service_id, key, kind, label) values (${communeId}, ${birth.id}, ${key}, 'text', '{"fr":"Nom"}'::jsonb)`;
    expect(await sqlErrorCode(t.services.db, field(birth.communeId, 'nom'))).toBeNull();
    expect(await sqlErrorCode(t.services.db, field(birth.communeId, 'nom'))).toBe('23505');
    expect(await sqlErrorCode(t.services.db, field(tiznit, 'autre'))).toBe('23503');
    expect(await sqlErrorCode(t.services.db, field(birth.communeId, 'Bad Key'))).toBe('23514');
  });

  it('numbers procedure requests DA-YYYY-NNNNN on the commune counter and reads them back loosely typed', async () => {
    const ndar = await t.communeId('ndar-toute');
    expect(await nextReference(t.services.db, ndar, 'procedure', 2031)).toBe('DA-2031-00001');
    expect(await nextReference(t.services.db, ndar, 'procedure', 2031)).toBe('DA-2031-00002');
    expect(normaliseReference('da 2031 2')).toBe('DA-2031-00002');
  });

  it('lets role grants name the civil-status office, and still refuses unknown roles', async () => {
    const ndar = await t.communeId('ndar-toute');
    const user = t.users.get('ndar-toute:citizen')!;
    expect(await sqlErrorCode(t.services.db, sql`insert into role_grants (commune_id, user_id, role) values (${ndar}, ${user}, 'civil_status')`)).toBeNull();
    expect(await sqlErrorCode(t.services.db, sql`insert into role_grants (commune_id, user_id, role) values (${ndar}, ${user}, 'registrar')`)).toBe('23514');
    const page = await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin/roles');
    expect(page.body).toContain('<option value="civil_status">État civil</option>');
  });
});
