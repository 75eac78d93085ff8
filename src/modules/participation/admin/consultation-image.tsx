import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { AppError } from '../../../platform/http/errors.js';
import { redirectWithFlash } from '../../../platform/http/render.js';
import { readMultipartForm, storeUpload } from '../../../platform/storage/uploads.js';
import { CsrfField } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Consultation } from '../db/tables.js';
import { findConsultation, scoped } from '../queries/participation-queries.js';

const staff = { config: { access: staffOnly } };

/** The image form of a consultation's back-office page: a new image replaces the old one, or it is removed. */
export function ConsultationImageForm({ ctx, consultation, error }: { ctx: ViewContext; consultation: Pick<Consultation, 'id' | 'image_file_id'>; error?: string }) {
  const action = `/${ctx.commune!.slug}/admin/consultations/${consultation.id}/image?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="card">
      <CsrfField ctx={ctx} />
      <div class="field">
        <label for="consultation-image" safe>{ctx.t('participation.admin.image')}</label>
        {error ? <p class="field-error" id="consultation-image-error" safe>{ctx.t(error)}</p> : ''}
        <input type="file" id="consultation-image" name="image" accept="image/jpeg,image/png,image/webp" aria-describedby={error ? 'consultation-image-error' : undefined} />
      </div>
      {consultation.image_file_id ? (
        <p>
          <img src={`/files/${consultation.image_file_id}`} alt="" width="160" loading="lazy" />{' '}
          <label><input type="checkbox" name="remove" value="1" /> <span safe>{ctx.t('participation.admin.image_remove')}</span></label>
        </p>
      ) : ''}
      <button type="submit" class="btn btn-secondary" safe>{ctx.t('core.form.save')}</button>
    </form>
  );
}

async function staffConsultation(request: FastifyRequest, id: string) {
  const consultation = request.commune ? await findConsultation(request.server.platform.db, request.commune.id, id, { includeDrafts: true }) : undefined;
  if (!consultation) throw new AppError('NOT_FOUND');
  if (consultation.status === 'archived') throw new AppError('CONFLICT', 'archived consultations are read-only');
  return { commune: request.commune!, consultation };
}

export function registerConsultationImageRoutes(app: FastifyInstance): void {
  app.post<{ Params: { id: string } }>('/consultations/:id/image', staff, async (request, reply) => {
    const { commune, consultation } = await staffConsultation(request, request.params.id);
    const form = await readMultipartForm(request);
    const file = form.files.image;
    const removing = form.fields.remove === '1' && !file;
    if (!file && !removing) throw new AppError('VALIDATION_FAILED', 'no image chosen');
    const imageId = file ? (await storeUpload(request, file, { communeId: commune.id, accept: ['image'] })).id : null;
    await scoped(app.platform.db, commune.id).updateTable('consultations').set({ image_file_id: imageId }).where('id', '=', consultation.id).execute();
    await recordAudit(app.platform.db, { communeId: commune.id, actorUserId: request.actor.user!.id, action: imageId ? 'consultation.image_set' : 'consultation.image_removed', resourceType: 'consultation', resourceId: consultation.id, ip: request.ip });
    return redirectWithFlash(reply, `/${commune.slug}/admin/consultations/${consultation.id}`, 'participation.admin.saved');
  });
}
