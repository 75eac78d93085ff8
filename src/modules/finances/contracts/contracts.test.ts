import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { inertnessProblems, visibleText } from '../../../test-support/inert-html.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { contractsExport } from './exports.js';
import { schemaErrors, validateRecordPackage, validateReleasePackage } from './ocds-test-helpers.js';
import { financesDb } from '../db/finances-db.js';
import { recordStage } from './store.js';
import { scopedContracts } from './tables.js';

let t: TestApp;
let ndarId: string;
let tiznitId: string;

const staff = 'ndar-toute:staff';
const admin = 'ndar-toute:admin';
const adminBase = '/ndar-toute/admin/finances/contracts';
const publicBase = '/ndar-toute/finances/contracts';
const flat = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ');
const json = async (url: string) => {
  const response = await t.request(null, 'GET', url);
  expect(response.statusCode, url).toBe(200);
  expect(response.headers['content-type']).toContain('application/json');
  return JSON.parse(response.body) as Record<string, any>;
};
const processByTitle = (title: string) => scopedContracts(t.services.db, ndarId).selectFrom('finance_contract_processes').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
const releaseTags = async (processId: string) =>
  (await scopedContracts(t.services.db, ndarId).selectFrom('finance_contract_releases').select('tag').where('process_id', '=', processId).orderBy('release_id').execute()).map((r) => r.tag);
const auditActions = async (processId: string) => (await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', processId).orderBy('created_at').execute()).map((a) => a.action);

/** Creates a process through the back-office and returns its id. */
async function newProcess(title: string, key = staff): Promise<string> {
  const created = await t.request(key, 'POST', `${adminBase}/new`, { title });
  expect(created.statusCode, created.body.slice(0, 300)).toBe(303);
  return String(created.headers.location).split('/').at(-1)!;
}

const tenderForm = (patch: Record<string, string> = {}) => ({ title: 'Curage des caniveaux', description: 'Avant l’hivernage.', method: 'open', category: 'services', value: '2 500 000', period_start: '2026-05-04', period_end: '2026-06-05', tenderers: '3', doc_type_1: 'tenderNotice', doc_title_1: 'Avis', doc_url_1: 'https://example.org/avis.pdf', ...patch });
const awardForm = { supplier_name: 'Nettoyage du Walo', supplier_scheme: 'SN-NINEA', supplier_id: '007654321', award_amount: '2 400 000', award_date: '2026-06-20' };
const contractForm = { signed_date: '2026-07-01', contract_start: '2026-07-01', contract_end: '2026-09-30', contract_amount: '2 400 000' };

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
});
afterAll(() => t.close());

