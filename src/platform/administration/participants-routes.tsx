import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { normalisePhone } from '../auth/identifier.js';
import { inclusionShape } from '../auth/inclusion-fields.js';
import { communeScope } from '../db/commune-scope.js';
import type { Commune } from '../db/platform-tables.js';
import { fields, type FormState, parseForm } from '../http/forms.js';
import { redirectWithFlash, sendPage } from '../http/render.js';
import { mediatorOnly } from '../permissions/route-access.js';
import { actingUserId, auditAction, currentCommune } from './admin-support.js';
import { consentMethods, NewParticipantPage, ParticipantsPage } from './participants-views.js';
import { administrationPolicy } from './permissions.js';

/** The form, with the phone read in the commune's country (local numbers are typed without the prefix). */
const participantSchema = (country: string) =>
  z.object({
    full_name: fields.requiredText(120),
    neighbourhood: fields.optionalText(120),
    phone: z
      .string()
      .trim()
      .max(40, 'core.form.too_long')
      .optional()
      .transform((value, ctx) => {
        if (!value) return null;
        const e164 = normalisePhone(value, country);
        if (!e164) ctx.addIssue({ code: 'custom', message: 'administration.participants.phone_invalid' });
        return e164;
      }),
    ...inclusionShape,
    consent_method: z.enum(consentMethods, { error: 'core.form.invalid' }),
    consent: z.literal('on', { error: 'administration.participants.consent_required' }),
  });

function listParticipants(request: FastifyRequest, commune: Commune) {
  return communeScope(request.server.platform.db, commune.id)
    .selectFrom('assisted_participants')
    .leftJoin('users', 'users.id', 'assisted_participants.registered_by')
    .select(['assisted_participants.id', 'assisted_participants.full_name', 'assisted_participants.neighbourhood', 'assisted_participants.created_at', 'users.display_name as registered_by'])
    .orderBy('assisted_participants.created_at', 'desc')
    .orderBy('assisted_participants.id')
    .limit(500)
    .execute();
}

/** People without phone or e-mail on whose behalf this commune's mediators act. */
export function registerParticipantRoutes(app: FastifyInstance): void {
  const mediators = { config: { access: mediatorOnly } };
  const emptyForm: FormState = { values: { consent_method: 'oral' }, errors: {} };

  app.get('/participants', mediators, async (request, reply) => {
    const commune = currentCommune(request);
    administrationPolicy.authorize(request.actor, 'participants.register', { communeId: commune.id });
    const rows = await listParticipants(request, commune);
    return sendPage(request, reply, (ctx) => <ParticipantsPage ctx={ctx} rows={rows} />);
  });

  app.get('/participants/new', mediators, async (request, reply) => {
    administrationPolicy.authorize(request.actor, 'participants.register', { communeId: currentCommune(request).id });
    return sendPage(request, reply, (ctx) => <NewParticipantPage ctx={ctx} form={emptyForm} />);
  });

  app.post('/participants/new', mediators, async (request, reply) => {
    const commune = currentCommune(request);
    administrationPolicy.authorize(request.actor, 'participants.register', { communeId: commune.id });
    const parsed = parseForm(participantSchema(commune.country), request.body);
    if (!parsed.ok) return sendPage(request, reply, (ctx) => <NewParticipantPage ctx={ctx} form={parsed.form as FormState} />, 422);
    const { full_name, neighbourhood, phone, gender, age_band, consent_method } = parsed.data;
    const created = await communeScope(app.platform.db, commune.id)
      .insertInto('assisted_participants', {
        full_name,
        neighbourhood: neighbourhood ?? null,
        phone_e164: phone,
        gender,
        age_band,
        consent_method,
        consent_at: new Date(),
        registered_by: actingUserId(request),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditAction(request, { communeId: commune.id, action: 'participant.registered', resourceType: 'assisted_participant', resourceId: created.id, details: { consentMethod: consent_method } });
    return redirectWithFlash(reply, `/${commune.slug}/admin/participants`, 'administration.participants.registered');
  });
}
