import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestedMapping } from './fields.js';
import { validateRows } from './validate.js';
import { amountFormatOf, amountIn, directionOf, phaseOf, sectionOf } from './values.js';

const header = ['Sens', 'Section', 'Code nature', 'Libellé nature', 'Code fonction', 'Libellé fonction', 'Montant', 'Montant payé', 'Phase'];
const row = (line: number, ...cells: string[]) => ({ line, cells });

describe('budget values', () => {
  it('reads the words communes write for directions, sections and phases', () => {
    expect([directionOf('Dépenses'), directionOf(' R '), directionOf('النفقات'), directionOf('autre')]).toEqual(['expenditure', 'revenue', 'expenditure', null]);
    expect([sectionOf('Fonctionnement'), sectionOf('INVESTISSEMENT'), sectionOf('x')]).toEqual(['operating', 'investment', null]);
    expect([phaseOf('Budget primitif'), phaseOf('Compte administratif'), phaseOf('DM')]).toEqual(['adopted', 'executed', 'amended']);
  });

  it('reads amounts as exact decimal text, whatever the spreadsheet did to them', () => {
    const french = amountFormatOf(['1 250 000,50', '3 400 000', '-12 500']);
    expect(['1 250 000,50', '3 400 000', '-12 500', '(2 000)', '1 000 FCFA'].map((text) => amountIn(text, french))).toEqual(['1250000.50', '3400000', '-12500', '-2000', '1000']);
    const dotted = amountFormatOf(['1.250.000', '3.400.000,75']);
    expect(amountIn('1.250.000', dotted)).toBe('1250000');
    expect(amountIn('beaucoup', french)).toBeNull();
  });

  it('never changes the value of a plain number', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99 }), (units, cents) => {
      const text = `${units}.${String(cents).padStart(2, '0')}`;
      expect(Number(amountIn(text, amountFormatOf([text])))).toBeCloseTo(Number(text), 2);
    }));
  });
});

describe('column mapping', () => {
  it('recognises the template’s headers and the usual variants, each column once', () => {
    expect(suggestedMapping(header)).toEqual({ direction: 'Sens', section: 'Section', nature_code: 'Code nature', nature_label: 'Libellé nature', function_code: 'Code fonction', function_label: 'Libellé fonction', amount: 'Montant', paid_amount: 'Montant payé', phase: 'Phase' });
    expect(suggestedMapping(['Recette/Dépense', 'SECTION', 'Compte', 'Intitulé', 'Crédits votés'])).toEqual({ direction: 'Recette/Dépense', section: 'SECTION', nature_code: 'Compte', nature_label: 'Intitulé', amount: 'Crédits votés' });
  });
});

describe('validateRows', () => {
  const mapping = suggestedMapping(header);

  it('keeps the lines that fit and refuses each other row with its line number and reason', () => {
    const { lines, errors } = validateRows(header, [
      row(2, 'Dépense', 'Fonctionnement', '60', 'Achats', '2', 'Enseignement', '1 250 000,50', '800 000', 'Compte administratif'),
      row(3, 'Recette', 'Investissement', '13', 'Subventions', '', '', '5 000 000', '', 'CA'),
      row(4, 'Dépense', 'Fonctionnement', '60', 'Achats (doublon)', '2', 'Enseignement', '1', '', 'CA'),
      row(5, 'Dépense', 'Ailleurs', '61', 'Services', '', '', '1', '', 'CA'),
      row(6, 'Dépense', 'Fonctionnement', '', 'Sans code', '', '', '1', '', 'CA'),
      row(7, 'Dépense', 'Fonctionnement', '62', 'Autre phase', '', '', '1', '', 'Budget primitif'),
      row(8, 'Dépense', 'Fonctionnement', '63', 'Trop payé', '', '', '100', '200', 'CA'),
      row(9, 'Dépense', 'Fonctionnement', '64', 'Illisible', '', '', 'cent', '', 'CA'),
    ], mapping, 'executed');
    expect(lines.map((line) => [line.line_key, line.amount, line.paid_amount])).toEqual([
      ['expenditure|operating|60|2', '1250000.50', '800000'],
      ['revenue|investment|13|', '5000000', null],
    ]);
    expect(errors).toEqual([
      { line: 4, message: 'duplicate_line' },
      { line: 5, column: 'Section', message: 'not_section' },
      { line: 6, column: 'Code nature', message: 'missing' },
      { line: 7, column: 'Phase', message: 'other_phase' },
      { line: 8, column: 'Montant payé', message: 'paid_over_mandated' },
      { line: 9, column: 'Montant', message: 'not_amount' },
    ]);
  });

  it('refuses a paid amount outside the executed phase', () => {
    const { errors } = validateRows(header, [row(2, 'D', 'F', '60', 'Achats', '', '', '10', '5', '')], mapping, 'adopted');
    expect(errors).toEqual([{ line: 2, column: 'Montant payé', message: 'paid_outside_execution' }]);
  });
});
