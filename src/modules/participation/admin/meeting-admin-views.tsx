import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Meeting } from '../db/tables.js';
import type { MeetingPhoto } from '../queries/proposal-detail-queries.js';
import { MeetingPhotos } from '../views/meeting-photos.js';
import { CategorySelect } from '../views/proposal-form-fields.js';

const meetingUrl = (ctx: ViewContext, id: string) => `/${ctx.commune!.slug}/admin/meetings/${id}`;
const meetingName = (ctx: ViewContext, meeting: Meeting) => `${formatDateTime(meeting.starts_at, ctx.locale, ctx.commune!.time_zone)} — ${meeting.location}`;
export const photoSlots = [1, 2, 3] as const;

/** On the consultation's back-office page: each meeting's own block (photos, proposals recorded there). */
export function MeetingAdminLinks({ ctx, meetings }: { ctx: ViewContext; meetings: Meeting[] }) {
  if (meetings.length === 0) return <></>;
  return (
    <ul>
      {meetings.map((m) => <li><a href={meetingUrl(ctx, m.id)} dir="auto" safe>{ctx.t('participation.meeting.manage', { meeting: meetingName(ctx, m) })}</a></li>)}
    </ul>
  );
}

function PhotoForm({ ctx, meeting, form }: { ctx: ViewContext; meeting: Meeting; form: FormState }) {
  return (
    <form method="post" action={`${meetingUrl(ctx, meeting.id)}/photos?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data">
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={{ photo_1: ctx.t('participation.meeting.photo') }} />
      {photoSlots.map((slot) => (
        <fieldset>
          <legend safe>{`${ctx.t('participation.meeting.photo')} ${slot}`}</legend>
          {form.errors[`photo_${slot}`] ? <p class="field-error" safe>{ctx.t(form.errors[`photo_${slot}`]!)}</p> : ''}
          <input type="file" id={`photo_${slot}`} name={`photo_${slot}`} accept="image/jpeg,image/png,image/webp" aria-label={`${ctx.t('participation.meeting.photo')} ${slot}`} />
          <Field ctx={ctx} form={form} name={`caption_${slot}`} label={ctx.t('participation.meeting.caption')} />
        </fieldset>
      ))}
      <button type="submit" class="btn" safe>{ctx.t('participation.meeting.add_photos')}</button>
    </form>
  );
}

function MeetingProposalForm({ ctx, meeting, form, categories }: { ctx: ViewContext; meeting: Meeting; form: FormState; categories: string[] }) {
  const labels = { title: ctx.t('participation.proposal.title'), body: ctx.t('participation.proposal.body') };
  return (
    <form method="post" action={`${meetingUrl(ctx, meeting.id)}/proposals`}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <Field ctx={ctx} form={form} name="title" label={labels.title} required />
      <Field ctx={ctx} form={form} name="body" label={labels.body} multiline required />
      <Field ctx={ctx} form={form} name="neighbourhood" label={ctx.t('participation.proposal.neighbourhood')} />
      <CategorySelect ctx={ctx} form={form} categories={categories} />
      <button type="submit" class="btn" safe>{ctx.t('participation.meeting.record_proposal')}</button>
    </form>
  );
}

export interface MeetingAdminProps {
  meeting: Meeting;
  photos: MeetingPhoto[];
  proposals: { id: string; title: string }[];
  categories: string[];
  photoForm: FormState;
  proposalForm: FormState;
}

export function MeetingAdminPage({ ctx, props }: { ctx: ViewContext; props: MeetingAdminProps }) {
  const { meeting } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('participation.meeting.title')} area="admin">
      <p><a href={`/${ctx.commune!.slug}/admin/consultations/${meeting.consultation_id}`} safe>{ctx.t('participation.merge.back')}</a></p>
      <h1 safe>{meetingName(ctx, meeting)}</h1>
      <h2 safe>{ctx.t('participation.meeting.photos')}</h2>
      <MeetingPhotos ctx={ctx} photos={props.photos} />
      <PhotoForm ctx={ctx} meeting={meeting} form={props.photoForm} />
      <h2 safe>{ctx.t('participation.meeting.proposals')}</h2>
      <ul>{props.proposals.map((p) => <li><a href={`/${ctx.commune!.slug}/admin/proposals/${p.id}`} dir="auto" safe>{p.title}</a></li>)}</ul>
      <h3 safe>{ctx.t('participation.meeting.record_proposal')}</h3>
      <p class="field-hint" safe>{ctx.t('participation.meeting.record_hint')}</p>
      <MeetingProposalForm ctx={ctx} meeting={meeting} form={props.proposalForm} categories={props.categories} />
    </Layout>
  );
}
