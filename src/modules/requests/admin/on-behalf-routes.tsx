import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { idempotent, pageOutcome } from '../../../platform/http/idempotency.js';
import { sendPage } from '../../../platform/http/render.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { RouteAccess } from '../../../platform/permissions/route-access.js';
import { type MultipartForm, photoFingerprint, readMultipartForm } from '../../../platform/storage/uploads.js';
import { communeNeighbourhoods } from '../../commune/index.js';
import { fileComplaint } from '../commands/complaint-commands.js';
import { notifyReporter, reporterAddress } from '../commands/notify-reporter.js';
import { checkComplaint, storeComplaintPhoto } from '../complaint-form.js';
import { ensureRequestDefaults } from '../defaults.js';
import { requestsPolicy } from '../permissions.js';
import { assistedParticipantsOf } from '../queries/queue-queries.js';
import { categoriesOf } from '../queries/request-queries.js';
import { OnBehalfFiledPage, OnBehalfFormPage } from './on-behalf-views.js';

const filingForSomeone: RouteAccess = { communeRoles: ['mediator', 'staff', 'admin'] };
const access = { config: { access: filingForSomeone } };

function authorizedCommune(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  requestsPolicy.authorize(request.actor, 'request.file_for_someone', { communeId: request.commune.id });
  return request.commune;
}

async function formContext(request: FastifyRequest, commune: Commune, form: FormState) {
  const { db, config } = request.server.platform;
  await ensureRequestDefaults(db, commune.id);
  const [categories, neighbourhoods, participants] = await Promise.all([categoriesOf(db, commune.id, { activeOnly: true }), communeNeighbourhoods(db, commune.id), assistedParticipantsOf(db, commune.id)]);
  return { props: { form, categories, neighbourhoods, signedIn: false, maxUploadMegabytes: Math.round(config.uploadMaxBytes / 1024 / 1024) }, participants };
}

type Participant = Awaited<ReturnType<typeof assistedParticipantsOf>>[number];

/** The person named on the form: a registered assisted participant of this commune, or at least a typed name. */
function checkPerson(form: MultipartForm, participants: Participant[]): { participant: Participant | null; errors: Record<string, string> } {
  const chosen = (form.fields.participant ?? '').trim();
  const participant = chosen ? (participants.find((p) => p.id === chosen) ?? null) : null;
  if (chosen && !participant) return { participant: null, errors: { participant: 'requests.handling.on_behalf.unknown_participant' } };
  if (!participant && !(form.fields.name ?? '').trim()) return { participant: null, errors: { participant: 'requests.handling.on_behalf.person_required' } };
  return { participant, errors: {} };
}

/** Mediators (and staff) file a complaint for someone without a phone or an account: /<commune>/admin/requests/on-behalf. */
export function registerOnBehalfRoutes(app: FastifyInstance): void {
  app.get('/requests/on-behalf', access, async (request, reply) => {
    const { props, participants } = await formContext(request, authorizedCommune(request), { values: {}, errors: {} });
    return sendPage(request, reply, (ctx) => <OnBehalfFormPage ctx={ctx} props={props} participants={participants} />);
  });

  app.post('/requests/on-behalf', access, async (request, reply) => {
    const commune = authorizedCommune(request);
    const form = await readMultipartForm(request, { keepTextOnOversize: true });
    const { props, participants } = await formContext(request, commune, { values: form.fields, errors: {} });
    const refusal = (errors: Record<string, string>) => (ctx: ViewContext) => <OnBehalfFormPage ctx={ctx} props={{ ...props, form: { values: form.fields, errors } }} participants={participants} />;
    const checked = checkComplaint(commune, props.categories, props.neighbourhoods, form);
    const person = checkPerson(form, participants);
    if (!checked.ok || Object.keys(person.errors).length > 0) return sendPage(request, reply, refusal({ ...(checked.ok ? {} : checked.form.errors), ...person.errors } as Record<string, string>), 422);
    // Idempotent like the public form (the shared form carries the key): a mediator's resend files nothing more.
    return idempotent(request, reply, 'requests.on_behalf', async (tx) => {
      const photo = await storeComplaintPhoto(request, commune.id, checked.photo, tx);
      if ('error' in photo) return pageOutcome(request, refusal({ photo: photo.error }), 422);
      const { contact, ...input } = checked.input;
      const mediatorId = request.actor.user!.id;
      const { request: filed, accessCode } = await fileComplaint(tx, commune, {
        ...input,
        photoFileId: photo.fileId,
        channel: 'mediator',
        reporter: { userId: null, name: contact.name ?? person.participant?.full_name ?? null, phone: contact.phone ?? person.participant?.phone_e164 ?? null, email: contact.email, locale: null },
        assistedParticipantId: person.participant?.id ?? null,
        recordedBy: mediatorId,
      });
      await recordAudit(tx, { communeId: commune.id, actorUserId: mediatorId, onBehalfOf: person.participant?.id ?? null, action: 'request.filed_for_someone', resourceType: 'request', resourceId: filed.id, ip: request.ip, details: { reference: filed.reference } });
      // The page says whether a message goes out; it is sent after the commit.
      const messaged = (await reporterAddress({ db: tx }, filed)) !== null;
      const page = await pageOutcome(request, (ctx) => <OnBehalfFiledPage ctx={ctx} request={filed} accessCode={accessCode} messaged={messaged} />, 201);
      return { ...page, afterCommit: async () => void (await notifyReporter(app.platform, commune, filed, 'filed', { code: accessCode })) };
    }, { payload: { ...form.fields, _photo: photoFingerprint(checked.photo) } });
  });
}
