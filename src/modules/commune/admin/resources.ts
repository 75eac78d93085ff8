import type { FastifyRequest } from 'fastify';
import { communeScope } from '../../../platform/db/commune-scope.js';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.js';
import { locales, pickLocalized, type LocalizedText } from '../../../platform/i18n/locales.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { communeDb } from '../queries/public-queries.js';
import { postLabelKeys } from '../views/council.js';
import { categoryLabelKeys } from '../views/services.js';
import type { AdminResource } from './resource.js';
import { newsResource } from './news-resource.js';

export const localizedLabel = (ctx: ViewContext, value: unknown) =>
  pickLocalized(value as LocalizedText, ctx.locale, [ctx.commune!.default_locale, ...locales])?.value ?? '';

async function choicesFrom(request: FastifyRequest, table: 'council_persons' | 'council_organizations') {
  const scope = communeScope(communeDb(request.server.platform.db), request.commune!.id);
  const rows = await scope.selectFrom(table).selectAll().orderBy('id').execute();
  return rows.map((row) => ({
    value: row.id,
    label: typeof row.name === 'string' ? row.name : (pickLocalized(row.name, request.locale, locales)?.value ?? ''),
  }));
}

const persons: AdminResource = {
  path: 'council/persons',
  table: 'council_persons',
  titleKey: 'commune.admin.persons',
  action: 'council.edit',
  auditType: 'council_person',
  orderBy: 'name',
  rowLabel: (row) => String(row.name),
  fields: [
    { name: 'name', labelKey: 'commune.fields.name', kind: 'text', required: true },
    { name: 'gender', labelKey: 'commune.fields.gender', kind: 'select', options: { female: 'commune.fields.gender_female', male: 'commune.fields.gender_male' } },
    { name: 'email', labelKey: 'commune.fields.email', kind: 'email' },
    { name: 'phone', labelKey: 'commune.fields.phone', kind: 'tel' },
    { name: 'biography', labelKey: 'commune.fields.biography', kind: 'localized' },
    { name: 'photo_file_id', labelKey: 'commune.fields.photo', kind: 'image' },
  ],
};

const organizations: AdminResource = {
  path: 'council/organizations',
  table: 'council_organizations',
  titleKey: 'commune.admin.organizations',
  action: 'council.edit',
  auditType: 'council_organization',
  orderBy: 'classification',
  rowLabel: (row, ctx) => localizedLabel(ctx, row.name),
  fields: [
    { name: 'name', labelKey: 'commune.fields.name', kind: 'localized', required: true },
    { name: 'classification', labelKey: 'commune.fields.classification', kind: 'select', required: true, options: { council: 'commune.fields.classification_council', executive: 'commune.fields.classification_executive', commission: 'commune.fields.classification_commission' } },
  ],
};

const memberships: AdminResource = {
  path: 'council/memberships',
  table: 'council_memberships',
  titleKey: 'commune.admin.memberships',
  action: 'council.edit',
  auditType: 'council_membership',
  orderBy: 'start_date',
  rowLabel: (row, ctx) => `${ctx.t(postLabelKeys[row.post as keyof typeof postLabelKeys])} — ${localizedLabel(ctx, row.role)}`,
  listDetails: (row, ctx) => formatDate(String(row.start_date), ctx.locale, 'UTC'),
  fields: [
    { name: 'person_id', labelKey: 'commune.fields.person', kind: 'select', required: true, loadOptions: (r) => choicesFrom(r, 'council_persons') },
    { name: 'organization_id', labelKey: 'commune.fields.organization', kind: 'select', required: true, loadOptions: (r) => choicesFrom(r, 'council_organizations') },
    { name: 'post', labelKey: 'commune.fields.post', kind: 'select', required: true, options: postLabelKeys },
    { name: 'role', labelKey: 'commune.fields.role', kind: 'localized', required: true },
    { name: 'start_date', labelKey: 'commune.fields.start_date', kind: 'date', required: true },
    { name: 'end_date', labelKey: 'commune.fields.end_date', kind: 'date' },
  ],
  beforeSave: (columns, values): Record<string, string> => {
    return columns.end_date && String(columns.end_date) < String(values.start_date) ? { end_date: 'commune.fields.end_before_start' } : {};
  },
};

