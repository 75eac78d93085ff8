import type { FastifyRequest } from 'fastify';
import { type MultipartForm, readMultipartForm } from '../../../platform/storage/uploads.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import type { FormState } from '../../../platform/http/forms.js';
import { dateToZonedLocal, zonedLocalToDate } from '../../../platform/i18n/format.js';
import type { Locale, LocalizedText } from '../../../platform/i18n/locales.js';
import type { ViewContext } from '../../../platform/views/view-context.js';

export type FieldKind = 'localized' | 'localized-markdown' | 'localized-lines' | 'text' | 'email' | 'tel' | 'date' | 'datetime' | 'number' | 'select' | 'image' | 'pdf';

export interface FieldSpec {
  name: string;
  labelKey: string;
  kind: FieldKind;
  required?: boolean;
  /** For selects: value → label key, or a loader for choices from the database (ids → labels). */
  options?: Record<string, string>;
  loadOptions?: (request: FastifyRequest) => Promise<{ value: string; label: string }[]>;
}

/** One back-office section described as data, so every section gets the same list/create/edit/delete pages. */
export interface AdminResource {
  /** URL segment under /<commune>/admin/, e.g. "services". */
  path: string;
  table: string;
  titleKey: string;
  /** Policy action guarding every change. */
  action: 'news.edit' | 'council.edit' | 'services.edit' | 'documents.edit' | 'meetings.edit' | 'profile.edit';
  /** Audit resource type, e.g. "news_post". */
  auditType: string;
  fields: FieldSpec[];
  /** Label of a row in lists. */
  rowLabel(row: Record<string, unknown>, ctx: ViewContext): string;
  orderBy: string;
  orderDirection?: 'asc' | 'desc';
  /** Columns shown beside the label in the list. */
  listDetails?(row: Record<string, unknown>, ctx: ViewContext): string;
  /** Derives extra columns (e.g. publication state) and returns extra field errors. */
  beforeSave?(columns: Record<string, unknown>, values: FormValues, context: SaveContext): Record<string, string>;
  /** Audit action for a save, when more telling than "<type>.updated" (e.g. "news.published"). */
  auditAction?(values: FormValues, isUpdate: boolean): string | null;
  submitButtons?(ctx: ViewContext): JSX.Element;
  /** Extra forms on the edit page, e.g. unpublish a news post. */
  editActions?(ctx: ViewContext, row: Record<string, unknown>): JSX.Element;
}

export interface SaveContext {
  commune: Commune;
  userId: string | null;
  /** The stored row when editing, null when creating. */
  existing: Record<string, unknown> | null;
  now: Date;
}

export type FormValues = Record<string, string>;

/** Turns submitted strings into column values; errors are i18n keys per field. */
export function toColumns(resource: AdminResource, values: FormValues, commune: Commune, isUpdate: boolean) {
  const columns: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of resource.fields) {
    if (field.kind === 'image' || field.kind === 'pdf') continue;
    if (field.kind === 'localized-lines') {
      columns[field.name] = JSON.stringify(linesToItems(field.name, values, commune.enabled_locales, errors));
      continue;
    }
    if (field.kind === 'localized' || field.kind === 'localized-markdown') {
      const text: LocalizedText = {};
      for (const locale of commune.enabled_locales) {
        const value = values[`${field.name}_${locale}`]?.trim();
        if (value && value.length > 20_000) errors[`${field.name}_${locale}`] = 'core.form.too_long';
        if (value) text[locale] = value;
      }
      if (field.required && !text[commune.default_locale]) errors[`${field.name}_${commune.default_locale}`] = 'core.form.required';
      columns[field.name] = JSON.stringify(text);
      continue;
    }
    const raw = values[field.name]?.trim() ?? '';
    if (!raw) {
      if (field.required && !(isUpdate && field.kind === 'datetime')) errors[field.name] = 'core.form.required';
      columns[field.name] = null;
      continue;
    }
    const parsed = parseScalar(field, raw, commune.time_zone);
    if (parsed.error) errors[field.name] = parsed.error;
    else columns[field.name] = parsed.value;
  }
  return { columns, errors };
}

const maxItems = 30;

/** One item per line in each language, matched by line number: line 2 in French and in Arabic are the same item. */
function linesToItems(name: string, values: FormValues, enabled: readonly Locale[], errors: Record<string, string>): LocalizedText[] {
  const items: LocalizedText[] = [];
  for (const locale of enabled) {
    const lines = (values[`${name}_${locale}`] ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    if (lines.length > maxItems || lines.some((line) => line.length > 500)) errors[`${name}_${locale}`] = 'core.form.too_long';
    lines.slice(0, maxItems).forEach((line, index) => { (items[index] ??= {})[locale] = line; });
  }
  return items;
}

function itemsToLines(name: string, items: LocalizedText[]): FormValues {
  const values: FormValues = {};
  for (const item of items) {
    for (const [locale, text] of Object.entries(item)) values[`${name}_${locale}`] = [values[`${name}_${locale}`], text].filter(Boolean).join('\n');
  }
  return values;
}

function parseScalar(field: FieldSpec, raw: string, timeZone: string): { value?: unknown; error?: string } {
  switch (field.kind) {
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? { value: raw } : { error: 'core.form.invalid_date' };
    case 'datetime': {
      const date = zonedLocalToDate(raw, timeZone);
      return date ? { value: date } : { error: 'core.form.invalid' };
    }
    case 'number': {
      const number = Number(raw.replace(/\s/g, '').replace(',', '.'));
      return Number.isFinite(number) && number >= 0 ? { value: number } : { error: 'core.form.invalid' };
    }
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) && raw.length <= 200 ? { value: raw.toLowerCase() } : { error: 'core.form.invalid' };
    case 'select':
      return field.options && !(raw in field.options) ? { error: 'core.form.invalid' } : { value: raw };
    default:
      return raw.length <= 500 ? { value: raw } : { error: 'core.form.too_long' };
  }
}

/** Fills the form from a stored row. */
export function toFormValues(resource: AdminResource, row: Record<string, unknown>, commune: Commune): FormValues {
  const values: FormValues = {};
  for (const field of resource.fields) {
    const value = row[field.name];
    if (value === null || value === undefined) continue;
    if (field.kind === 'localized-lines') {
      Object.assign(values, itemsToLines(field.name, value as LocalizedText[]));
    } else if (field.kind === 'localized' || field.kind === 'localized-markdown') {
      for (const [locale, text] of Object.entries(value as LocalizedText)) values[`${field.name}_${locale as Locale}`] = text ?? '';
    } else if (field.kind === 'datetime') {
      values[field.name] = dateToZonedLocal(new Date(value as string), commune.time_zone);
    } else if (field.kind !== 'image' && field.kind !== 'pdf') {
      values[field.name] = String(value);
    }
  }
  return values;
}

export const emptyState = (values: FormValues = {}): FormState<FormValues> => ({ values, errors: {} });

/** Forms with a file are multipart; a plain url-encoded post (no file chosen, scripts, tests) is accepted too. */
export async function readAdminForm(request: FastifyRequest): Promise<MultipartForm> {
  if (request.isMultipart()) return readMultipartForm(request);
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries((request.body as Record<string, unknown> | undefined) ?? {})) {
    if (key !== '_csrf' && typeof value === 'string') fields[key] = value;
  }
  return { fields, files: {} };
}
