import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { accountabilityModule } from '../manifest.js';
import { scdlColumns } from './exports.js';
import { scoped } from './queries.js';

let t: TestApp;
let ndar: string;

beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

const decisionId = async (number: string) =>
  (await scoped(t.services.db, ndar).selectFrom('council_decisions').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;

describe('council decision exports', () => {
  it('serves the SCDL deliberations CSV with the schema’s column names and one row per published decision', async () => {
    const response = await t.request(null, 'GET', '/ndar-toute/council-decisions.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET,BUDGET_ANNEE,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,VOTE_ABSTENTION,DELIB_URL');
    expect(lines).toHaveLength(4);
    const budget = lines.find((line) => line.includes('2026-041'))!.split(',');
    const cell = (name: (typeof scdlColumns)[number]) => budget[scdlColumns.indexOf(name)];
    expect(cell('COLL_SIRET')).toBe('');
    expect(cell('DELIB_DATE')).toBe('2026-10-15');
    expect(cell('DELIB_MATIERE_CODE')).toMatch(/^\d\.\d{1,2}$/);
    expect(cell('DELIB_MATIERE_NOM')).toBe('Finances locales');
    expect(cell('BUDGET_ANNEE')).toBe('2026');
    expect([cell('VOTE_EFFECTIF'), cell('VOTE_REEL'), cell('VOTE_POUR'), cell('VOTE_CONTRE'), cell('VOTE_ABSTENTION')]).toEqual(['45', '41', '38', '2', '1']);
    expect(cell('DELIB_URL')).toMatch(new RegExp(`/ndar-toute/council-decisions/${await decisionId('2026-041')}$`));
    expect((await t.request(null, 'GET', '/tiznit-el-jadida/council-decisions.csv')).body.trimEnd().split('\r\n')).toHaveLength(1);
  });

  it('serves each vote as a Popolo VoteEvent whose voters are the persons of the commune’s popolo.json', async () => {
    const id = await decisionId('2026-042');
    const response = await t.request(null, 'GET', `/ndar-toute/council-decisions/${id}/vote.json`);
    expect(response.statusCode).toBe(200);
    const event = response.json();
    const popolo = (await t.request(null, 'GET', '/ndar-toute/council/popolo.json')).json();
    const personIds = popolo.persons.map((p: { id: string }) => p.id);
    const council = popolo.organizations.find((o: { classification: string }) => o.classification === 'council');
    expect(event).toMatchObject({ id, identifier: '2026-042', start_date: '2026-10-15', result: 'pass', organization_id: council.id, motion: { identifier: '2026-042', result: 'pass' } });
    expect(event.counts.map((c: { option: string }) => c.option)).toEqual(['yes', 'no', 'abstain']);
    expect(event.votes).toHaveLength(personIds.length);
    for (const vote of event.votes) {
      expect(personIds).toContain(vote.voter_id);
      expect(['yes', 'no', 'abstain', 'absent']).toContain(vote.option);
    }
    // The counts are the individual votes added up.
    for (const count of event.counts) expect(count.value).toBe(event.votes.filter((v: { option: string }) => v.option === count.option).length);
  });

  it('offers the decisions to the open-data portal', async () => {
    const entry = accountabilityModule.openDataExports!.find((e) => e.id === 'accountability-council-decisions')!;
    const rows = await entry.rows(t.services.db, ndar);
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!)).toEqual([...scdlColumns]);
    expect(rows[0]!.DELIB_URL).toMatch(/^\/ndar-toute\/council-decisions\//);
    expect((await t.request(null, 'GET', '/ndar-toute/data')).body).toContain('Délibérations du conseil municipal');
  });
});