/** An announced delay is a whole number of days within a year, and says whether the law or habit sets it. */
function delayErrors(columns: Record<string, unknown>): Record<string, string> {
  const days = columns.delay_days as number | null;
  if (days !== null && (!Number.isInteger(days) || days > 365)) return { delay_days: 'commune.fields.delay_days_invalid' };
  if (days !== null) columns.delay_basis ??= 'usual';
  else columns.delay_basis = null;
  return {};
}

const services: AdminResource = {
  path: 'services',
  table: 'commune_services',
  titleKey: 'commune.admin.services',
  action: 'services.edit',
  auditType: 'service',
  orderBy: 'position',
  rowLabel: (row, ctx) => localizedLabel(ctx, row.title),
  fields: [
    { name: 'title', labelKey: 'commune.fields.title', kind: 'localized', required: true },
    { name: 'category', labelKey: 'commune.fields.category', kind: 'select', required: true, options: { civil_status: 'commune.fields.category_civil_status', urbanism: 'commune.fields.category_urbanism', taxes: 'commune.fields.category_taxes', social: 'commune.fields.category_social', other: 'commune.fields.category_other' } },
    { name: 'description', labelKey: 'commune.fields.description', kind: 'localized-markdown', required: true },
    { name: 'kind', labelKey: 'commune.fields.kind', kind: 'select', options: { service: 'commune.fields.kind_service', procedure: 'commune.fields.kind_procedure' } },
    { name: 'eligibility', labelKey: 'commune.fields.eligibility', kind: 'localized' },
    { name: 'documents', labelKey: 'commune.fields.documents', kind: 'localized-lines' },
    { name: 'fee', labelKey: 'commune.fields.fee', kind: 'number' },
    { name: 'delay_days', labelKey: 'commune.fields.delay_days', kind: 'number' },
    { name: 'delay_basis', labelKey: 'commune.fields.delay_basis', kind: 'select', options: { legal: 'commune.fields.delay_basis_legal', usual: 'commune.fields.delay_basis_usual' } },
    { name: 'delay', labelKey: 'commune.fields.delay', kind: 'localized' },
    { name: 'collection', labelKey: 'commune.fields.collection', kind: 'localized' },
    { name: 'location', labelKey: 'commune.fields.location', kind: 'localized' },
    { name: 'opening_hours', labelKey: 'commune.fields.opening_hours', kind: 'localized' },
    { name: 'position', labelKey: 'commune.fields.position', kind: 'number' },
  ],
  beforeSave: (columns) => {
    columns.position ??= 0;
    // Older forms and scripts send no kind: they describe plain services.
    columns.kind ??= 'service';
    return delayErrors(columns);
  },
};

const documents: AdminResource = {
  path: 'documents',
  table: 'commune_documents',
  titleKey: 'commune.admin.documents',
  action: 'documents.edit',
  auditType: 'document',
  orderBy: 'document_date',
  orderDirection: 'desc',
  rowLabel: (row, ctx) => localizedLabel(ctx, row.title),
  listDetails: (row, ctx) => `${ctx.t(categoryLabelKeys[row.category as keyof typeof categoryLabelKeys])} · ${formatDate(String(row.document_date), ctx.locale, 'UTC')}`,
  fields: [
    { name: 'title', labelKey: 'commune.fields.title', kind: 'localized', required: true },
    { name: 'category', labelKey: 'commune.fields.category', kind: 'select', required: true, options: categoryLabelKeys },
    { name: 'document_date', labelKey: 'commune.fields.document_date', kind: 'date', required: true },
    { name: 'file_id', labelKey: 'commune.fields.pdf', kind: 'pdf', required: true },
  ],
};

const meetings: AdminResource = {
  path: 'meetings',
  table: 'council_meetings',
  titleKey: 'commune.admin.meetings',
  action: 'meetings.edit',
  auditType: 'council_meeting',
  orderBy: 'starts_at',
  orderDirection: 'desc',
  rowLabel: (row, ctx) => localizedLabel(ctx, row.title),
  listDetails: (row, ctx) => formatDateTime(row.starts_at as Date, ctx.locale, ctx.commune!.time_zone),
  fields: [
    { name: 'title', labelKey: 'commune.fields.title', kind: 'localized', required: true },
    { name: 'starts_at', labelKey: 'commune.fields.starts_at', kind: 'datetime', required: true },
    { name: 'location', labelKey: 'commune.fields.location', kind: 'localized' },
    { name: 'agenda', labelKey: 'commune.fields.agenda', kind: 'localized-markdown' },
  ],
};

export const adminResources: AdminResource[] = [newsResource, persons, organizations, memberships, services, documents, meetings];
