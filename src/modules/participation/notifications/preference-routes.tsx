import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { notificationKinds } from '../db/tables.js';
import { type NotificationPreferences, preferencesOf, savePreferences, stopAllNotifications } from './preferences.js';
import { PreferencesPage, StopPage } from './preference-views.js';
import { userOfStopToken } from './stop-token.js';
import { deliveryChoices } from './tables.js';

const signedIn = { config: { access: 'signed-in' as const, policy: 'own-account' as const } };
// The stop link works without signing in: the token in the address is the proof.
const pub = { config: { access: 'public' as const, policy: 'token-holder' as const } };
type TokenParams = { Params: { token: string } };

const preferencesSchema = z.object({ delivery: z.enum(deliveryChoices, { error: 'core.form.invalid' }) });

function formOf(preferences: NotificationPreferences): FormState {
  const values: Record<string, string> = { delivery: preferences.delivery };
  for (const kind of preferences.enabledKinds) values[`kind_${kind}`] = 'on';
  return { values, errors: {} };
}

function showPreferences(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
  const user = request.actor.user!;
  const props = { form, destination: user.phone_e164 ?? user.email ?? '' };
  return sendPage(request, reply, (ctx) => <PreferencesPage ctx={ctx} props={props} />, status);
}

function stopTokenOwner(request: FastifyRequest<TokenParams>): string {
  const userId = userOfStopToken(request.server.platform.config.sessionSecret, request.params.token);
  if (!userId) throw new AppError('NOT_FOUND');
  return userId;
}

/** A person's notification choices (network-wide, like the inbox), and the stop link of the messages. */
export async function notificationPreferenceRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;

  app.get('/account/notifications', signedIn, async (request, reply) => showPreferences(request, reply, formOf(await preferencesOf(db, request.actor.user!.id))));

  app.post('/account/notifications', signedIn, async (request, reply) => {
    const parsed = parseForm(preferencesSchema, request.body);
    if (!parsed.ok) return showPreferences(request, reply, parsed.form as FormState, 422);
    const body = request.body as Record<string, unknown>;
    const enabledKinds = notificationKinds.filter((kind) => body[`kind_${kind}`] === 'on');
    await savePreferences(db, request.actor.user!.id, { enabledKinds, delivery: parsed.data.delivery });
    return redirectWithFlash(reply, '/account/notifications', 'participation.notifications.saved');
  });

  app.post('/account/notifications/stop', signedIn, async (request, reply) => {
    await stopAllNotifications(db, request.actor.user!.id);
    return redirectWithFlash(reply, '/account/notifications', 'participation.notifications.stopped');
  });

  app.get<TokenParams>('/account/notifications/stop/:token', pub, async (request, reply) => {
    stopTokenOwner(request);
    return sendPage(request, reply, (ctx) => <StopPage ctx={ctx} action={`/account/notifications/stop/${request.params.token}`} />);
  });

  app.post<TokenParams>('/account/notifications/stop/:token', pub, async (request, reply) => {
    await stopAllNotifications(db, stopTokenOwner(request));
    return redirectWithFlash(reply, '/', 'participation.notifications.stopped');
  });
}