describe('the public list of contracts (demo seed)', () => {
  it('shows supplier, amount in francs CFA, method, status and each red flag with its explanation', async () => {
    const response = await t.request(null, 'GET', publicBase);
    expect(response.statusCode).toBe(200);
    const page = flat(response.body);
    expect(page).toMatch(/Réhabilitation de l’école élémentaire de Pikine<\/a><\/td><td dir="auto">Entreprise Diop et Frères<\/td><td>37 500 000 F CFA<\/td><td>Appel d’offres ouvert<\/td><td>Contrat signé<\/td><td><span class="badge badge-warning" title="Une seule offre reçue[^"]*">Offre unique<\/span>/);
    expect(page).toMatch(/Fourniture de bacs à ordures[\s\S]*?En exécution[\s\S]*?title="Moins de 15 jours entre l’avis et la date limite[^"]*">Délai très court</);
    expect(page).toMatch(/Pavage de la rue Blaise Diagne[\s\S]*?52 000 000 F CFA[\s\S]*?Avenants importants/);
    expect(page).toMatch(/Entretien de l’éclairage public[\s\S]*?Appel d’offres restreint<\/td><td>Appel d’offres<\/td><td><\/td>/);
    // Unregistered prefix: said on the page, and the OCDS files are linked.
    expect(page).toContain('Le préfixe ocid « ocds-xxxxxx » n’est pas encore enregistré');
    expect(page).toContain(`href="${publicBase}/ocds/releases.json"`);
    expect(page).toContain(`href="${publicBase}/ocds/records.json"`);
  });

  it('filters by status and by method; unknown filter values show everything', async () => {
    const signed = (await t.request(null, 'GET', `${publicBase}?status=contract`)).body;
    expect(signed).toContain('Réhabilitation de l’école');
    expect(signed).not.toContain('Pavage de la rue Blaise Diagne');
    expect(signed).toContain('<option value="contract" selected>');
    const selective = (await t.request(null, 'GET', `${publicBase}?method=selective`)).body;
    expect(selective.match(/<tr>/g)).toHaveLength(2);
    expect(selective).toContain('Entretien de l’éclairage public');
    expect((await t.request(null, 'GET', `${publicBase}?method=direct&status=award`)).body).toContain('Aucun marché enregistré.');
    expect((await t.request(null, 'GET', `${publicBase}?method=<script>`)).body.match(/<tr>/g)).toHaveLength(5);
  });

  it('the process page shows every stage, the amendments and the flags explained', async () => {
    const paving = await processByTitle('Pavage de la rue Blaise Diagne');
    const page = flat((await t.request(null, 'GET', `${publicBase}/${paving.id}`)).body);
    expect(page).toContain('Les avenants ont augmenté le montant signé de plus de 20 %.');
    expect(page).toMatch(/Montant signé<\/dt><dd>42 000 000 F CFA<\/dd><dt>Montant actuel \(avec avenants\)<\/dt><dd>52 000 000 F CFA/);
    expect(page).toContain('Caniveaux ajoutés sur toute la longueur de la rue.');
    expect(page).toContain(`href="${publicBase}/ocds/${paving.ocid}.json"`);
    expect((await t.request(null, 'GET', `${publicBase}/00000000-0000-0000-0000-000000000000`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `${publicBase}/not-a-uuid`)).statusCode).toBe(404);
  });
});

