import type { FormState } from '../../../platform/http/forms.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { implementationStatuses, type Project, type Round } from '../db/tables.js';
import type { ProjectPhoto, PublicUpdate } from '../queries/implementation-queries.js';
import { ProjectPhotos, UpdateHistory } from '../views/implementation-views.js';
import { implementationKeys } from '../views/labels.js';

export const photoSlots = [1, 2, 3] as const;

const projectAdminPath = (ctx: ViewContext, round: Round, project: Project) => `/${ctx.commune!.slug}/admin/budgets/${round.id}/projects/${project.id}`;

export interface ImplementationAdminProps {
  round: Round;
  project: Project;
  trackable: boolean;
  updates: PublicUpdate[];
  photos: ProjectPhoto[];
  form: FormState;
  photoForm: FormState;
}

function TrackingForm({ ctx, props }: { ctx: ViewContext; props: ImplementationAdminProps }) {
  const { form, round } = props;
  const labels = {
    implementation_status: ctx.t('budgeting.tracking.status'),
    progress: ctx.t('budgeting.tracking.progress'),
    spent_to_date: ctx.t('budgeting.tracking.spent_to_date'),
    implementation_note: ctx.t('budgeting.tracking.note'),
  };
  const error = form.errors.implementation_status;
  return (
    <form method="post" action={`${projectAdminPath(ctx, round, props.project)}/implementation`}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <div class="field">
        <label for="implementation_status" safe>{labels.implementation_status}</label>
        {error ? <p class="field-error" id="implementation_status-error" safe>{ctx.t(error)}</p> : ''}
        <select id="implementation_status" name="implementation_status">
          {implementationStatuses.map((s) => <option value={s} selected={form.values.implementation_status === s} safe>{ctx.t(implementationKeys[s])}</option>)}
        </select>
      </div>
      <Field ctx={ctx} form={form} name="progress" label={labels.progress} hint={ctx.t('budgeting.tracking.progress_hint')} type="number" required />
      <Field ctx={ctx} form={form} name="spent_to_date" label={`${labels.spent_to_date} (${round.currency})`} hint={ctx.t('budgeting.admin.amount_hint')} inputmode="numeric" />
      <Field ctx={ctx} form={form} name="implementation_note" label={labels.implementation_note} hint={ctx.t('budgeting.tracking.note_hint')} multiline />
      <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('budgeting.tracking.save')}</button></div>
    </form>
  );
}

function PhotoForm({ ctx, props }: { ctx: ViewContext; props: ImplementationAdminProps }) {
  const form = props.photoForm;
  return (
    <form method="post" action={`${projectAdminPath(ctx, props.round, props.project)}/implementation/photos?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data">
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={{ photo_1: ctx.t('budgeting.project.photo'), photo_2: ctx.t('budgeting.project.photo'), photo_3: ctx.t('budgeting.project.photo') }} />
      {photoSlots.map((slot) => (
        <fieldset>
          <legend safe>{`${ctx.t('budgeting.project.photo')} ${slot}`}</legend>
          {form.errors[`photo_${slot}`] ? <p class="field-error" safe>{ctx.t(form.errors[`photo_${slot}`]!)}</p> : ''}
          <input type="file" id={`photo_${slot}`} name={`photo_${slot}`} accept="image/jpeg,image/png,image/webp" aria-label={`${ctx.t('budgeting.project.photo')} ${slot}`} />
          <Field ctx={ctx} form={form} name={`caption_${slot}`} label={ctx.t('budgeting.tracking.caption')} />
        </fieldset>
      ))}
      <button type="submit" class="btn" safe>{ctx.t('budgeting.tracking.add_photos')}</button>
    </form>
  );
}

/** A project's implementation in the back-office: the tracking form, photos of the works, and the history. */
export function ImplementationAdminPage({ ctx, props }: { ctx: ViewContext; props: ImplementationAdminProps }) {
  const { round, project } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.tracking.admin_title', { project: project.title })} area="admin">
      <p>
        <a href={`/${ctx.commune!.slug}/admin/budgets/${round.id}`}><Localized ctx={ctx} text={round.title} /></a> ·{' '}
        <a href={projectAdminPath(ctx, round, project)} safe>{project.title}</a>
      </p>
      <h1 safe>{ctx.t('budgeting.tracking.admin_title', { project: project.title })}</h1>
      {props.trackable ? (
        <>
          <TrackingForm ctx={ctx} props={props} />
          <h2 safe>{ctx.t('budgeting.tracking.photos')}</h2>
          <ProjectPhotos ctx={ctx} photos={props.photos} />
          <PhotoForm ctx={ctx} props={props} />
        </>
      ) : (
        <Notice kind="error"><p safe>{ctx.t('budgeting.tracking.not_trackable')}</p></Notice>
      )}
      <h2 safe>{ctx.t('budgeting.tracking.history')}</h2>
      <UpdateHistory ctx={ctx} round={round} updates={props.updates} />
    </Layout>
  );
}
