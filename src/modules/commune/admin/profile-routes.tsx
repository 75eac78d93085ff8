import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import { communeScope } from '../../../platform/db/commune-scope.js';
import { AppError } from '../../../platform/http/errors.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { communePolicy } from '../permissions.js';
import { communeDb } from '../queries/public-queries.js';
import { type AdminResource, emptyState, readAdminForm, toColumns, toFormValues } from './resource.js';
import { ResourceFormPage } from './resource-views.js';

const figures = ['population', 'areaKm2', 'neighbourhoods', 'councillors'] as const;

// The profile is one row per commune; described like a section so it reuses the same form machinery.
const profile: AdminResource = {
  path: 'profile',
  table: 'commune_profiles',
  titleKey: 'commune.admin.profile',
  action: 'profile.edit',
  auditType: 'commune_profile',
  orderBy: 'commune_id',
  rowLabel: () => '',
  fields: [
    { name: 'presentation', labelKey: 'commune.fields.presentation', kind: 'localized', required: true },
    { name: 'population', labelKey: 'commune.home.population', kind: 'number' },
    { name: 'areaKm2', labelKey: 'commune.home.area_km2', kind: 'number' },
    { name: 'neighbourhoods', labelKey: 'commune.home.neighbourhoods', kind: 'number' },
    { name: 'councillors', labelKey: 'commune.home.councillors', kind: 'number' },
  ],
};

export function registerProfileRoutes(app: FastifyInstance): void {
  const admin = { config: { access: staffOnly } };
  const scopeOf = (communeId: string) => communeScope(communeDb(app.platform.db), communeId);

  app.get('/profile', admin, async (request, reply) => {
    const commune = request.commune!;
    const row = await scopeOf(commune.id).selectFrom('commune_profiles').selectAll().executeTakeFirst();
    const values = row ? toFormValues(profile, { presentation: row.presentation, ...row.key_figures }, commune) : {};
    return sendPage(request, reply, (ctx) => <ResourceFormPage ctx={ctx} props={{ resource: profile, form: emptyState(values), id: null, choices: {} }} />);
  });

  app.post('/profile', admin, async (request, reply) => {
    const commune = request.commune;
    if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
    communePolicy.authorize(request.actor, 'profile.edit', { communeId: commune.id });
    const { fields } = await readAdminForm(request);
    const { columns, errors } = toColumns(profile, fields, commune, true);
    if (Object.keys(errors).length > 0) {
      return sendPage(request, reply, (ctx) => <ResourceFormPage ctx={ctx} props={{ resource: profile, form: { values: fields, errors }, id: null, choices: {} }} />, 422);
    }
    const keyFigures = Object.fromEntries(figures.filter((f) => columns[f] !== null).map((f) => [f, columns[f]]));
    const scope = scopeOf(commune.id);
    const update = { presentation: columns.presentation as string, key_figures: JSON.stringify(keyFigures) };
    const updated = await scope.updateTable('commune_profiles').set(update).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await scope.insertInto('commune_profiles', { ...update, neighbourhoods: '[]' }).execute();
    await recordAudit(app.platform.db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, action: 'commune_profile.updated', resourceType: 'commune_profile', resourceId: commune.id, ip: request.ip });
    return redirectWithFlash(reply, `/${commune.slug}/admin/profile`, 'commune.admin.saved');
  });
}