describe('OCDS 1.1 packages', () => {
  it('the release package of the commune is valid against the official schema, one release per stage', async () => {
    const pkg = await json(`${publicBase}/ocds/releases.json`);
    expect(validateReleasePackage(pkg), schemaErrors(validateReleasePackage).join('\n')).toBe(true);
    expect(pkg.version).toBe('1.1');
    expect(pkg.uri).toMatch(/\/ndar-toute\/finances\/contracts\/ocds\/releases\.json$/);
    expect(pkg.publicationPolicy).toMatch(/\/ndar-toute\/finances\/contracts#publication-policy$/);
    expect(pkg.publisher.name).toBe('Ndar Toute');
    const tags = pkg.releases.map((r: any) => r.tag[0]);
    for (const tag of ['planning', 'tender', 'award', 'contract', 'contractAmendment', 'implementation']) expect(tags).toContain(tag);
    for (const release of pkg.releases) {
      expect(release.initiationType).toBe('tender');
      expect(release.buyer).toEqual({ id: 'palabre-ndar-toute', name: 'Ndar Toute' });
      expect(release.ocid).toMatch(/^ocds-xxxxxx-[0-9a-f-]{36}$/);
    }
    const ids = pkg.releases.map((r: any) => `${r.ocid} ${r.id}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pkg.publishedDate).toBe(pkg.releases.map((r: any) => r.date).sort().at(-1));
  });

  it('record packages (all, and one process) are valid, linking their releases and compiling them', async () => {
    const all = await json(`${publicBase}/ocds/records.json`);
    expect(validateRecordPackage(all), schemaErrors(validateRecordPackage).join('\n')).toBe(true);
    expect(all.records).toHaveLength(4);
    const paving = await processByTitle('Pavage de la rue Blaise Diagne');
    const one = await json(`${publicBase}/ocds/${paving.ocid}.json`);
    expect(validateRecordPackage(one), schemaErrors(validateRecordPackage).join('\n')).toBe(true);
    const [record] = one.records;
    expect(record.releases.map((r: any) => r.tag[0])).toEqual(['tender', 'award', 'contract', 'contractAmendment', 'implementation']);
    expect(record.releases[0].url).toMatch(/\/ocds\/releases\.json#ocds-xxxxxx-.+-001-tender$/);
    const compiled = record.compiledRelease;
    expect(compiled.tag).toEqual(['compiled']);
    expect(compiled.date).toBe('2026-09-10T10:00:00.000Z');
    expect(compiled.tender).toMatchObject({ procurementMethod: 'open', mainProcurementCategory: 'works', numberOfTenderers: 3, value: { amount: 45000000, currency: 'XOF' } });
    // Dakar is on UTC all year: the tender opens at midnight there.
    expect(compiled.tender.tenderPeriod).toEqual({ startDate: '2026-01-12T00:00:00.000Z', endDate: '2026-02-13T23:59:00.000Z' });
    expect(compiled.awards).toEqual([{ id: 'award-1', status: 'active', date: '2026-02-27T00:00:00.000Z', value: { amount: 42000000, currency: 'XOF' }, suppliers: [{ id: 'SN-NINEA-004561239', name: 'Bâtiments du Fleuve SA' }] }]);
    expect(compiled.contracts[0].value).toEqual({ amount: 52000000, currency: 'XOF' });
    expect(compiled.contracts[0].amendments).toEqual([{ id: 'amendment-1', date: '2026-07-15T00:00:00.000Z', description: 'Caniveaux ajoutés sur toute la longueur de la rue.' }]);
    expect(compiled.contracts[0].implementation.transactions).toHaveLength(1);
    expect(compiled.parties.map((p: any) => [p.id, p.roles])).toEqual([['palabre-ndar-toute', ['buyer', 'procuringEntity']], ['SN-NINEA-004561239', ['tenderer', 'supplier', 'payee']]]);
  });

  it('a commune without any process has no package (OCDS wants at least one release); unknown ocids are 404', async () => {
    expect((await t.request(null, 'GET', '/tiznit-el-jadida/finances/contracts/ocds/releases.json')).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/tiznit-el-jadida/finances/contracts/ocds/records.json')).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `${publicBase}/ocds/ocds-xxxxxx-nothing.json`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `${publicBase}/ocds/whatever`)).statusCode).toBe(404);
  });
});

describe('staff record a contracting process', () => {
  it('each stage saved publishes one release, tagged by the codelist, and is audited', async () => {
    const id = await newProcess('Curage des caniveaux');
    const url = `${adminBase}/${id}`;
    expect((await t.request(staff, 'GET', url)).statusCode).toBe(200);
    for (const [form, body] of [['tender', tenderForm()], ['tender', tenderForm({ tenderers: '4' })], ['award', awardForm], ['contract', contractForm], ['amendments', { amendment_date: '2026-08-01', amendment_description: 'Deux rues de plus.', new_amount: '2 700 000' }], ['payments', { payment_date: '2026-08-15', payment_amount: '1 200 000,50' }], ['payments', { payment_date: '2026-09-30', payment_amount: '1 200 000' }]] as const) {
      const saved = await t.request(staff, 'POST', `${url}/${form}`, body);
      expect(saved.statusCode, `${form}: ${saved.body.slice(0, 500)}`).toBe(303);
      expect(saved.headers.location).toBe(url);
    }
    expect(await releaseTags(id)).toEqual(['tender', 'tenderUpdate', 'award', 'contract', 'contractAmendment', 'implementation', 'implementationUpdate']);
    expect(await auditActions(id)).toEqual(['contract_process.created', 'contract_process.tender_recorded', 'contract_process.tender_recorded', 'contract_process.award_recorded', 'contract_process.contract_recorded', 'contract_process.amendments_recorded', 'contract_process.payments_recorded', 'contract_process.payments_recorded']);
    const process = await scopedContracts(t.services.db, ndarId).selectFrom('finance_contract_processes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(process.tender?.numberOfTenderers).toBe(4);
    expect(process.implementation?.payments.map((p) => p.amount)).toEqual(['1200000.50', '1200000']);
    const page = flat((await t.request(staff, 'GET', url)).body);
    expect(page).toContain('2 700 000 F CFA');
    expect(page).toContain('<code>contractAmendment</code>');
    // +12.5 %: under the threshold.
    expect(page).toContain('Aucun signal d’alerte.');
    const record = await json(`${publicBase}/ocds/${process.ocid}.json`);
    expect(validateRecordPackage(record), schemaErrors(validateRecordPackage).join('\n')).toBe(true);
    expect(record.records[0].compiledRelease.tender.documents).toEqual([{ id: expect.stringMatching(/^doc-/), documentType: 'tenderNotice', title: 'Avis', url: 'https://example.org/avis.pdf' }]);
    expect(record.records[0].compiledRelease.contracts[0].implementation.transactions.map((x: any) => x.value.amount)).toEqual([1200000.5, 1200000]);
    const releases = await json(`${publicBase}/ocds/releases.json`);
    expect(validateReleasePackage(releases), schemaErrors(validateReleasePackage).join('\n')).toBe(true);
  });

  it('invalid input re-renders the stage form with an error summary and what was typed; nothing is published', async () => {
    const id = await newProcess('Achat de tables-bancs');
    const url = `${adminBase}/${id}`;
    const refused = await t.request(staff, 'POST', `${url}/tender`, tenderForm({ value: 'beaucoup', period_start: '2026-06-10', period_end: '2026-06-01', doc_url_1: 'javascript:alert(1)' }));
    expect(refused.statusCode).toBe(422);
    const page = flat(refused.body);
    expect(page).toContain('class="error-summary"');
    expect(page).toContain('Indiquez un montant, par exemple 1 500 000 ou 1 500 000,50.');
    expect(page).toContain('La fin doit venir après le début.');
    expect(page).toContain('Indiquez un lien web commençant par https:// ou http://.');
    expect(page).toContain('value="beaucoup"');
    expect(page).toContain('<details id="form-tender" class="stage-form" open>');
    const noContract = await t.request(staff, 'POST', `${url}/payments`, { payment_date: '2026-08-15', payment_amount: '1000' });
    expect(noContract.statusCode).toBe(422);
    expect(noContract.body).toContain('Enregistrez d’abord le contrat.');
    const badLine = await t.request(staff, 'POST', `${url}/planning`, { budget_line: '2026|expenditure|investment|nope|nope' });
    expect(badLine.statusCode).toBe(422);
    expect(await releaseTags(id)).toEqual([]);
    expect((await t.request(staff, 'POST', `${adminBase}/new`, { title: '  ' })).statusCode).toBe(422);
  });

  it('a save computed from a page someone has saved since is refused, not merged over their change', async () => {
    const id = await newProcess('Réparation du château d’eau');
    const commune = await t.services.db.selectFrom('communes').selectAll().where('id', '=', ndarId).executeTakeFirstOrThrow();
    const seen = await scopedContracts(t.services.db, ndarId).selectFrom('finance_contract_processes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect((await t.request(staff, 'POST', `${adminBase}/${id}/tender`, tenderForm())).statusCode).toBe(303);
    await expect(recordStage(t.services.db, { commune, process: seen, stage: 'planning', patch: { planning: { budgetYear: null, budgetLineKey: null, budgetLineLabel: null, budgetAmount: '1', rationale: null } }, userId: null })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await releaseTags(id)).toEqual(['tender']);
  });

  it('refuses citizens, other communes’ staff and posts without the CSRF token', async () => {
    const paving = await processByTitle('Pavage de la rue Blaise Diagne');
    const url = `${adminBase}/${paving.id}`;
    expect((await t.request('ndar-toute:citizen', 'GET', adminBase)).statusCode).toBe(403);
    expect((await t.request('ndar-toute:moderator', 'POST', `${url}/award`, awardForm)).statusCode).toBe(403);
    const anonymous = await t.request(null, 'GET', adminBase);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/sign-in');
    for (const key of ['tiznit-el-jadida:staff', 'tiznit-el-jadida:admin']) {
      expect((await t.request(key, 'GET', url)).statusCode).toBe(403);
      expect((await t.request(key, 'POST', `${url}/award`, awardForm)).statusCode).toBe(403);
      // In their own commune's back-office, another commune's process does not exist.
      expect((await t.request(key, 'GET', `/tiznit-el-jadida/admin/finances/contracts/${paving.id}`)).statusCode).toBe(404);
      expect((await t.request(key, 'POST', `/tiznit-el-jadida/admin/finances/contracts/${paving.id}/award`, awardForm)).statusCode).toBe(404);
    }
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/finances/contracts/${paving.id}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/finances/contracts/ocds/${paving.ocid}.json`)).statusCode).toBe(404);
    const withoutToken = await t.app.inject({ method: 'POST', url: `${url}/award`, payload: new URLSearchParams(awardForm).toString(), headers: { cookie: await t.cookiesFor(staff), 'content-type': 'application/x-www-form-urlencoded' } });
    expect(withoutToken.statusCode).toBe(403);
    expect(await releaseTags(paving.id)).toEqual(['tender', 'award', 'contract', 'contractAmendment', 'implementation']);
    expect((await processByTitle('Pavage de la rue Blaise Diagne')).award?.supplierName).toBe('Bâtiments du Fleuve SA');
  });
});

