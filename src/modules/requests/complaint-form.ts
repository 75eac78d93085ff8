import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseIdentifier } from '../../platform/auth/identifier.js';
import type { Commune, PlatformTables } from '../../platform/db/platform-tables.js';
import { AppError } from '../../platform/http/errors.js';
import { fields, type FormState, parseForm } from '../../platform/http/forms.js';
import { type MultipartForm, storeFile } from '../../platform/storage/uploads.js';
import type { ComplaintInput } from './commands/complaint-commands.js';
import type { Category } from './db/tables.js';

const coordinate = (limit: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value.replace(',', '.') : undefined))
    .refine((value) => value === undefined || (/^-?\d{1,3}(\.\d+)?$/.test(value) && Math.abs(Number(value)) <= limit), 'requests.error.coordinate')
    .transform((value) => (value === undefined ? null : Number(value)));

const complaintSchema = z
  .object({
    category: z.string({ error: 'requests.error.category_required' }).min(1, 'requests.error.category_required'),
    description: fields.requiredText(4000),
    neighbourhood: fields.optionalText(100),
    address: fields.optionalText(300),
    latitude: coordinate(90),
    longitude: coordinate(180),
    private: fields.checkbox(),
    name: fields.optionalText(200),
    contact: fields.optionalText(200),
  })
  .refine((v) => (v.latitude === null) === (v.longitude === null), { path: ['longitude'], message: 'requests.error.position_pair' });

export type CheckedComplaint = { ok: true; input: Omit<ComplaintInput, 'channel' | 'reporter' | 'photoFileId'> & { contact: { name: string | null; phone: string | null; email: string | null } }; photo: MultipartForm['files'][string] | undefined } | { ok: false; form: FormState };

/** Checks the typed fields (the photo comes after): every invalid field gets its own message, what was typed is kept. */
export function checkComplaint(commune: Commune, categories: Category[], neighbourhoods: string[], form: MultipartForm): CheckedComplaint {
  const parsed = parseForm(complaintSchema, form.fields);
  const errors: Record<string, string> = parsed.ok ? {} : { ...(parsed.form.errors as Record<string, string>) };
  const data = parsed.ok ? parsed.data : null;
  // Checked on what was typed, so one pass reports every wrong field at once.
  const typed = (name: string) => (form.fields[name] ?? '').trim();
  if (!errors.category && !categories.some((c) => c.id === typed('category'))) errors.category = 'requests.error.category_required';
  if (typed('neighbourhood') && neighbourhoods.length > 0 && !neighbourhoods.includes(typed('neighbourhood'))) errors.neighbourhood = 'requests.error.neighbourhood';
  const contact = typed('contact') ? parseIdentifier(typed('contact'), commune.country) : null;
  if (typed('contact') && !contact) errors.contact = 'requests.error.contact';
  if (form.oversized?.includes('photo')) errors.photo = 'requests.error.photo_too_large';
  if (!data || Object.keys(errors).length > 0) return { ok: false, form: { values: form.fields, errors } };
  return {
    ok: true,
    photo: form.files.photo,
    input: {
      categoryId: data.category,
      description: data.description,
      neighbourhood: data.neighbourhood ?? null,
      address: data.address ?? null,
      latitude: data.latitude,
      longitude: data.longitude,
      wantsPrivacy: data.private,
      contact: { name: data.name ?? null, phone: contact?.kind === 'phone' ? contact.value : null, email: contact?.kind === 'email' ? contact.value : null },
    },
  };
}

/** Stores the photo, or says why not: the caller then shows the form again with the text as typed. */
export async function storeComplaintPhoto(request: FastifyRequest, communeId: string, photo: MultipartForm['files'][string] | undefined, db: Kysely<PlatformTables> = request.server.platform.db): Promise<{ fileId: string | null } | { error: string }> {
  if (!photo) return { fileId: null };
  try {
    // `db` may be the filing's transaction: the photo's row then commits (or not) with the complaint.
    const services = { db, storage: request.server.platform.storage };
    return { fileId: (await storeFile(services, photo, { communeId, accept: ['image'], uploadedBy: request.actor.user?.id ?? null })).id };
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNSUPPORTED_FILE_TYPE') return { error: 'requests.error.photo_type' };
    throw error;
  }
}
