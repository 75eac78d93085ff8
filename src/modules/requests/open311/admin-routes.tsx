import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.js';
import { publicBaseUrl } from '../../../platform/config/config.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { fields, type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { adminOnly } from '../../../platform/permissions/route-access.js';
import { requestsPolicy } from '../permissions.js';
import { ApiKeysPage, apiKeysPath } from './admin-views.js';
import { issueApiKey, listApiKeys, revokeApiKey } from './api-keys.js';

const admins = { config: { access: adminOnly } };
const keySchema = z.object({ name: fields.requiredText(200) });

/** Only the commune's administrators issue and revoke keys (requests.configure). */
function configurable(request: FastifyRequest): Commune {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  requestsPolicy.authorize(request.actor, 'requests.configure', { communeId: commune.id });
  return commune;
}

async function showKeys(request: FastifyRequest, reply: FastifyReply, commune: Commune, extra: { form?: FormState; newKey?: string } = {}, status = 200) {
  const props = {
    keys: await listApiKeys(request.server.platform.db, commune.id),
    form: extra.form ?? { values: {}, errors: {} },
    newKey: extra.newKey ?? null,
    endpoint: `${publicBaseUrl(request.server.platform.config)}/${commune.slug}/open311/v2/discovery.json`,
  };
  return sendPage(request, reply, (ctx) => <ApiKeysPage ctx={ctx} props={props} />, status);
}

/** Back office: /<commune>/admin/requests/api-keys, the keys Open311 applications file requests with. */
export async function open311AdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;
  const audit = (request: FastifyRequest, commune: Commune, action: string, keyId: string, name: string) =>
    recordAudit(db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, action, resourceType: 'open311_api_key', resourceId: keyId, ip: request.ip, details: { name } });

  app.get('/requests/api-keys', admins, async (request, reply) => showKeys(request, reply, configurable(request)));

  // The new key is shown in this answer only (no redirect): it is not stored, so it cannot be shown later.
  app.post('/requests/api-keys', admins, async (request, reply) => {
    const commune = configurable(request);
    const parsed = parseForm(keySchema, request.body);
    if (!parsed.ok) return showKeys(request, reply, commune, { form: parsed.form }, 422);
    const { key, row } = await issueApiKey(db, commune.id, parsed.data.name, request.actor.user?.id ?? null);
    await audit(request, commune, 'requests.open311.key_created', row.id, row.name);
    return showKeys(request, reply, commune, { newKey: key }, 201);
  });

  app.post<{ Params: { id: string } }>('/requests/api-keys/:id/revoke', admins, async (request, reply) => {
    const commune = configurable(request);
    const id = request.params.id;
    const revoked = /^[0-9a-f-]{36}$/.test(id) ? await revokeApiKey(db, commune.id, id) : undefined;
    if (!revoked) throw new AppError('NOT_FOUND');
    await audit(request, commune, 'requests.open311.key_revoked', revoked.id, revoked.name);
    return redirectWithFlash(reply, apiKeysPath(commune.slug), 'requests.open311.keys.revoked_flash');
  });
}