describe('planning from the commune’s budget', () => {
  const line = (communeId: string, natureLabel: string, natureCode: string) => ({ commune_id: communeId, year: 2026, phase: 'adopted' as const, direction: 'expenditure' as const, section: 'investment' as const, nature_code: natureCode, nature_label: natureLabel, function_code: '620', function_label: 'Voirie', line_key: `expenditure|investment|${natureCode}|620`, amount: '50000000' });

  it('links the process to one of the commune’s own expenditure lines, never another commune’s', async () => {
    await financesDb(t.services.db).insertInto('finance_budget_lines').values([line(ndarId, 'Travaux de voirie', '2313'), line(tiznitId, 'Ligne de Tiznit seulement', '2399')]).execute();
    const id = await newProcess('Trottoirs du marché');
    const page = (await t.request(staff, 'GET', `${adminBase}/${id}`)).body;
    expect(page).toContain('<option value="2026|expenditure|investment|2313|620">2026 · Travaux de voirie — Voirie</option>');
    expect(page).not.toContain('Ligne de Tiznit seulement');
    const foreign = await t.request(staff, 'POST', `${adminBase}/${id}/planning`, { budget_line: '2026|expenditure|investment|2399|620', budget_amount: '10 000 000' });
    expect(foreign.statusCode).toBe(422);
    const saved = await t.request(staff, 'POST', `${adminBase}/${id}/planning`, { budget_line: '2026|expenditure|investment|2313|620', budget_amount: '10 000 000', rationale: 'Sécuriser les piétons.' });
    expect(saved.statusCode).toBe(303);
    const process = await scopedContracts(t.services.db, ndarId).selectFrom('finance_contract_processes').select('ocid').where('id', '=', id).executeTakeFirstOrThrow();
    const record = await json(`${publicBase}/ocds/${process.ocid}.json`);
    expect(validateRecordPackage(record), schemaErrors(validateRecordPackage).join('\n')).toBe(true);
    expect(record.records[0].compiledRelease.planning).toEqual({ budget: { id: '2026|expenditure|investment|2313|620', description: 'Travaux de voirie — Voirie', amount: { amount: 10000000, currency: 'XOF' } }, rationale: 'Sécuriser les piétons.' });
    expect(record.records[0].releases.map((r: any) => r.tag)).toEqual([['planning']]);
    expect(flat((await t.request(null, 'GET', `${publicBase}/${id}`)).body)).toContain('2026 · Travaux de voirie — Voirie');
  });
});

