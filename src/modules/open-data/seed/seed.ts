import { createHash } from 'node:crypto';
import type { SeedContext } from '../../../platform/module.js';
import { scoped } from '../db/open-data-db.js';
import type { DataTheme, UpdateFrequency } from '../db/tables.js';
import { runImport } from '../import/run.js';
import { budgetExecutionCsv, facilitiesCsv } from './demo-files.js';

interface DemoDataset {
  slug: string;
  name: string;
  title: Record<string, string>;
  description: Record<string, string>;
  themes: DataTheme[];
  keywords: string[];
  frequency: UpdateFrequency;
  temporal: [string, string] | null;
  contact: [string, string];
  file: { name: string; filename: string; content: Buffer; description: Record<string, string> };
}

const demoDatasets: DemoDataset[] = [
  {
    slug: 'ndar-toute',
    name: 'ndar-toute-execution-budget-2026',
    title: { fr: 'Exécution du budget communal 2026', en: 'Municipal budget execution 2026', pt: 'Execução do orçamento municipal 2026' },
    description: {
      fr: 'Crédits prévus, engagés et mandatés par article budgétaire, mis à jour chaque mois par le service financier.',
      en: 'Planned, committed and paid amounts per budget line, updated every month by the finance office.',
    },
    themes: ['ECON', 'GOVE'],
    keywords: ['budget', 'finances', 'dépenses'],
    frequency: 'MONTHLY',
    temporal: ['2026-01-01', '2026-12-31'],
    contact: ['Service financier', 'finances@ndar-toute.example'],
    file: {
      name: 'Exécution au 31 octobre 2026',
      filename: 'execution-budget-2026-10.csv',
      content: budgetExecutionCsv('31/10/2026'),
      description: { fr: 'Export du logiciel comptable (séparateur point-virgule, montants en francs CFA).' },
    },
  },
  {
    slug: 'tiznit-el-jadida',
    name: 'tiznit-el-jadida-equipements-publics',
    title: { fr: 'Équipements publics de la commune', ar: 'المرافق العمومية للجماعة' },
    description: { fr: 'Maisons des jeunes, écoles, centres de santé, marchés et terrains de sport, avec leur position.', ar: 'دور الشباب والمدارس والمراكز الصحية والأسواق والملاعب مع مواقعها.' },
    themes: ['REGI', 'SOCI'],
    keywords: ['équipements', 'cartographie'],
    frequency: 'ANNUAL',
    temporal: null,
    contact: ['Service technique', 'technique@tiznit.example'],
    file: { name: 'Liste des équipements', filename: 'equipements.csv', content: facilitiesCsv(), description: {} },
  },
];

async function seedDataset(context: SeedContext, demo: DemoDataset): Promise<void> {
  const commune = context.communes.get(demo.slug);
  if (!commune) return;
  const db = scoped(context.db, commune.id);
  const staff = context.users.get(`${demo.slug}:staff`) ?? null;
  const dataset = await db.insertInto('open_data_datasets', {
    name: demo.name,
    title: JSON.stringify(demo.title),
    description: JSON.stringify(demo.description),
    themes: JSON.stringify(demo.themes),
    keywords: JSON.stringify(demo.keywords),
    licence_id: 'cc-by',
    contact_name: demo.contact[0],
    contact_email: demo.contact[1],
    temporal_start: demo.temporal?.[0] ?? null,
    temporal_end: demo.temporal?.[1] ?? null,
    frequency: demo.frequency,
    state: 'published',
    created_by: staff,
  }).returning('id').executeTakeFirstOrThrow();
  const { content } = demo.file;
  const resource = await db.insertInto('open_data_resources', {
    dataset_id: dataset.id, name: demo.file.name, description: JSON.stringify(demo.file.description), kind: 'file',
    storage_key: 'pending', filename: demo.file.filename, format: 'CSV', media_type: 'text/csv',
    byte_size: content.length, sha256: createHash('sha256').update(content).digest('hex'),
  }).returning('id').executeTakeFirstOrThrow();
  const storageKey = `open-data/${commune.id}/${resource.id}/${demo.file.filename}`;
  await context.storage.put(storageKey, content);
  await db.updateTable('open_data_resources').set({ storage_key: storageKey }).where('id', '=', resource.id).execute();
  // Loaded as an upload is: the demo's preview and datastore_search work from the first start.
  const queued = await db.insertInto('open_data_imports', { resource_id: resource.id, bytes_total: content.length, created_by: staff }).returning('id').executeTakeFirstOrThrow();
  await runImport(context.services, queued.id);
  await db.insertInto('open_data_revisions', {
    dataset_id: dataset.id, revision: 1, actor_id: staff,
    changes: JSON.stringify([{ field: 'state', after: 'published' }, { field: `resources[${demo.file.name}]`, after: demo.file.filename }]),
    snapshot: JSON.stringify({ name: demo.name, title: demo.title, resources: [demo.file.filename] }),
  }).execute();
}

/** One published dataset per demo commune, with the file staff uploaded, loaded into the datastore. */
export async function seedOpenData(context: SeedContext): Promise<void> {
  for (const demo of demoDatasets) await seedDataset(context, demo);
}
