import { describe, expect, it } from 'vitest';
import type { PhoneBallotOptions, PhoneRound } from '../../budgeting/index.js';
import type { PhoneSurvey } from '../../participation/index.js';
import { MessageRegistry } from '../../../platform/i18n/i18n.js';
import { locales, type Locale } from '../../../platform/i18n/locales.js';
import { channelsModule } from '../manifest.js';
import { type UssdPorts, ussdPath, ussdReply } from './menu.js';
import { maxScreenLength } from './screen.js';

const registry = new MessageRegistry();
registry.register('channels', channelsModule.i18n);

const long = (what: string, i: number) => `${what} ${i} au nom vraiment très long pour un petit écran de téléphone portable`;
const survey = (id: string): PhoneSurvey => ({
  id,
  title: long('Consultation', 1),
  questions: [
    { id: 'q1', kind: 'choice', prompt: long('Question', 1).repeat(3), required: true, options: Array.from({ length: 9 }, (_, i) => ({ id: `o${i}`, label: long('Option', i) })), min: 0, max: 0, condition: null },
    { id: 'q2', kind: 'scale', prompt: long('Note', 2).repeat(3), required: false, options: [], min: 0, max: 10, condition: null },
  ],
});
const round = (rule: PhoneRound['rule'], extra: Partial<PhoneRound> = {}): PhoneRound => ({ id: `r-${rule.kind}`, title: long('Budget', 1), currency: 'XOF', rule, minAge: null, subBudgets: [], ...extra });
const options: PhoneBallotOptions = { budget: 25_000_000, projects: Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, title: long('Projet', i), cost: 1_250_000 * (i + 1) })) };

function ports(config: { surveys?: PhoneSurvey[]; rounds?: PhoneRound[] } = {}) {
  const cast: unknown[] = [];
  const answered: unknown[] = [];
  const value: UssdPorts = {
    categories: async () => [],
    neighbourhoods: async () => [],
    fileComplaint: async () => ({ reference: 'PL-1' }),
    requestStatus: async () => null,
    latestHeadline: async () => null,
    setLocale: async () => undefined,
    surveys: { list: async () => config.surveys ?? [], answered: async () => false, answer: async (id, answers, key) => (answered.push({ id, answers, key }), 'stored') },
    budget: { rounds: async () => config.rounds ?? [], options: async () => options, hasVoted: async () => false, cast: async (input, key) => (cast.push({ input, key }), 'recorded') },
  };
  return { value, cast, answered };
}

const dial = (p: UssdPorts, text: string, locale: Locale = 'fr') => ussdReply(ussdPath(text), { sessionId: 'S1', communeName: 'Commune de Ndar Toute', locale, t: registry.translator(locale) }, p);

describe('the USSD survey and budget menus', () => {
  it('walks a choice and an optional scale (0 is a value there, not "back"), then sends once', async () => {
    const { value, answered } = ports({ surveys: [survey('s1')] });
    expect((await dial(value, '5')).text).toContain('8 Suite');
    expect((await dial(value, '5*8')).text).toContain('1 Option 7');
    expect((await dial(value, '5*8*1*0')).text).toContain('Envoyer ?');
    expect((await dial(value, '5*2*99')).text).toBe('1 réponse(s) prête(s). Envoyer ?\n1 Envoyer\n2 Annuler');
    expect((await dial(value, '5*2*11')).text).toMatch(/^Choix non valide\./);
    expect(await dial(value, '5*8*1*0*1')).toEqual({ end: true, text: 'Merci ! Votre réponse est enregistrée.' });
    expect(answered).toEqual([{ id: 's1', answers: [{ questionId: 'q1', optionId: 'o7' }, { questionId: 'q2', value: 0 }], key: 'S1:5*8*1*0*1' }]);
  });

  it('fills a points ballot: a number asks the points, 0 takes them back', async () => {
    const { value, cast } = ports({ rounds: [round({ kind: 'points', points: 5 })] });
    expect((await dial(value, '6*1*3')).text).toMatch(/^Points 3\/5\n1 \[3\] /);
    expect((await dial(value, '6*1*3*2*3')).text).toMatch(/^Trop de choix ! Points 3\/5/);
    expect((await dial(value, '6*1*3*1*0')).text).toMatch(/^Points 0\/5\n/);
    await dial(value, '6*1*3*2*2*9*1');
    expect(cast).toEqual([{ input: { roundId: 'r-points', subBudget: null, choices: [{ projectId: 'p0', weight: 3 }, { projectId: 'p1', weight: 2 }], declaredAge: false }, key: 'S1:6*1*3*2*2*9*1' }]);
  });

  it('asks the neighbourhood and the age declaration when the round has them, and pages around the projects', async () => {
    const { value, cast } = ports({ rounds: [round({ kind: 'approval', maxChoices: 2 }, { minAge: 16, subBudgets: ['Sor', 'Pikine'] })] });
    expect((await dial(value, '6')).text).toBe('Votre quartier ?\n1 Sor\n2 Pikine');
    expect((await dial(value, '6*2')).text).toBe('Avez-vous 16 ans ou plus ?\n1 Oui\n2 Non');
    expect((await dial(value, '6*2*2')).end).toBe(true);
    expect((await dial(value, '6*2*1*8')).text).toMatch(/\n1 10[\s\u00a0\u202f]M Projet 7/);
    expect((await dial(value, '6*2*1*8*8')).text).toMatch(/\n1 1,3[\s\u00a0\u202f]M Projet 0/);
    await dial(value, '6*2*1*1*2*9*1');
    expect(cast).toEqual([{ input: { roundId: 'r-approval', subBudget: 'Pikine', choices: [{ projectId: 'p0', weight: 1 }, { projectId: 'p1', weight: 1 }], declaredAge: true }, key: 'S1:6*2*1*1*2*9*1' }]);
  });

  it('never sends a screen over 182 characters, the main menu with both entries included, in all four languages', async () => {
    const both = ports({ surveys: [survey('s1'), survey('s2')], rounds: [round({ kind: 'knapsack' }), round({ kind: 'points', points: 10 }, { minAge: 18, subBudgets: ['Sor'] })] }).value;
    const paths = ['', '5', '5*1', '5*1*8', '5*1*1', '5*1*1*5', '5*1*1*5*1', '6', '6*1', '6*1*1', '6*1*1*2*3', '6*1*1*2*3*4*5*6*7', '6*1*1*9', '6*1*1*9*1', '6*2', '6*2*1', '6*2*1*1', '6*2*1*1*1', '6*2*1*1*1*4', '6*2*1*1*1*4*9'];
    for (const locale of locales) {
      expect((await dial(both, '', locale)).text.split('\n')).toHaveLength(7);
      for (const path of paths) expect([...(await dial(both, path, locale)).text].length, `${locale} ${path}`).toBeLessThanOrEqual(maxScreenLength);
    }
  });
});
