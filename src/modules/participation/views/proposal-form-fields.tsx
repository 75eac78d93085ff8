import type { FormState } from '../../../platform/http/forms.js';
import { Field } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';

/** Labels of the detail fields, for the form's error summary. */
export const detailLabels = (ctx: ViewContext) => ({
  category: ctx.t('participation.category.label'),
  photo: ctx.t('participation.photo.label'),
  latitude: ctx.t('participation.location.latitude'),
  longitude: ctx.t('participation.location.longitude'),
});

/** An optional choice among the consultation's categories (none offered: no field). */
export function CategorySelect({ ctx, form, categories, id = 'category' }: { ctx: ViewContext; form: FormState; categories: string[]; id?: string }) {
  if (categories.length === 0) return <></>;
  const error = form.errors.category;
  return (
    <div class="field">
      <label for={id} safe>{ctx.t('participation.category.label')}</label>
      {error ? <p class="field-error" id={`${id}-error`} safe>{ctx.t(error)}</p> : ''}
      <select id={id} name="category" aria-invalid={error ? 'true' : undefined}>
        <option value="" safe>{ctx.t('participation.category.none')}</option>
        {categories.map((c) => <option value={c} selected={form.values.category === c} safe>{c}</option>)}
      </select>
    </div>
  );
}

function PhotoField({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const error = form.errors.photo;
  const kept = form.values.photo_file_id;
  return (
    <div class="field">
      <label for="photo" safe>{ctx.t('participation.photo.label')}</label>
      <p class="field-hint" id="photo-hint" safe>{ctx.t(kept ? 'participation.photo.kept' : 'participation.photo.hint')}</p>
      {error ? <p class="field-error" id="photo-error" safe>{ctx.t(error)}</p> : ''}
      {kept ? <input type="hidden" name="photo_file_id" value={kept} /> : <input type="file" id="photo" name="photo" accept="image/jpeg,image/png,image/webp" aria-describedby={error ? 'photo-hint photo-error' : 'photo-hint'} />}
    </div>
  );
}

/** A decimal degree: step="any", as the default step of 1 would refuse 14.69. */
function CoordinateField({ ctx, form, name, label, limit }: { ctx: ViewContext; form: FormState; name: 'latitude' | 'longitude'; label: string; limit: number }) {
  const error = form.errors[name];
  return (
    <div class="field">
      <label for={name} safe>{label}</label>
      {error ? <p class="field-error" id={`${name}-error`} safe>{ctx.t(error)}</p> : ''}
      <input type="number" id={name} name={name} step="any" min={String(-limit)} max={String(limit)} dir="ltr" value={form.values[name] ?? ''} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${name}-error` : undefined} />
    </div>
  );
}

/** Category, photo and place of a proposal: all optional; coordinates both or none. */
export function ProposalDetailFields({ ctx, form, categories }: { ctx: ViewContext; form: FormState; categories: string[] }) {
  return (
    <>
      <CategorySelect ctx={ctx} form={form} categories={categories} />
      <PhotoField ctx={ctx} form={form} />
      <fieldset>
        <legend safe>{ctx.t('participation.location.legend')}</legend>
        <Field ctx={ctx} form={form} name="place" label={ctx.t('participation.location.place')} hint={ctx.t('participation.location.place_hint')} />
        <p class="field-hint" safe>{ctx.t('participation.location.coordinates_hint')}</p>
        <CoordinateField ctx={ctx} form={form} name="latitude" label={ctx.t('participation.location.latitude')} limit={90} />
        <CoordinateField ctx={ctx} form={form} name="longitude" label={ctx.t('participation.location.longitude')} limit={180} />
      </fieldset>
    </>
  );
}

/** The proposal list's category filter; it composes with sort, other filters and the page cursor. */
export function CategoryFilter({ ctx, categories, selected }: { ctx: ViewContext; categories: string[]; selected: string | undefined }) {
  if (categories.length === 0) return <></>;
  return (
    <div class="field">
      <label for="filter-category" safe>{ctx.t('participation.category.label')}</label>
      <select id="filter-category" name="category">
        <option value="" safe>{ctx.t('participation.proposal.all')}</option>
        {categories.map((c) => <option value={c} selected={selected === c} safe>{c}</option>)}
      </select>
    </div>
  );
}
