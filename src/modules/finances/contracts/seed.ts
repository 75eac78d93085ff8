import type { Commune } from '../../../platform/db/platform-tables.js';
import type { SeedContext } from '../../../platform/module.js';
import { budgetLineChoices, createProcess, recordStage, type StagePatch } from './store.js';
import type { ContractProcess } from './tables.js';
import type { Stage } from './ocds.js';

interface SeedStep {
  stage: Stage;
  /** Day the stage was recorded (a release date), YYYY-MM-DD. */
  on: string;
  patch: (process: ContractProcess) => StagePatch;
  amendment?: boolean;
}

const tender = (title: string, method: 'open' | 'selective', category: 'goods' | 'works' | 'services', value: string, periodStart: string, periodEnd: string, numberOfTenderers: number) => ({
  tender: { title, description: null, method, category, value, periodStart, periodEnd, numberOfTenderers, documents: [{ id: 'doc-1', type: 'tenderNotice' as const, title: 'Avis d’appel d’offres', url: 'https://example.org/ndar-toute/avis.pdf' }] },
});
const award = (supplierName: string, supplierId: string, amount: string, date: string) => ({ award: { supplierName, supplierScheme: 'SN-NINEA', supplierId, amount, date } });
const contract = (signedDate: string, amount: string, periodEnd: string) => ({ contract: { signedDate, periodStart: signedDate, periodEnd, amount, amendments: [] } });

/** Four processes of Ndar Toute: one for each red flag, and one without any. */
const demoProcesses: { title: string; steps: SeedStep[] }[] = [
  {
    title: 'Réhabilitation de l’école élémentaire de Pikine',
    steps: [
      { stage: 'tender', on: '2026-02-02', patch: () => tender('Réhabilitation de l’école élémentaire de Pikine', 'open', 'works', '38000000', '2026-02-02', '2026-03-06', 1) },
      { stage: 'award', on: '2026-03-20', patch: () => award('Entreprise Diop et Frères', '005432187', '37500000', '2026-03-20') },
      { stage: 'contract', on: '2026-04-01', patch: () => contract('2026-04-01', '37500000', '2026-09-30') },
    ],
  },
  {
    title: 'Fourniture de bacs à ordures pour les quartiers',
    steps: [
      { stage: 'tender', on: '2026-03-02', patch: () => tender('Fourniture de bacs à ordures pour les quartiers', 'open', 'goods', '6500000', '2026-03-02', '2026-03-09', 4) },
      { stage: 'award', on: '2026-03-16', patch: () => award('Sahel Équipements SARL', '006781234', '6200000', '2026-03-16') },
      { stage: 'contract', on: '2026-03-23', patch: () => contract('2026-03-23', '6200000', '2026-05-31') },
      { stage: 'implementation', on: '2026-06-05', patch: () => ({ implementation: { payments: [{ id: 'payment-1', date: '2026-06-05', amount: '6200000' }] } }) },
    ],
  },
  {
    title: 'Pavage de la rue Blaise Diagne',
    steps: [
      { stage: 'tender', on: '2026-01-12', patch: () => tender('Pavage de la rue Blaise Diagne', 'open', 'works', '45000000', '2026-01-12', '2026-02-13', 3) },
      { stage: 'award', on: '2026-02-27', patch: () => award('Bâtiments du Fleuve SA', '004561239', '42000000', '2026-02-27') },
      { stage: 'contract', on: '2026-03-10', patch: () => contract('2026-03-10', '42000000', '2026-08-31') },
      {
        stage: 'contract',
        on: '2026-07-15',
        amendment: true,
        patch: (p) => ({ contract: { ...p.contract!, amendments: [{ id: 'amendment-1', date: '2026-07-15', description: 'Caniveaux ajoutés sur toute la longueur de la rue.', newAmount: '52000000' }] } }),
      },
      { stage: 'implementation', on: '2026-09-10', patch: () => ({ implementation: { payments: [{ id: 'payment-1', date: '2026-09-10', amount: '30000000' }] } }) },
    ],
  },
  {
    title: 'Entretien de l’éclairage public',
    steps: [
      { stage: 'planning', on: '2026-01-05', patch: () => ({ planning: { budgetYear: null, budgetLineKey: null, budgetLineLabel: null, budgetAmount: '12000000', rationale: 'Remplacer les lampes défectueuses et entretenir le réseau pendant un an.' } }) },
      { stage: 'tender', on: '2026-04-06', patch: () => tender('Entretien de l’éclairage public', 'selective', 'services', '12000000', '2026-04-06', '2026-05-08', 3) },
    ],
  },
];

/** Records the demo processes through the same code staff use, so their releases are real. */
export async function seedContracts(context: SeedContext): Promise<void> {
  const ref = context.communes.get('ndar-toute');
  if (!ref) return;
  const { db } = context;
  const commune = (await db.selectFrom('communes').selectAll().where('id', '=', ref.id).executeTakeFirstOrThrow()) as Commune;
  const lines = await budgetLineChoices(db, commune.id);
  for (const demo of demoProcesses) {
    let process = await createProcess(db, commune.id, demo.title);
    for (const step of demo.steps) {
      const patch = step.patch(process);
      // Links the planning to a real budget line when the budget demo has loaded some.
      if (patch.planning && lines[0]) Object.assign(patch.planning, { budgetYear: lines[0].year, budgetLineKey: lines[0].lineKey, budgetLineLabel: lines[0].label });
      ({ process } = await recordStage(db, { commune, process, stage: step.stage, patch, amendment: step.amendment ?? false, userId: null, now: new Date(`${step.on}T10:00:00Z`) }));
    }
  }
}
