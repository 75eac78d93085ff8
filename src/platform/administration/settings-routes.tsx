import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { normalisePhone } from '../auth/identifier.js';
import type { Commune, CommuneContact } from '../db/platform-tables.js';
import { AppError } from '../http/errors.js';
import type { FormState } from '../http/forms.js';
import { redirectWithFlash, sendPage } from '../http/render.js';
import { adminOnly } from '../permissions/route-access.js';
import { readMultipartForm, storeUpload } from '../storage/uploads.js';
import { auditAction, currentCommune } from './admin-support.js';
import { identityValues, localizedFrom, localizedTo, parseIdentity, type Values } from './commune-identity.js';
import { administrationPolicy } from './permissions.js';
import { SettingsPage } from './settings-views.js';

const emailSchema = z.email();

function settingsValues(commune: Commune): Values {
  const values = identityValues(commune);
  values.phone = commune.contact.phone ?? '';
  values.email = commune.contact.email ?? '';
  values.website = commune.contact.website ?? '';
  localizedTo(values, 'address', commune.contact.address);
  localizedTo(values, 'hours', commune.contact.openingHours);
  for (const id of commune.enabled_modules) values[`module_${id}`] = 'on';
  return values;
}

function parseContact(values: Values, country: string, errors: FormState['errors']): CommuneContact {
  const phoneInput = values.phone?.trim() ?? '';
  const phone = phoneInput ? normalisePhone(phoneInput, country) : null;
  if (phoneInput && !phone) errors.phone = 'administration.participants.phone_invalid';
  const email = values.email?.trim().toLowerCase() ?? '';
  if (email && !emailSchema.safeParse(email).success) errors.email = 'core.form.invalid';
  const website = values.website?.trim() ?? '';
  if (website && (!/^https?:\/\/[^\s]+$/.test(website) || website.length > 200)) errors.website = 'administration.settings.website_invalid';
  return {
    address: localizedFrom(values, 'address'),
    openingHours: localizedFrom(values, 'hours'),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(website ? { website } : {}),
  };
}

type CommuneUpdate = ReturnType<typeof parseIdentity>['identity'] & { contact: string; enabled_modules: string };

/** Names of the settings that differ, for the audit entry (values may be personal, names are enough). */
function changedFields(before: Commune, after: CommuneUpdate): string[] {
  const previous: Record<string, unknown> = { ...before, name: JSON.stringify(before.name), region: JSON.stringify(before.region), enabled_locales: JSON.stringify(before.enabled_locales), contact: JSON.stringify(before.contact), enabled_modules: JSON.stringify([...before.enabled_modules].sort()) };
  return Object.entries(after)
    .filter(([key, value]) => previous[key] !== value)
    .map(([key]) => key);
}

/** A file that is not an image is a mistake to show next to the field, not an error page. */
async function storeLogo(request: FastifyRequest, commune: Commune, file: { content: Buffer; filename: string }) {
  try {
    return await storeUpload(request, file, { communeId: commune.id, accept: ['image'] });
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNSUPPORTED_FILE_TYPE') return 'refused' as const;
    throw error;
  }
}

async function saveSettings(request: FastifyRequest, commune: Commune) {
  const { db, modules } = request.server.platform;
  const { fields: values, files } = await readMultipartForm(request);
  const { errors, identity } = parseIdentity(values);
  const contact = parseContact(values, identity.country || commune.country, errors);
  if (Object.keys(errors).length > 0) return { ok: false as const, form: { values, errors } };
  const chosen = modules.filter((m) => m.alwaysOn || values[`module_${m.id}`] === 'on').map((m) => m.id).sort();
  const update: CommuneUpdate = { ...identity, contact: JSON.stringify(contact), enabled_modules: JSON.stringify(chosen) };
  const changed = changedFields(commune, update);
  const logo = files.logo ? await storeLogo(request, commune, files.logo) : null;
  if (logo === 'refused') return { ok: false as const, form: { values, errors: { logo: 'administration.settings.logo_invalid' } } };
  if (logo) changed.push('logo_file_id');
  await db.updateTable('communes').set({ ...update, ...(logo ? { logo_file_id: logo.id } : {}) }).where('id', '=', commune.id).execute();
  await auditAction(request, { communeId: commune.id, action: 'commune.settings_updated', resourceType: 'commune', resourceId: commune.id, details: { changed } });
  return { ok: true as const };
}

/** The commune's identity, contact, languages, modules and logo. */
export function registerSettingsRoutes(app: FastifyInstance): void {
  const admin = { config: { access: adminOnly } };

  app.get('/settings', admin, async (request, reply) => {
    const commune = currentCommune(request);
    administrationPolicy.authorize(request.actor, 'settings.edit', { communeId: commune.id });
    return sendPage(request, reply, (ctx) => <SettingsPage ctx={ctx} form={{ values: settingsValues(commune), errors: {} }} modules={app.platform.modules} />);
  });

  app.post('/settings', admin, async (request, reply) => {
    const commune = currentCommune(request);
    administrationPolicy.authorize(request.actor, 'settings.edit', { communeId: commune.id });
    const result = await saveSettings(request, commune);
    if (!result.ok) return sendPage(request, reply, (ctx) => <SettingsPage ctx={ctx} form={result.form} modules={app.platform.modules} />, 422);
    return redirectWithFlash(reply, `/${commune.slug}/admin/settings`, 'administration.settings.saved');
  });
}
