import { describe, expect, it } from 'vitest';
import { MessageRegistry } from '../../../platform/i18n/i18n.js';
import { channelsModule } from '../manifest.js';
import { type InboundCommand, matchKeyword } from './commands.js';
import { inboundCommands } from './registry.js';

const messages = new MessageRegistry();
messages.register('channels', channelsModule.i18n);
const match = (text: string) => {
  const found = matchKeyword(text, inboundCommands, messages);
  return found && { id: found.command.id, locale: found.locale, args: found.args };
};

describe('SMS keywords', () => {
  it('reads the first word in any language, case and accents ignored, and keeps the rest as arguments', () => {
    expect(match('  suivi  NDR-2026-00012 ')).toEqual({ id: 'follow', locale: 'fr', args: 'NDR-2026-00012' });
    expect(match('Track abc')).toEqual({ id: 'follow', locale: 'en', args: 'abc' });
    expect(match('ACOMPANHAR 12')).toEqual({ id: 'follow', locale: 'pt', args: '12' });
    expect(match('تتبع 12')).toEqual({ id: 'follow', locale: 'ar', args: '12' });
    expect(match('aidé')).toEqual({ id: 'help', locale: 'fr', args: '' });
    expect(match('Help me')).toEqual({ id: 'help', locale: 'en', args: 'me' });
  });

  it('matches nothing for ordinary messages, or a keyword inside a sentence', () => {
    expect(match('La borne-fontaine fuit')).toBeNull();
    expect(match('je veux un suivi')).toBeNull();
    expect(match('   ')).toBeNull();
  });

  it('takes its words from the catalogues, so a language can add its own', () => {
    const local = new MessageRegistry();
    local.register('channels', { fr: { 'keywords.ping': 'SALUT, BONJOUR' }, en: {}, pt: {}, ar: {} });
    const ping: InboundCommand = { id: 'ping', wordsKey: 'channels.keywords.ping', run: async () => 'pong' };
    expect(matchKeyword('Bonjour la mairie', [ping], local)?.args).toBe('la mairie');
  });
});
