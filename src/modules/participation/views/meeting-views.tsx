import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Meeting } from '../db/tables.js';
import type { MeetingPhoto } from '../queries/proposal-detail-queries.js';
import { MeetingPhotos } from './meeting-photos.js';

function Attendance({ ctx, meeting }: { ctx: ViewContext; meeting: Meeting }) {
  const parts: [string, number | null][] = [
    ['participation.meeting.women', meeting.attendance_women],
    ['participation.meeting.men', meeting.attendance_men],
    ['participation.meeting.youth', meeting.attendance_youth],
  ];
  const given = parts.filter(([, n]) => n !== null);
  if (given.length === 0) return <></>;
  return <p class="muted" safe>{given.map(([key, n]) => ctx.t(key, { count: formatNumber(n!, ctx.locale) })).join(' · ')}</p>;
}

/** In-person meetings of a consultation: when, where, agenda, minutes and who came. */
export function MeetingsSection({ ctx, meetings, photos = [] }: { ctx: ViewContext; meetings: Meeting[]; photos?: MeetingPhoto[] }) {
  if (meetings.length === 0) return <></>;
  return (
    <section aria-labelledby="meetings-title">
      <h2 id="meetings-title" safe>{ctx.t('participation.meeting.title')}</h2>
      <ul class="news-list">
        {meetings.map((meeting) => (
          <li>
            <h3><span safe>{formatDateTime(meeting.starts_at, ctx.locale, ctx.commune!.time_zone)}</span> — <bdi safe>{meeting.location}</bdi></h3>
            {meeting.agenda ? <p><strong safe>{ctx.t('participation.meeting.agenda')}</strong> <bdi safe>{meeting.agenda}</bdi></p> : ''}
            {meeting.minutes ? <details><summary safe>{ctx.t('participation.meeting.minutes')}</summary><p dir="auto" safe>{meeting.minutes}</p></details> : ''}
            <Attendance ctx={ctx} meeting={meeting} />
            <MeetingPhotos ctx={ctx} photos={photos.filter((photo) => photo.meeting_id === meeting.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MeetingForm({ ctx, action, form }: { ctx: ViewContext; action: string; form: FormState }) {
  const labels = { starts_at: ctx.t('participation.meeting.starts_at'), location: ctx.t('participation.meeting.location') };
  return (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <Field ctx={ctx} form={form} name="starts_at" label={labels.starts_at} type="datetime-local" required />
      <Field ctx={ctx} form={form} name="location" label={labels.location} required />
      <Field ctx={ctx} form={form} name="agenda" label={ctx.t('participation.meeting.agenda')} multiline />
      <Field ctx={ctx} form={form} name="minutes" label={ctx.t('participation.meeting.minutes')} multiline />
      <Field ctx={ctx} form={form} name="attendance_women" label={ctx.t('participation.meeting.attendance_women')} type="number" inputmode="numeric" />
      <Field ctx={ctx} form={form} name="attendance_men" label={ctx.t('participation.meeting.attendance_men')} type="number" inputmode="numeric" />
      <Field ctx={ctx} form={form} name="attendance_youth" label={ctx.t('participation.meeting.attendance_youth')} type="number" inputmode="numeric" />
      <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('participation.meeting.add')}</button></div>
    </form>
  );
}
