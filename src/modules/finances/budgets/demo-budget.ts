import iconv from 'iconv-lite';
import type { BudgetPhase } from '../db/tables.js';

/** One line of the demo budget: its codes, labels and the adopted amount of the first year (in currency units). */
interface DemoLine {
  direction: 'Recette' | 'Dépense';
  section: 'Fonctionnement' | 'Investissement';
  nature: [string, string];
  fn: [string, string] | null;
  adopted: number;
}

/** A small commune's budget, as its finance office lays it out (natures as in the M14-style nomenclature). */
const demoLines: DemoLine[] = [
  { direction: 'Recette', section: 'Fonctionnement', nature: ['70', 'Produits de l’exploitation (marchés, gares routières)'], fn: null, adopted: 185_000_000 },
  { direction: 'Recette', section: 'Fonctionnement', nature: ['71', 'Produits domaniaux'], fn: null, adopted: 42_000_000 },
  { direction: 'Recette', section: 'Fonctionnement', nature: ['72', 'Impôts et taxes locaux'], fn: null, adopted: 310_000_000 },
  { direction: 'Recette', section: 'Fonctionnement', nature: ['74', 'Dotations de l’État (fonds de dotation de la décentralisation)'], fn: null, adopted: 95_000_000 },
  { direction: 'Recette', section: 'Investissement', nature: ['10', 'Fonds d’équipement des collectivités locales'], fn: null, adopted: 120_000_000 },
  { direction: 'Recette', section: 'Investissement', nature: ['13', 'Subventions d’équipement des partenaires'], fn: null, adopted: 210_000_000 },
  { direction: 'Recette', section: 'Investissement', nature: ['106', 'Prélèvement sur le fonctionnement'], fn: null, adopted: 90_000_000 },
  { direction: 'Dépense', section: 'Fonctionnement', nature: ['64', 'Frais de personnel'], fn: ['0', 'Services généraux'], adopted: 232_000_000 },
  { direction: 'Dépense', section: 'Fonctionnement', nature: ['60', 'Achats (fournitures, carburant)'], fn: ['0', 'Services généraux'], adopted: 48_000_000 },
  { direction: 'Dépense', section: 'Fonctionnement', nature: ['61', 'Services extérieurs (entretien, électricité)'], fn: ['8', 'Voirie et éclairage public'], adopted: 64_000_000 },
  { direction: 'Dépense', section: 'Fonctionnement', nature: ['60', 'Achats (fournitures scolaires)'], fn: ['2', 'Enseignement'], adopted: 38_000_000 },
  { direction: 'Dépense', section: 'Fonctionnement', nature: ['65', 'Subventions aux postes de santé'], fn: ['4', 'Santé'], adopted: 41_000_000 },
  { direction: 'Dépense', section: 'Fonctionnement', nature: ['65', 'Secours et aides sociales'], fn: ['5', 'Action sociale'], adopted: 27_000_000 },
  { direction: 'Dépense', section: 'Fonctionnement', nature: ['61', 'Ramassage des ordures'], fn: ['6', 'Hygiène et environnement'], adopted: 72_000_000 },
  { direction: 'Dépense', section: 'Fonctionnement', nature: ['65', 'Appui aux associations sportives et culturelles'], fn: ['3', 'Culture, jeunesse et sports'], adopted: 18_000_000 },
  { direction: 'Dépense', section: 'Fonctionnement', nature: ['106', 'Prélèvement pour l’investissement'], fn: ['0', 'Services généraux'], adopted: 90_000_000 },
  { direction: 'Dépense', section: 'Investissement', nature: ['23', 'Construction de salles de classe'], fn: ['2', 'Enseignement'], adopted: 140_000_000 },
  { direction: 'Dépense', section: 'Investissement', nature: ['23', 'Pavage et éclairage des rues'], fn: ['8', 'Voirie et éclairage public'], adopted: 125_000_000 },
  { direction: 'Dépense', section: 'Investissement', nature: ['21', 'Équipement du poste de santé'], fn: ['4', 'Santé'], adopted: 60_000_000 },
  { direction: 'Dépense', section: 'Investissement', nature: ['23', 'Aménagement du marché central'], fn: ['9', 'Action économique'], adopted: 95_000_000 },
];

