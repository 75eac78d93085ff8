import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { fields, type FormState, parseForm } from '../../platform/http/forms.js';
import { type MultipartForm, readMultipartForm, storeUpload } from '../../platform/storage/uploads.js';
import { participationDb } from './queries/participation-queries.js';

const coordinate = (limit: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? Number(value.replace(',', '.')) : undefined))
    .refine((n) => n === undefined || (Number.isFinite(n) && Math.abs(n) <= limit), 'participation.location.invalid_coordinate');

export const proposalSchema = z
  .object({
    title: fields.requiredText(150),
    body: fields.requiredText(5000),
    neighbourhood: fields.optionalText(120),
    category: fields.optionalText(80),
    place: fields.optionalText(300),
    latitude: coordinate(90),
    longitude: coordinate(180),
    on_behalf_of: fields.optionalText(40),
    photo_file_id: fields.optionalText(40),
  })
  .superRefine((data, context) => {
    if ((data.latitude === undefined) !== (data.longitude === undefined)) context.addIssue({ code: 'custom', path: [data.latitude === undefined ? 'latitude' : 'longitude'], message: 'participation.location.both_or_none' });
  });

export type ProposalInput = z.output<typeof proposalSchema>;

/** The proposal form is multipart when a browser sends it (photo); plain url-encoded posts are accepted too. */
export async function readProposalForm(request: FastifyRequest): Promise<MultipartForm> {
  if (request.isMultipart()) return readMultipartForm(request);
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((request.body as Record<string, unknown> | undefined) ?? {})) {
    if (key !== '_csrf' && typeof value === 'string') values[key] = value;
  }
  return { fields: values, files: {} };
}

/** A file id kept from the confirmation step must be an image this person uploaded in this commune. */
async function isOwnImage(request: FastifyRequest, communeId: string, fileId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/.test(fileId) || !request.actor.user) return false;
  const file = await participationDb(request.server.platform.db)
    .selectFrom('stored_files')
    .select('id')
    .where('id', '=', fileId)
    .where('commune_id', '=', communeId)
    .where('uploaded_by', '=', request.actor.user.id)
    .where('media_type', 'like', 'image/%')
    .executeTakeFirst();
  return !!file;
}

async function storePhoto(request: FastifyRequest, communeId: string, file: { content: Buffer; filename: string }) {
  try {
    return (await storeUpload(request, file, { communeId, accept: ['image'] })).id;
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNSUPPORTED_FILE_TYPE') return null;
    throw error;
  }
}

export type CheckedProposal = { ok: true; data: ProposalInput; values: Record<string, string> } | { ok: false; form: FormState };

/**
 * Validates a submitted proposal against its consultation (categories offered) and stores an attached photo
 * once the text is valid; the stored file's id then travels in a hidden field through the look-alike step.
 */
export async function checkProposal(request: FastifyRequest, communeId: string, categories: string[], form: MultipartForm): Promise<CheckedProposal> {
  const parsed = parseForm(proposalSchema, form.fields);
  const values = { ...form.fields };
  const errors: Record<string, string> = parsed.ok ? {} : { ...(parsed.form.errors as Record<string, string>) };
  const data = parsed.ok ? parsed.data : null;
  if (data?.category && !categories.includes(data.category)) errors.category = 'core.form.invalid';
  if (data?.photo_file_id && !(await isOwnImage(request, communeId, data.photo_file_id))) {
    errors.photo = 'core.form.invalid';
    delete values.photo_file_id;
  }
  const file = form.files.photo;
  if (Object.keys(errors).length > 0 || !data) {
    // A browser cannot be given a file back: the person is told to choose it again.
    if (file) errors.photo ??= 'participation.photo.choose_again';
    return { ok: false, form: { values, errors } };
  }
  if (file) {
    const photoId = await storePhoto(request, communeId, file);
    if (!photoId) return { ok: false, form: { values, errors: { photo: 'core.errors.UNSUPPORTED_FILE_TYPE' } } };
    data.photo_file_id = photoId;
    values.photo_file_id = photoId;
  }
  return { ok: true, data, values };
}
