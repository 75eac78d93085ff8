import { folded } from './values.js';

/** The budget fields an import fills, in the template's order; `required` ones must be mapped to a column. */
export const budgetFields = [
  { id: 'direction', required: true },
  { id: 'section', required: true },
  { id: 'nature_code', required: true },
  { id: 'nature_label', required: true },
  { id: 'function_code', required: false },
  { id: 'function_label', required: false },
  { id: 'amount', required: true },
  { id: 'paid_amount', required: false },
  { id: 'phase', required: false },
] as const;
export type BudgetFieldId = (typeof budgetFields)[number]['id'];
export type Mapping = Partial<Record<BudgetFieldId, string>>;

/** Headers seen in communes' files for each field (folded), the template's own first. */
const headerSynonyms: Record<BudgetFieldId, string[]> = {
  direction: ['sens', 'recette ou depense', 'recette/depense', 'type', 'nature de l operation', 'direction', 'codrd', 'bgt_codrd'],
  section: ['section', 'bgt_section'],
  nature_code: ['code nature', 'nature', 'compte', 'code compte', 'article', 'imputation', 'bgt_nature', 'nature code'],
  nature_label: ['libelle nature', 'libelle', 'intitule', 'designation', 'libelle du compte', 'bgt_nature_label', 'nature label'],
  function_code: ['code fonction', 'fonction', 'bgt_fonction', 'function code', 'function'],
  function_label: ['libelle fonction', 'intitule fonction', 'bgt_fonction_label', 'function label'],
  amount: ['montant', 'montant (fcfa)', 'credits', 'credits votes', 'prevision', 'previsions', 'montant prevu', 'montant mandate', 'mandate', 'realise', 'bgt_mtprev', 'bgt_mtreal', 'amount'],
  paid_amount: ['montant paye', 'paye', 'paiements', 'paid', 'paid amount'],
  phase: ['phase', 'etape', 'bgt_natdec', 'stage'],
};

/** The column proposed for each field: a header equal to one of its synonyms, each header used once. */
export function suggestedMapping(headers: string[]): Mapping {
  const mapping: Mapping = {};
  const used = new Set<string>();
  for (const field of budgetFields) {
    const synonyms = headerSynonyms[field.id];
    const header = headers.find((h) => !used.has(h) && synonyms.includes(folded(h)));
    if (header) {
      mapping[field.id] = header;
      used.add(header);
    }
  }
  return mapping;
}

export const missingRequired = (mapping: Mapping): BudgetFieldId[] => budgetFields.filter((f) => f.required && !mapping[f.id]).map((f) => f.id);
