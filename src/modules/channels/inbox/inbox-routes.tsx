import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { emptyForm, fields, type FormState, parseForm } from '../../../platform/http/forms.js';
import { sendPage } from '../../../platform/http/render.js';
import { pickLocalized } from '../../../platform/i18n/locales.js';
import { hasRole } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { communeNeighbourhoods } from '../../commune/index.js';
import { consultationsTakingProposals } from '../../participation/index.js';
import { complaintCategoryChoices } from '../../requests/index.js';
import { answerMessage, dismissMessage, turnIntoComplaint, turnIntoContribution } from './inbox-commands.js';
import { findInboundMessage, handledMessages, type InboundRow, waitingMessages } from './inbox-queries.js';
import { InboxPage, type MessageChoices, type MessageForms, MessagePage } from './inbox-views.js';

const staff = { config: { access: staffOnly } };
type MessageParams = { Params: { id: string } };

/** Officers read what phones sent and decide what it becomes; nothing is published without them. */
export const inboxPolicy = definePolicy<{ 'channels.inbox.handle': { communeId: string } }>({
  'channels.inbox.handle': (actor, r) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin'),
});

const complaintSchema = z.object({ category: z.uuid('core.form.required'), neighbourhood: fields.optionalText(120), text: fields.requiredText(2000) });
const contributionSchema = z.object({ consultation: z.uuid('core.form.required'), title: fields.requiredText(150), body: fields.requiredText(5000) });
const answerSchema = z.object({ answer: fields.requiredText(640) });
const dismissSchema = z.object({ note: fields.optionalText(200) });

function officerIn(request: FastifyRequest): { commune: Commune; officer: { id: string } } {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  inboxPolicy.authorize(request.actor, 'channels.inbox.handle', { communeId: commune.id });
  const user = request.actor.user;
  if (!user) throw new AppError('SIGN_IN_REQUIRED');
  return { commune, officer: { id: user.id } };
}

async function messageOf(request: FastifyRequest<MessageParams>) {
  const { commune, officer } = officerIn(request);
  const message = await findInboundMessage(request.server.platform.db, commune.id, request.params.id);
  if (!message) throw new AppError('NOT_FOUND');
  return { commune, officer, message };
}

async function choicesFor(request: FastifyRequest, commune: Commune): Promise<MessageChoices> {
  const { db } = request.server.platform;
  const [categories, neighbourhoods, consultations] = await Promise.all([
    complaintCategoryChoices(db, commune.id, request.locale),
    communeNeighbourhoods(db, commune.id),
    consultationsTakingProposals(db, commune),
  ]);
  return {
    categories: categories.map((c) => [c.id, c.label]),
    neighbourhoods: neighbourhoods.map((n) => [n, n]),
    consultations: consultations.map((c) => [c.id, pickLocalized(c.title, request.locale)?.value ?? '']),
  };
}

function formsFor(message: InboundRow, replaced: Partial<MessageForms> = {}): MessageForms {
  return {
    complaint: replaced.complaint ?? emptyForm({ text: message.body }),
    contribution: replaced.contribution ?? emptyForm({ body: message.body }),
    answer: replaced.answer ?? emptyForm(),
    dismiss: replaced.dismiss ?? emptyForm(),
  };
}

async function messagePage(request: FastifyRequest<MessageParams>, reply: FastifyReply, replaced: Partial<MessageForms> = {}, status = 200) {
  const { commune, message } = await messageOf(request);
  const choices = await choicesFor(request, commune);
  return sendPage(request, reply, (ctx) => <MessagePage ctx={ctx} message={message} forms={formsFor(message, replaced)} choices={choices} />, status);
}

async function inboxPage(request: FastifyRequest, reply: FastifyReply) {
  const { commune } = officerIn(request);
  const { db } = request.server.platform;
  const [waiting, handled] = await Promise.all([waitingMessages(db, commune.id), handledMessages(db, commune.id)]);
  const done = (request.query as { done?: string }).done;
  const notice = done === 'complaint' || done === 'contribution' || done === 'answer' || done === 'dismissed' ? request.t('channels.inbox.done') : null;
  return sendPage(request, reply, (ctx) => <InboxPage ctx={ctx} waiting={waiting} handled={handled} notice={notice} />);
}

const audit = (request: FastifyRequest, commune: Commune, officerId: string, message: InboundRow, action: string, details: Record<string, unknown>) =>
  recordAudit(request.server.platform.db, { communeId: commune.id, actorUserId: officerId, action, resourceType: 'channel_inbound_message', resourceId: message.id, ip: request.ip, details });

/** Validates one action's form; on error, the message page comes back with that form open and what was typed. */
function actionRoute<Schema extends z.ZodType>(name: keyof MessageForms, schema: Schema, act: (request: FastifyRequest<MessageParams>, data: z.output<Schema>) => Promise<void>) {
  return async (request: FastifyRequest<MessageParams>, reply: FastifyReply) => {
    await messageOf(request);
    const parsed = parseForm(schema, request.body);
    if (!parsed.ok) return messagePage(request, reply, { [name]: parsed.form as FormState }, 422);
    await act(request, parsed.data);
    return reply.redirect(`/${request.commune!.slug}/admin/channels/inbox?done=${name === 'dismiss' ? 'dismissed' : name}`, 303);
  };
}

export function inboxRoutes(app: FastifyInstance): void {
  app.get('/channels/inbox', staff, inboxPage);
  app.get<MessageParams>('/channels/inbox/:id', staff, (request, reply) => messagePage(request, reply));

  app.post<MessageParams>('/channels/inbox/:id/complaint', staff, actionRoute('complaint', complaintSchema, async (request, data) => {
    const { commune, officer, message } = await messageOf(request);
    const choices = await choicesFor(request, commune);
    if (!choices.categories.some(([id]) => id === data.category)) throw new AppError('VALIDATION_FAILED', 'unknown category');
    const neighbourhood = data.neighbourhood && choices.neighbourhoods.some(([n]) => n === data.neighbourhood) ? data.neighbourhood : null;
    const reference = await turnIntoComplaint(request.server.platform, commune, message, officer, { categoryId: data.category, neighbourhood, text: data.text });
    await audit(request, commune, officer.id, message, 'channels.inbox.complaint', { reference });
  }));

  app.post<MessageParams>('/channels/inbox/:id/contribution', staff, actionRoute('contribution', contributionSchema, async (request, data) => {
    const { commune, officer, message } = await messageOf(request);
    const consultation = (await choicesFor(request, commune)).consultations.find(([id]) => id === data.consultation);
    if (!consultation) throw new AppError('CONFLICT', 'consultation not taking proposals');
    const proposalId = await turnIntoContribution(request.server.platform, commune, message, officer, { consultationId: data.consultation, consultationTitle: consultation[1], title: data.title, body: data.body });
    await audit(request, commune, officer.id, message, 'channels.inbox.contribution', { proposalId });
  }));

  app.post<MessageParams>('/channels/inbox/:id/answer', staff, actionRoute('answer', answerSchema, async (request, data) => {
    const { commune, officer, message } = await messageOf(request);
    await answerMessage(request.server.platform, commune, message, officer, data.answer);
    await audit(request, commune, officer.id, message, 'channels.inbox.answer', { length: data.answer.length });
  }));

  app.post<MessageParams>('/channels/inbox/:id/dismiss', staff, actionRoute('dismiss', dismissSchema, async (request, data) => {
    const { commune, officer, message } = await messageOf(request);
    await dismissMessage(request.server.platform, message, officer, data.note ?? null);
    await audit(request, commune, officer.id, message, 'channels.inbox.dismiss', { note: data.note ?? null });
  }));
}
