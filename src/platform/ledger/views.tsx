import { formatDateTime } from '../i18n/format.js';
import { CsrfField, Notice } from '../views/components.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';
import type { LedgerEntry, LedgerTreeHead } from './tables.js';

/** Files checked on the page are hashed as they stream in, but a public form still needs a modest cap. */
export const LEDGER_CHECK_MAX_BYTES = 5 * 1024 * 1024;

export interface LookupResult {
  text: string;
  hashes: string[];
  matches: LedgerEntry[];
  /** i18n key when nothing was submitted. */
  error: string | null;
}

const base = (ctx: ViewContext) => `/${ctx.commune!.slug}/ledger`;
const when = (ctx: ViewContext, date: Date) => formatDateTime(date, ctx.locale, ctx.commune!.time_zone);
// Only links to our own pages or to web addresses: a stored "javascript:" URL must never become clickable.
const safeHref = (url: string) => (/^(\/[^/]|https?:\/\/)/.test(url) ? url : null);

function EntryTitle({ entry }: { entry: LedgerEntry }) {
  const href = safeHref(entry.url);
  return href ? <a href={href} safe>{entry.title}</a> : <span safe>{entry.title}</span>;
}

function HeadSummary({ ctx, head }: { ctx: ViewContext; head: LedgerTreeHead | null }) {
  if (!head) return <p safe>{ctx.t('ledger.page.empty')}</p>;
  return (
    <p>
      <span safe>{ctx.t('ledger.page.head', { size: String(head.size), date: when(ctx, head.signed_at) })}</span>{' '}
      <code class="hash" safe>{head.root_hash}</code>
    </p>
  );
}

function CheckForm({ ctx, lookup }: { ctx: ViewContext; lookup: LookupResult | null }) {
  return (
    <form method="post" action={`${base(ctx)}/check?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data">
      <CsrfField ctx={ctx} />
      {lookup?.error ? <Notice kind="error"><span id="text-error" safe>{ctx.t(lookup.error)}</span></Notice> : ''}
      <div class="field">
        <label for="text" safe>{ctx.t('ledger.check.text_label')}</label>
        <p class="hint" id="text-hint" safe>{ctx.t('ledger.check.text_hint')}</p>
        <textarea id="text" name="text" rows="6" aria-describedby="text-hint" safe>{lookup?.text ?? ''}</textarea>
      </div>
      <div class="field">
        <label for="file" safe>{ctx.t('ledger.check.file_label')}</label>
        <p class="hint" id="file-hint" safe>{ctx.t('ledger.check.file_hint', { size: String(LEDGER_CHECK_MAX_BYTES / 1024 / 1024) })}</p>
        <input type="file" id="file" name="file" aria-describedby="file-hint" />
      </div>
      <button type="submit" class="button" safe>{ctx.t('ledger.check.submit')}</button>
    </form>
  );
}

function LookupAnswer({ ctx, lookup }: { ctx: ViewContext; lookup: LookupResult }) {
  if (lookup.error) return '';
  return (
    <section aria-live="polite" id="check-result">
      <p>
        <span safe>{ctx.t('ledger.check.hash_of_submission')}</span> <code class="hash" safe>{lookup.hashes[0]}</code>
      </p>
      {lookup.matches.length === 0 ? (
        <Notice kind="info"><span safe>{ctx.t('ledger.check.not_found')}</span></Notice>
      ) : (
        <Notice kind="success">
          <ul>
            {lookup.matches.map((entry) => (
              <li>
                <span safe>{ctx.t('ledger.check.found', { seq: String(entry.seq), date: when(ctx, entry.published_at) })}</span> <EntryTitle entry={entry} />
              </li>
            ))}
          </ul>
        </Notice>
      )}
    </section>
  );
}

function EntriesTable({ ctx, entries }: { ctx: ViewContext; entries: LedgerEntry[] }) {
  if (entries.length === 0) return '';
  return (
    <table class="table">
      <caption safe>{ctx.t('ledger.page.recent')}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col" safe>{ctx.t('ledger.page.published_at')}</th>
          <th scope="col" safe>{ctx.t('ledger.page.publication')}</th>
          <th scope="col">SHA-256</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr>
            <td>
              <a href={`${base(ctx)}/entries/${entry.seq}.json`} safe>{String(entry.seq)}</a>
            </td>
            <td safe>{when(ctx, entry.published_at)}</td>
            <td>
              <EntryTitle entry={entry} /> <small safe>{entry.kind}</small>
            </td>
            <td>
              <code class="hash" title={entry.content_sha256} safe>{`${entry.content_sha256.slice(0, 16)}…`}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /<commune>/ledger: what the commune published, and a "was this published?" check that needs no JavaScript. */
export function LedgerPage({ ctx, head, entries, lookup }: { ctx: ViewContext; head: LedgerTreeHead | null; entries: LedgerEntry[]; lookup: LookupResult | null }) {
  return (
    <Layout ctx={ctx} title={ctx.t('ledger.page.title')}>
      <h1 safe>{ctx.t('ledger.page.title')}</h1>
      <p safe>{ctx.t('ledger.page.intro')}</p>
      <HeadSummary ctx={ctx} head={head} />
      <h2 safe>{ctx.t('ledger.check.title')}</h2>
      {lookup ? <LookupAnswer ctx={ctx} lookup={lookup} /> : ''}
      <CheckForm ctx={ctx} lookup={lookup} />
      <EntriesTable ctx={ctx} entries={entries} />
      <p>
        <span safe>{ctx.t('ledger.page.machine_readable')}</span>{' '}
        <a href={`${base(ctx)}/sth.json`}>sth.json</a> · <a href={`${base(ctx)}/public-key.pem`}>public-key.pem</a> ·{' '}
        <a href={`${base(ctx)}/consistency.json?first=1`}>consistency.json</a>
      </p>
    </Layout>
  );
}
