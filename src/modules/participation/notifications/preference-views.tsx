import type { FormState } from '../../../platform/http/forms.js';
import { CsrfField, ErrorSummary } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { type NotificationKind, notificationKinds } from '../db/tables.js';
import { type Delivery, deliveryChoices } from './tables.js';

export const kindLabelKeys: Record<NotificationKind, string> = {
  proposal_answered: 'participation.notifications.kind.proposal_answered',
  comment_reply: 'participation.notifications.kind.comment_reply',
  phase_opened: 'participation.notifications.kind.phase_opened',
  proposal_merged: 'participation.notifications.kind.proposal_merged',
  appeal_decided: 'participation.notifications.kind.appeal_decided',
};

const deliveryLabelKeys: Record<Delivery, string> = {
  inbox: 'participation.notifications.delivery.inbox',
  digest: 'participation.notifications.delivery.digest',
  each_time: 'participation.notifications.delivery.each_time',
};

export interface PreferencesPageProps {
  /** Values as saved or as typed: `kind_<kind>` = "on" when ticked, `delivery`. */
  form: FormState;
  /** Where messages go (phone or e-mail), so the person knows what "SMS/e-mail" means for them. */
  destination: string;
}

export function PreferencesPage({ ctx, props }: { ctx: ViewContext; props: PreferencesPageProps }) {
  const { form } = props;
  const stopped = notificationKinds.every((kind) => form.values[`kind_${kind}`] !== 'on');
  return (
    <Layout ctx={ctx} title={ctx.t('participation.notifications.title')}>
      <h1 safe>{ctx.t('participation.notifications.title')}</h1>
      <p><a href="/inbox" safe>{ctx.t('participation.notifications.back_to_inbox')}</a></p>
      {stopped ? <p class="notice" role="status" safe>{ctx.t('participation.notifications.all_stopped')}</p> : ''}
      <ErrorSummary ctx={ctx} form={form} labels={{ delivery: ctx.t('participation.notifications.delivery.legend') }} />
      <form method="post" action="/account/notifications">
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend safe>{ctx.t('participation.notifications.kinds_legend')}</legend>
          {notificationKinds.map((kind) => (
            <div>
              <input type="checkbox" id={`kind_${kind}`} name={`kind_${kind}`} value="on" checked={form.values[`kind_${kind}`] === 'on'} />{' '}
              <label for={`kind_${kind}`} safe>{ctx.t(kindLabelKeys[kind])}</label>
            </div>
          ))}
        </fieldset>
        <fieldset id="delivery">
          <legend safe>{ctx.t('participation.notifications.delivery.legend')}</legend>
          <p class="field-hint" safe>{ctx.t('participation.notifications.delivery.hint', { destination: props.destination })}</p>
          {deliveryChoices.map((choice) => (
            <div>
              <input type="radio" id={`delivery_${choice}`} name="delivery" value={choice} checked={form.values.delivery === choice} />{' '}
              <label for={`delivery_${choice}`} safe>{ctx.t(deliveryLabelKeys[choice])}</label>
            </div>
          ))}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="btn" safe>{ctx.t('core.form.save')}</button>
        </div>
      </form>
      <form method="post" action="/account/notifications/stop">
        <CsrfField ctx={ctx} />
        <button type="submit" class="btn btn-secondary" safe>{ctx.t('participation.notifications.stop_all')}</button>
      </form>
    </Layout>
  );
}

/** Reached from the link in a message, without signing in: nothing changes until the button is pressed. */
export function StopPage({ ctx, action }: { ctx: ViewContext; action: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('participation.notifications.stop_title')}>
      <h1 safe>{ctx.t('participation.notifications.stop_title')}</h1>
      <p safe>{ctx.t('participation.notifications.stop_explain')}</p>
      <form method="post" action={action}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="btn" safe>{ctx.t('participation.notifications.stop_all')}</button>
      </form>
    </Layout>
  );
}