describe('the ocid prefix', () => {
  it('only the commune’s administrators set it; new processes use it, old ones keep theirs; registered removes the notice', async () => {
    expect((await t.request(staff, 'GET', `${adminBase}/settings`)).statusCode).toBe(403);
    expect((await t.request(staff, 'POST', `${adminBase}/settings`, { ocid_prefix: 'ocds-abc123', registered: 'on' })).statusCode).toBe(403);
    const invalid = await t.request(admin, 'POST', `${adminBase}/settings`, { ocid_prefix: 'ocds-12', registered: 'on' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('value="ocds-12"');
    const saved = await t.request(admin, 'POST', `${adminBase}/settings`, { ocid_prefix: 'OCDS-ND4R7T' });
    expect(saved.statusCode).toBe(303);
    const id = await newProcess('Marché après le préfixe');
    const fresh = await scopedContracts(t.services.db, ndarId).selectFrom('finance_contract_processes').select('ocid').where('id', '=', id).executeTakeFirstOrThrow();
    expect(fresh.ocid).toBe(`ocds-nd4r7t-${id}`);
    expect((await processByTitle('Pavage de la rue Blaise Diagne')).ocid).toMatch(/^ocds-xxxxxx-/);
    expect((await t.request(null, 'GET', publicBase)).body).toContain('« ocds-nd4r7t » n’est pas encore enregistré');
    expect((await t.request(admin, 'POST', `${adminBase}/settings`, { ocid_prefix: 'ocds-nd4r7t', registered: 'on' })).statusCode).toBe(303);
    const page = (await t.request(null, 'GET', publicBase)).body;
    expect(page).not.toContain('n’est pas encore enregistré');
    expect(page).toContain('Le préfixe ocid « ocds-nd4r7t » est enregistré');
    expect((await t.services.db.selectFrom('audit_log').select('details').where('action', '=', 'contract_settings.updated').where('commune_id', '=', ndarId).execute())).toHaveLength(2);
  });
});

describe('hostile strings render inert on the contract pages', () => {
  for (const hostile of hostileStrings) {
    it(hostile.name, async () => {
      const text = hostile.value.slice(0, 280);
      const probe = hostile.probe.slice(0, 80);
      const id = await newProcess(text);
      expect((await t.request(staff, 'POST', `${adminBase}/${id}/tender`, tenderForm({ title: text, description: hostile.value.slice(0, 4000), doc_title_1: text }))).statusCode).toBe(303);
      expect((await t.request(staff, 'POST', `${adminBase}/${id}/award`, { ...awardForm, supplier_name: text, supplier_id: text.slice(0, 100) })).statusCode).toBe(303);
      for (const [key, url] of [[staff, `${adminBase}/${id}`], [staff, adminBase], [null, publicBase], [null, `${publicBase}/${id}`]] as const) {
        const page = await t.request(key, 'GET', url);
        expect(page.statusCode, url).toBe(200);
        expect(inertnessProblems(page.body), url).toEqual([]);
        expect(visibleText(page.body), url).toContain(probe);
      }
    });
  }
});

describe('open data', () => {
  it('one row per process with exact amounts, the currency and the red flags; only the commune’s own', async () => {
    const rows = await contractsExport.rows(t.services.db, ndarId);
    const paving = rows.find((r) => r.title === 'Pavage de la rue Blaise Diagne')!;
    expect(paving).toMatchObject({ status: 'implementation', procurement_method: 'open', supplier_name: 'Bâtiments du Fleuve SA', contract_amount_signed: '42000000', contract_amount_current: '52000000', amendment_increase_percent: 23.8, paid_amount: '30000000.00', currency: 'XOF', red_flags: 'large_amendment' });
    expect(await contractsExport.rows(t.services.db, tiznitId)).toEqual([]);
  });

  it('the export is listed in the commune’s data portal', async () => {
    const portal = await t.request(null, 'GET', '/ndar-toute/data');
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('Marchés publics');
  });
});
