import { complaintCommand, stopCommand, subscribeCommand } from './audience-commands.js';
import { followCommand, helpCommand } from './basic-commands.js';
import type { InboundCommand } from './commands.js';

/** Every keyword a phone can send, tried in this order on the message's first word. */
export const inboundCommands: readonly InboundCommand[] = [followCommand, helpCommand, complaintCommand, stopCommand, subscribeCommand];
