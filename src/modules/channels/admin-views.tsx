import { CsrfField, Notice } from '../../platform/views/components.js';
import { Layout } from '../../platform/views/layout.js';
import type { ViewContext } from '../../platform/views/view-context.js';

export interface SimulatorState {
  phone: string;
  session: string;
  path: string[];
  /** The phone's screen, or null before the first call. */
  screen: string | null;
  end: boolean;
  error: string | null;
}

/** A phone's screen: what the caller reads, kept as the operator shows it (line breaks, 182 characters at most). */
function PhoneScreen({ ctx, state }: { ctx: ViewContext; state: SimulatorState }) {
  if (state.error) return <p class="field-error" role="alert" safe>{ctx.t(state.error)}</p>;
  if (state.screen === null) return <></>;
  return (
    <figure class="phone-screen">
      <pre id="ussd-screen" dir="auto" safe>{state.screen}</pre>
      <figcaption class="muted" safe>{ctx.t(state.end ? 'channels.simulator.ended' : 'channels.simulator.waiting')}</figcaption>
    </figure>
  );
}

/** Plays a phone on the USSD line without an operator: each answer is posted with the path typed so far. */
function Simulator({ ctx, state }: { ctx: ViewContext; state: SimulatorState | null }) {
  const action = `/${ctx.commune!.slug}/admin/channels/simulator`;
  const inSession = state !== null && !state.error && !state.end;
  return (
    <section id="simulator" aria-labelledby="simulator-title">
      <h2 id="simulator-title" safe>{ctx.t('channels.simulator.title')}</h2>
      <Notice kind="demo"><p safe>{ctx.t('channels.simulator.intro')}</p></Notice>
      {state ? <PhoneScreen ctx={ctx} state={state} /> : ''}
      <form method="post" action={action} id="simulator-form">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="sim-phone" safe>{ctx.t('channels.simulator.phone')}</label>
          <input id="sim-phone" name="phone" type="tel" dir="ltr" required value={state?.phone ?? ''} />
        </div>
        {inSession ? (
          <>
            <input type="hidden" name="session" value={state.session} />
            <input type="hidden" name="path" value={state.path.join('*')} />
            <div class="field">
              <label for="sim-input" safe>{ctx.t('channels.simulator.answer')}</label>
              <input id="sim-input" name="input" autocomplete="off" required maxlength="160" />
            </div>
            <button type="submit" safe>{ctx.t('channels.simulator.send')}</button>
            {' '}
            <button type="submit" name="restart" value="1" class="secondary" formnovalidate safe>{ctx.t('channels.simulator.restart')}</button>
          </>
        ) : (
          <button type="submit" name="restart" value="1" safe>{ctx.t('channels.simulator.dial')}</button>
        )}
      </form>
    </section>
  );
}

export function ChannelsPage({ ctx, callbackUrl, demo, simulator, waiting }: { ctx: ViewContext; callbackUrl: string; demo: boolean; simulator: SimulatorState | null; waiting: number }) {
  const title = ctx.t('channels.admin.title');
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('channels.admin.intro')}</p>
      <p><a id="inbox-link" href={`/${ctx.commune!.slug}/admin/channels/inbox`} safe>{ctx.t('channels.inbox.link', { count: String(waiting) })}</a></p>
      <p><a href={`/${ctx.commune!.slug}/admin/channels/costs`} id="costs-link" safe>{ctx.t('channels.costs.link')}</a></p>
      <p>
        <a href={`/${ctx.commune!.slug}/admin/channels/broadcasts`} safe>{ctx.t('channels.broadcast.title')}</a>{' · '}
        <a href={`/${ctx.commune!.slug}/admin/channels/subscribers`} safe>{ctx.t('channels.subscribers.title')}</a>
      </p>
      <h2 safe>{ctx.t('channels.admin.ussd')}</h2>
      <p safe>{ctx.t('channels.admin.ussd_callback')}</p>
      <p><code id="ussd-callback-url" dir="ltr" safe>{callbackUrl}</code></p>
      <p class="muted" safe>{ctx.t('channels.admin.secret_url')}</p>
      {demo ? <Simulator ctx={ctx} state={simulator} /> : ''}
      {demo ? <p><a id="sms-simulator-link" href={`/${ctx.commune!.slug}/admin/channels/sms-simulator`} safe>{ctx.t('channels.sms_simulator.link')}</a></p> : ''}
      {demo ? <p><a id="whatsapp-simulator-link" href={`/${ctx.commune!.slug}/admin/channels/whatsapp-simulator`} safe>{ctx.t('channels.whatsapp_simulator.tab')}</a></p> : ''}
    </Layout>
  );
}
