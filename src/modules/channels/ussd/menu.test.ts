import { describe, expect, it } from 'vitest';
import { MessageRegistry } from '../../../platform/i18n/i18n.js';
import type { Locale } from '../../../platform/i18n/locales.js';
import { channelsModule } from '../manifest.js';
import { type UssdPorts, ussdPath, ussdReply } from './menu.js';
import { maxScreenLength } from './screen.js';

const registry = new MessageRegistry();
registry.register('channels', channelsModule.i18n);

function fakePorts(options: { categories?: number; neighbourhoods?: string[] } = {}) {
  const filed: { input: Parameters<UssdPorts['fileComplaint']>[0]; key: string }[] = [];
  const locales: Locale[] = [];
  const ports: UssdPorts = {
    categories: async () => Array.from({ length: options.categories ?? 3 }, (_, i) => ({ id: `c${i + 1}`, label: i === 0 ? 'Voirie et nids-de-poule dans les rues du quartier' : `Catégorie ${i + 1}` })),
    neighbourhoods: async () => options.neighbourhoods ?? ['Sor', 'Guet Ndar'],
    fileComplaint: async (input, key) => {
      const earlier = filed.findIndex((f) => f.key === key);
      if (earlier < 0) filed.push({ input, key });
      return { reference: `PL-2026-${String((earlier < 0 ? filed.length : earlier + 1)).padStart(5, '0')}` };
    },
    requestStatus: async (reference) => (reference === 'PL-2026-00042' ? 'En cours de traitement' : null),
    latestHeadline: async () => ({ title: 'Coupure d’eau mardi à Sor', date: '23/11/2026' }),
    setLocale: async (locale) => void locales.push(locale),
    surveys: { list: async () => [], answered: async () => false, answer: async () => 'closed' },
    budget: { rounds: async () => [], options: async () => null, hasVoted: async () => false, cast: async () => 'closed' },
  };
  return { ports, filed, locales };
}

const session = (locale: Locale = 'fr') => ({ sessionId: 'ATUid_1', communeName: 'Ndar Toute', locale, t: registry.translator(locale) });
const dial = (ports: UssdPorts, text: string, locale: Locale = 'fr') => ussdReply(ussdPath(text), session(locale), ports);

describe('the USSD menu', () => {
  it('opens on the main menu and files a complaint step by step, once even when the provider retries', async () => {
    const { ports, filed } = fakePorts();
    const first = await dial(ports, '');
    expect(first).toEqual({ end: false, text: 'Ndar Toute\n1 Signaler un problème\n2 Suivre une demande\n3 Dernière actualité\n4 Langue' });
    expect((await dial(ports, '1')).text).toContain('1 Voirie');
    expect((await dial(ports, '1*1')).text).toContain('2 Guet Ndar');
    expect((await dial(ports, '1*1*2')).text).toContain('Décrivez en quelques mots');
    expect((await dial(ports, '1*1*2*Trou devant l’école')).text).toContain('« Trou devant l’école »');
    const done = await dial(ports, '1*1*2*Trou devant l’école*1');
    expect(done).toEqual({ end: true, text: 'Plainte enregistrée : PL-2026-00001. Gardez ce numéro pour la suivre (menu 2).' });
    expect(await dial(ports, '1*1*2*Trou devant l’école*1')).toEqual(done);
    expect(filed).toEqual([{ input: { categoryId: 'c1', neighbourhood: 'Guet Ndar', text: 'Trou devant l’école' }, key: 'ATUid_1:1*1*2*Trou devant l’école*1' }]);
    expect((await dial(ports, '1*1*3*Ailleurs*2')).text).toBe('Rien n’a été envoyé.');
    expect(filed).toHaveLength(1);
  });

  it('goes back with 0, shows a wrong answer again with a notice, and pages long lists', async () => {
    const { ports } = fakePorts({ categories: 12 });
    expect((await dial(ports, '1*0')).text).toContain('1 Signaler un problème');
    expect((await dial(ports, '7')).text).toMatch(/^Choix non valide\.\nNdar Toute/);
    expect((await dial(ports, '7*3')).end).toBe(true);
    const secondPage = await dial(ports, '1*8');
    expect(secondPage.text).toContain('1 Catégorie 8');
    expect(secondPage.text).not.toContain('8 Suite');
  });

  it('follows a complaint by reference, reads the latest headline, and saves the language', async () => {
    const { ports, locales } = fakePorts();
    expect(await dial(ports, '2*pl-2026-00042')).toEqual({ end: true, text: 'PL-2026-00042 : En cours de traitement' });
    expect((await dial(ports, '2*PL-1')).text).toBe('Aucune demande PL-1 dans cette commune.');
    expect((await dial(ports, '3')).text).toBe('23/11/2026 — Coupure d’eau mardi à Sor');
    expect((await dial(ports, '4*4')).end).toBe(true);
    expect(locales).toEqual(['ar']);
    expect((await dial(ports, '', 'ar')).text).toContain('1 الإبلاغ عن مشكل');
  });

  it('never sends a screen over 182 characters, in any language', async () => {
    const { ports } = fakePorts({ categories: 20, neighbourhoods: Array.from({ length: 9 }, (_, i) => `Quartier au nom très long numéro ${i + 1}`) });
    for (const locale of ['fr', 'en', 'pt', 'ar'] as const) {
      for (const text of ['', '1', '1*8', '1*1', '1*1*1', `1*1*1*${'x'.repeat(300)}`, '2', '4']) {
        expect([...(await dial(ports, text, locale)).text].length).toBeLessThanOrEqual(maxScreenLength);
      }
    }
  });
});
