import type { FormState } from '../../../platform/http/forms.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { Field } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Request } from '../db/tables.js';
import { ComplaintFormPage, type ComplaintFormProps } from '../views/public-views.js';
import { handlingBase } from './handling-views.js';

export interface Participant {
  id: string;
  full_name: string;
  neighbourhood: string | null;
}

/** Who the complaint is for: an assisted participant already registered, or a name and a phone typed here. */
function PersonFields({ ctx, form, participants }: { ctx: ViewContext; form: FormState; participants: Participant[] }) {
  const error = form.errors.participant;
  return (
    <fieldset id="person">
      <legend safe>{ctx.t('requests.handling.on_behalf.person')}</legend>
      <p class="field-hint" safe>{ctx.t('requests.handling.on_behalf.person_hint')}</p>
      <div class="field">
        <label for="participant" safe>{ctx.t('requests.handling.on_behalf.participant')}</label>
        {error ? <p class="field-error" id="participant-error" safe>{ctx.t(error)}</p> : ''}
        <select id="participant" name="participant" aria-invalid={error ? 'true' : undefined}>
          <option value="" safe>{ctx.t('requests.handling.on_behalf.no_participant')}</option>
          {participants.map((p) => <option value={p.id} selected={form.values.participant === p.id} safe>{p.neighbourhood ? `${p.full_name} (${p.neighbourhood})` : p.full_name}</option>)}
        </select>
      </div>
      <Field ctx={ctx} form={form} name="name" label={ctx.t('requests.handling.on_behalf.name')} autocomplete="off" />
      <Field ctx={ctx} form={form} name="contact" label={ctx.t('requests.handling.on_behalf.phone')} hint={ctx.t('requests.handling.on_behalf.phone_hint')} autocomplete="off" inputmode="tel" />
    </fieldset>
  );
}

/** The public complaint form, posted to the back office, with the person it is filed for. */
export function OnBehalfFormPage({ ctx, props, participants }: { ctx: ViewContext; props: ComplaintFormProps; participants: Participant[] }) {
  const onBehalf = {
    action: `${handlingBase(ctx)}/on-behalf`,
    title: ctx.t('requests.handling.on_behalf.title'),
    intro: ctx.t('requests.handling.on_behalf.intro'),
    person: <PersonFields ctx={ctx} form={props.form} participants={participants} />,
    labels: { participant: ctx.t('requests.handling.on_behalf.participant'), name: ctx.t('requests.handling.on_behalf.name'), contact: ctx.t('requests.handling.on_behalf.phone') },
  };
  return <ComplaintFormPage ctx={ctx} props={{ ...props, onBehalf }} />;
}

/** What the mediator hands to the person: the reference and the tracking code (also sent by SMS when a phone was given). */
export function OnBehalfFiledPage({ ctx, request, accessCode, messaged }: { ctx: ViewContext; request: Request; accessCode: string; messaged: boolean }) {
  return (
    <Layout ctx={ctx} title={ctx.t('requests.filed.title')} area="admin">
      <h1 safe>{ctx.t('requests.filed.title')}</h1>
      <div class="notice notice-success" role="status" id="filed-summary">
        <p safe>{ctx.t('requests.filed.reference', { reference: request.reference })}</p>
        <p safe>{ctx.t('requests.filed.code', { code: accessCode })}</p>
      </div>
      <p safe>{ctx.t('requests.handling.on_behalf.hand_over')}</p>
      {messaged ? <p safe>{ctx.t('requests.handling.on_behalf.messaged')}</p> : ''}
      {request.due_on ? <p safe>{ctx.t('requests.filed.due', { date: formatDate(request.due_on, ctx.locale, 'UTC') })}</p> : ''}
      <p>
        <a class="btn" href={`${handlingBase(ctx)}/on-behalf`} safe>{ctx.t('requests.handling.on_behalf.another')}</a>
      </p>
    </Layout>
  );
}
