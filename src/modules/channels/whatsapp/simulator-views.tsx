import { CsrfField, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';

/** One line of the simulated conversation: what the phone wrote, or what the commune answered. */
export interface ChatLine {
  from: 'phone' | 'commune';
  body: string;
  at: Date;
}

export interface WhatsAppSimulatorState {
  phone: string;
  lines: ChatLine[];
  error: string | null;
}

function Transcript({ ctx, lines }: { ctx: ViewContext; lines: ChatLine[] }) {
  if (lines.length === 0) return <p class="muted" safe>{ctx.t('channels.whatsapp_simulator.empty')}</p>;
  return (
    <ol id="whatsapp-transcript">
      {lines.map((line) =>
        line.from === 'phone' ? (
          <li>
            <strong safe>{ctx.t('channels.whatsapp_simulator.from_phone')}</strong>
            <p dir="auto" safe>{line.body}</p>
          </li>
        ) : (
          <li class="phone-screen">
            <strong safe>{ctx.t('channels.whatsapp_simulator.from_commune')}</strong>
            <pre dir="auto" safe>{line.body}</pre>
          </li>
        ),
      )}
    </ol>
  );
}

/** Plays a phone writing to the commune's WhatsApp number: each message goes through the real handler. */
export function WhatsAppSimulatorPage({ ctx, state }: { ctx: ViewContext; state: WhatsAppSimulatorState }) {
  const title = ctx.t('channels.whatsapp_simulator.title');
  const base = `/${ctx.commune!.slug}/admin/channels`;
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={base} safe>{ctx.t('channels.admin.title')}</a></p>
      <h1 safe>{title}</h1>
      <Notice kind="demo"><p safe>{ctx.t('channels.whatsapp_simulator.intro')}</p></Notice>
      {state.error ? <p class="field-error" role="alert" safe>{ctx.t(state.error)}</p> : ''}
      {state.phone && !state.error ? (
        <section aria-labelledby="transcript-title">
          <h2 id="transcript-title" safe>{ctx.t('channels.whatsapp_simulator.conversation')}</h2>
          <Transcript ctx={ctx} lines={state.lines} />
        </section>
      ) : ''}
      <form method="post" action={`${base}/whatsapp-simulator`} id="whatsapp-simulator-form">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="wa-phone" safe>{ctx.t('channels.whatsapp_simulator.phone')}</label>
          <input id="wa-phone" name="phone" type="tel" dir="ltr" required value={state.phone} />
        </div>
        <div class="field">
          <label for="wa-text" safe>{ctx.t('channels.whatsapp_simulator.message')}</label>
          <input id="wa-text" name="text" autocomplete="off" required maxlength="1000" dir="auto" />
        </div>
        <button type="submit" safe>{ctx.t('channels.whatsapp_simulator.send')}</button>
      </form>
    </Layout>
  );
}
