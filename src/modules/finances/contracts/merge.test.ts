import { describe, expect, it } from 'vitest';
import { compileReleases, type JsonObject, mergeObjects } from './merge.js';

describe('OCDS merge', () => {
  it('the later value wins, objects merge field by field, null removes a field', () => {
    expect(mergeObjects({ tender: { title: 'A', value: { amount: 1, currency: 'XOF' }, status: 'active' } }, { tender: { title: 'B', value: { amount: 2 }, status: null } })).toEqual({
      tender: { title: 'B', value: { amount: 2, currency: 'XOF' } },
    });
  });

  it('arrays of objects with an id merge by id; other arrays are replaced whole', () => {
    const earlier: JsonObject = { parties: [{ id: 'buyer', name: 'Commune', roles: ['buyer'] }], awards: [{ id: 'award-1', value: { amount: 5 } }] };
    const later: JsonObject = { parties: [{ id: 'supplier', name: 'SARL', roles: ['supplier'] }, { id: 'buyer', roles: ['buyer', 'procuringEntity'] }] };
    expect(mergeObjects(earlier, later)).toEqual({
      parties: [
        { id: 'buyer', name: 'Commune', roles: ['buyer', 'procuringEntity'] },
        { id: 'supplier', name: 'SARL', roles: ['supplier'] },
      ],
      awards: [{ id: 'award-1', value: { amount: 5 } }],
    });
    expect(mergeObjects({ tag: ['tender'] }, { tag: ['award'] })).toEqual({ tag: ['award'] });
  });

  it('compiles releases in date order whatever order they come in, tagged compiled, dated by the newest', () => {
    const tender = { ocid: 'ocds-abc123-1', id: 'r1', date: '2026-01-01T10:00:00.000Z', tag: ['tender'], initiationType: 'tender', tender: { id: 't', title: 'Old', numberOfTenderers: 2 } };
    const update = { ocid: 'ocds-abc123-1', id: 'r2', date: '2026-01-05T10:00:00.000Z', tag: ['tenderUpdate'], initiationType: 'tender', tender: { id: 't', title: 'New' } };
    const contract = { ocid: 'ocds-abc123-1', id: 'r3', date: '2026-02-01T10:00:00.000Z', tag: ['contractAmendment'], initiationType: 'tender', contracts: [{ id: 'c', amendments: [{ id: 'a1' }, { id: 'a2' }] }] };
    const compiled = compileReleases([contract, update, tender]);
    expect(compiled).toEqual({
      ocid: 'ocds-abc123-1',
      id: 'ocds-abc123-1-compiled',
      date: '2026-02-01T10:00:00.000Z',
      tag: ['compiled'],
      initiationType: 'tender',
      tender: { id: 't', title: 'New', numberOfTenderers: 2 },
      contracts: [{ id: 'c', amendments: [{ id: 'a1' }, { id: 'a2' }] }],
    });
  });
});
