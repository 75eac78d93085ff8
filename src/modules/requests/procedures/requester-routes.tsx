import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { sendPage } from '../../../platform/http/render.js';
import { findProcedure } from '../../commune/index.js';
import type { Request } from '../db/tables.js';
import { requestsPolicy } from '../permissions.js';
import { eventsOf } from '../queries/request-queries.js';
import { accessCodeMatches } from '../reference.js';
import { fieldsOf } from './fields.js';
import { ProcedureRequestPage } from './request-views.js';
import { procedureDb } from './tables.js';
import { sendPrivateDownload } from '../../../platform/storage/private-download.js';

/** The requester's page of a procedure request (the caller checked they are its requester, by account or code). */
export async function showProcedureRequest(request: FastifyRequest, reply: FastifyReply, commune: Commune, target: Request, code: string | undefined, replyForm: FormState, status: number) {
  const { db } = request.server.platform;
  const full = await procedureDb(db).selectFrom('requests').selectAll().where('id', '=', target.id).where('commune_id', '=', commune.id).executeTakeFirstOrThrow();
  const [procedure, fields, events] = await Promise.all([findProcedure(db, commune.id, full.procedure_id ?? ''), fieldsOf(db, commune.id, full.procedure_id ?? ''), eventsOf(db, commune.id, full.id, 'reporter')]);
  const props = { request: full, procedureTitle: procedure?.title ?? {}, fields, events, accessCode: code && accessCodeMatches(code, full.access_code_hash) ? code : null, replyForm };
  return sendPage(request, reply, (ctx) => <ProcedureRequestPage ctx={ctx} props={props} />, status);
}

type FileParams = { Params: { fileId: string }; Querystring: { code?: string } };

/**
 * Scans of procedure requests, served only to the requester (account or tracking code) and to the commune's
 * civil-status office and administrators (each such access audited); to anyone else they do not exist.
 */
export function registerProcedureFileRoute(app: FastifyInstance): void {
  app.get<FileParams>('/requests/procedure-files/:fileId', { config: { access: 'public' } }, async (request, reply) => {
    const commune = request.commune;
    if (!commune || !isUuid(request.params.fileId)) throw new AppError('NOT_FOUND');
    const { db, storage } = app.platform;
    const file = await procedureDb(db)
      .selectFrom('request_files')
      .innerJoin('requests', (join) => join.onRef('requests.id', '=', 'request_files.request_id').onRef('requests.commune_id', '=', 'request_files.commune_id'))
      .select(['request_files.storage_key', 'request_files.media_type', 'request_files.original_name', 'requests.id as request_id', 'requests.reference', 'requests.reporter_user_id', 'requests.access_code_hash'])
      .where('request_files.commune_id', '=', commune.id)
      .where('request_files.id', '=', request.params.fileId)
      .executeTakeFirst();
    if (!file) throw new AppError('NOT_FOUND');
    const requester = (!!request.actor.user && request.actor.user.id === file.reporter_user_id) || accessCodeMatches(request.query.code, file.access_code_hash);
    const officer = requestsPolicy.can(request.actor, 'procedure.handle', { communeId: commune.id });
    if (!requester && !officer) throw new AppError('NOT_FOUND');
    if (!requester) {
      await recordAudit(db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, action: 'request.personal_data_viewed', resourceType: 'request', resourceId: file.request_id, ip: request.ip, details: { reference: file.reference, file_id: request.params.fileId } });
    }
    return sendPrivateDownload(reply, storage, file);
  });
}
