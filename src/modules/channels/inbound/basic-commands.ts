import { requestStatusForPhone } from '../../requests/index.js';
import type { InboundCommand } from './commands.js';

/** SUIVI <référence>: a request's status (a private complaint or a procedure request only to the requester's phone). */
export const followCommand: InboundCommand = {
  id: 'follow',
  wordsKey: 'channels.keywords.follow',
  async run({ services, commune, message, locale, t, args }) {
    const reference = args.replace(/\s+/g, '').toUpperCase();
    if (!reference) return t('channels.sms.help');
    const status = await requestStatusForPhone(services.db, commune.id, reference, message.from, locale);
    return status === null ? t('channels.sms.follow_unknown', { reference }) : t('channels.sms.follow_status', { reference, status });
  },
};

/** AIDE: the list of keywords, in the language the person wrote. */
export const helpCommand: InboundCommand = {
  id: 'help',
  wordsKey: 'channels.keywords.help',
  run: async ({ t }) => t('channels.sms.help'),
};