/** Each phase as a share of the adopted amount, varied per line so that execution rates differ. */
function phaseAmount(line: DemoLine, index: number, phase: BudgetPhase, year: number): { amount: number; paid: number | null } {
  const growth = year === 2025 ? 0.92 : 1;
  const adopted = Math.round(line.adopted * growth);
  const spread = ((index * 37) % 21) / 100; // 0 to 0.20
  if (phase === 'proposed') return { amount: Math.round(adopted * (1.04 + spread / 4)), paid: null };
  if (phase === 'adopted') return { amount: adopted, paid: null };
  if (phase === 'amended') return { amount: Math.round(adopted * (1 + (index % 4 === 0 ? spread : 0))), paid: null };
  // Investment executes less than operating; the current year is only ten months in.
  const rate = (line.section === 'Investissement' ? 0.55 : 0.86) - spread + (year === 2025 ? 0.08 : 0);
  const mandated = Math.round(adopted * rate);
  return { amount: mandated, paid: line.direction === 'Dépense' ? Math.round(mandated * 0.93) : null };
}

export const templateHeader = ['Sens', 'Section', 'Code nature', 'Libellé nature', 'Code fonction', 'Libellé fonction', 'Montant', 'Montant payé', 'Phase'];

const phaseWords: Record<BudgetPhase, string> = { proposed: 'Projet de budget', adopted: 'Budget primitif', amended: 'Budget modifié', executed: 'Compte administratif' };

/** French thousands with a space and a decimal comma, as a French spreadsheet writes them. */
const frenchAmount = (amount: number, scale: number) => {
  const value = amount / scale;
  const [units, cents] = value.toFixed(scale === 1 ? 0 : 2).split('.');
  return `${units!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}${cents ? `,${cents}` : ''}`;
};

/** The demo budget of one year and phase as rows of the template (amounts divided by `scale` for other currencies). */
export function demoBudgetRows(year: number, phase: BudgetPhase, scale = 1): string[][] {
  return demoLines.map((line, index) => {
    const { amount, paid } = phaseAmount(line, index, phase, year);
    return [line.direction, line.section, line.nature[0], line.nature[1], line.fn?.[0] ?? '', line.fn?.[1] ?? '', frenchAmount(amount, scale), paid === null ? '' : frenchAmount(paid, scale), phaseWords[phase]];
  });
}

const csvCell = (cell: string) => (/[";\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const csvText = (rows: string[][]) => rows.map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n';

/** The demo budget as the finance office's software exports it: semicolons, Windows-1252 (what Excel writes in French). */
export const demoBudgetCsv = (year: number, phase: BudgetPhase, scale = 1): Buffer => iconv.encode(csvText([templateHeader, ...demoBudgetRows(year, phase, scale)]), 'windows-1252');

/** The empty template with two example lines, in UTF-8 with a byte-order mark so that Excel opens it right. */
export const budgetTemplateCsv = (): Buffer =>
  Buffer.from(`\uFEFF${csvText([templateHeader, ['Recette', 'Fonctionnement', '72', 'Impôts et taxes locaux', '', '', '310 000 000', '', 'Budget primitif'], ['Dépense', 'Investissement', '23', 'Construction de salles de classe', '2', 'Enseignement', '140 000 000', '', 'Budget primitif']])}`);

/** Function codes of the demo budget → COFOG (division or group), the crosswalk a finance officer would write. */
export const demoCrosswalk: Record<string, string> = { '0': '01', '2': '09', '3': '08', '4': '07', '5': '10', '6': '05.1', '8': '04.5', '9': '04' };
