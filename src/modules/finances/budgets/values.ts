import { type NumberFormat, normaliseNumber, numberFormats } from '../../open-data/index.js';
import type { BudgetDirection, BudgetPhase, BudgetSection } from '../db/tables.js';

/** Lower case, without accents or surrounding spaces: how labels in the communes' files are compared. */
export const folded = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The words communes write for each section, direction and phase (French, English, Portuguese, Arabic, abbreviations). */
const sectionWords: Record<BudgetSection, string[]> = {
  operating: ['fonctionnement', 'f', 'operating', 'operation', 'funcionamento', 'التسيير', 'تسيير'],
  investment: ['investissement', 'i', 'investment', 'capital', 'investimento', 'التجهيز', 'تجهيز', 'الاستثمار'],
};
const directionWords: Record<BudgetDirection, string[]> = {
  revenue: ['recette', 'recettes', 'r', 'revenue', 'revenues', 'receita', 'receitas', 'مداخيل', 'المداخيل', 'إيرادات', 'الإيرادات'],
  expenditure: ['depense', 'depenses', 'd', 'expenditure', 'expense', 'spending', 'despesa', 'despesas', 'نفقات', 'النفقات', 'مصاريف'],
};
const phaseWords: Record<BudgetPhase, string[]> = {
  proposed: ['proposed', 'propose', 'projet', 'projet de budget', 'proposition', 'proposto'],
  adopted: ['adopted', 'adopte', 'vote', 'budget primitif', 'bp', 'primitif', 'aprovado'],
  amended: ['amended', 'modifie', 'budget modifie', 'budget rectificatif', 'budget supplementaire', 'bs', 'decision modificative', 'dm', 'rectificatif', 'alterado'],
  executed: ['executed', 'execute', 'realise', 'compte administratif', 'ca', 'execucao', 'executado'],
};

function wordLookup<T extends string>(words: Record<T, string[]>): (text: string) => T | null {
  const byWord = new Map<string, T>();
  for (const [value, list] of Object.entries(words) as [T, string[]][]) for (const word of list) byWord.set(folded(word), value);
  return (text) => byWord.get(folded(text)) ?? null;
}

export const sectionOf = wordLookup(sectionWords);
export const directionOf = wordLookup(directionWords);
export const phaseOf = wordLookup(phaseWords);

const negativeInParentheses = /^\((.*)\)$/;

/** An amount under one number format, as exact decimal text ("-1234.50"); accountants' "(1 234)" is negative. */
export function amountIn(text: string, format: NumberFormat): string | null {
  const trimmed = text.trim().replace(/\s*(fcfa|cfa|xof|mad|dh|gnf|f)$/i, '');
  const inParentheses = negativeInParentheses.exec(trimmed);
  const value = normaliseNumber(inParentheses ? inParentheses[1]! : trimmed, format);
  if (value === null) return null;
  if (!inParentheses) return value;
  return value.startsWith('-') ? value.slice(1) : `-${value.replace(/^\+/, '')}`;
}

/**
 * The number format of a whole amount column: the one under which most cells read (the first on a tie). A column
 * decides, not each cell, so "1.250" cannot mean 1.25 on one line and 1250 on the next; a stray word stays refused.
 */
export function amountFormatOf(cells: string[]): NumberFormat {
  const filled = cells.filter((cell) => cell.trim() !== '');
  const readable = (format: NumberFormat) => filled.filter((cell) => amountIn(cell, format) !== null).length;
  return numberFormats.reduce((best, format) => (readable(format) > readable(best) ? format : best), numberFormats[0]!);
}

/** What matches a line across the phases of a year: its direction, section, nature and function codes. */
export const lineKeyOf = (line: { direction: BudgetDirection; section: BudgetSection; nature_code: string; function_code: string }) =>
  `${line.direction}|${line.section}|${line.nature_code}|${line.function_code}`;
