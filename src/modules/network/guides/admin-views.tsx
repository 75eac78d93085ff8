import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { localeNames, locales } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { textValues } from './forms.js';
import { audienceKeys } from './labels.js';
import { audiences, type ChapterRow, type GuideRow } from './tables.js';

export const adminGuidesPath = '/admin/network/guides';
const blank: FormState = { values: {}, errors: {} };

function TranslatedFields({ ctx, form, name, label, multiline }: { ctx: ViewContext; form: FormState; name: string; label: string; multiline?: boolean }) {
  return (
    <fieldset>
      <legend safe>{label}</legend>
      {locales.map((l) => <Field ctx={ctx} form={form} name={`${name}_${l}`} label={`${label} (${localeNames[l]})`} multiline={multiline} dir={l === 'ar' ? 'rtl' : 'auto'} />)}
    </fieldset>
  );
}

function GuideFields({ ctx, form, withSlug }: { ctx: ViewContext; form: FormState; withSlug: boolean }) {
  return (
    <>
      {withSlug ? <Field ctx={ctx} form={form} name="slug" label={ctx.t('network.guides.field_slug')} hint={ctx.t('network.guides.slug_hint')} dir="ltr" /> : ''}
      <SelectField ctx={ctx} form={form} name="audience" label={ctx.t('network.guides.field_audience')} options={audiences.map((a) => [a, ctx.t(audienceKeys[a])])} />
      <TranslatedFields ctx={ctx} form={form} name="title" label={ctx.t('network.guides.field_title')} />
    </>
  );
}

const guideValues = (guide: GuideRow): FormState => ({ values: { audience: guide.audience, ...textValues('title', guide.title) }, errors: {} });

const guideLabels = (ctx: ViewContext) => ({ slug: ctx.t('network.guides.field_slug'), title_fr: ctx.t('network.guides.field_title'), audience: ctx.t('network.guides.field_audience') });

export function AdminGuidesPage({ ctx, guides, form = blank }: { ctx: ViewContext; guides: GuideRow[]; form?: FormState }) {
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('network.guides.admin_title')}>
      <h1 safe>{ctx.t('network.guides.admin_title')}</h1>
      <ul id="admin-guides">
        {guides.map((g) => <li><a href={`${adminGuidesPath}/${g.slug}`}><Localized ctx={ctx} text={g.title} /></a> <code safe>{g.slug}</code></li>)}
      </ul>
      <h2 safe>{ctx.t('network.guides.new_guide')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={guideLabels(ctx)} />
      <form method="post" action={adminGuidesPath} id="guide-form" class="card">
        <CsrfField ctx={ctx} />
        <GuideFields ctx={ctx} form={form} withSlug />
        <button type="submit" class="btn" safe>{ctx.t('network.guides.create')}</button>
      </form>
      <p><a href="/network/guides" safe>{ctx.t('network.guides.list_title')}</a></p>
    </Layout>
  );
}

function MoveButton({ ctx, action, direction }: { ctx: ViewContext; action: string; direction: 'up' | 'down' }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" class="btn-link" safe>{ctx.t(direction === 'up' ? 'network.guides.move_up' : 'network.guides.move_down')}</button>
    </form>
  );
}

function ChapterList({ ctx, guide, chapters }: { ctx: ViewContext; guide: GuideRow; chapters: ChapterRow[] }) {
  const base = `${adminGuidesPath}/${guide.slug}/chapters`;
  return (
    <ol id="chapters">
      {chapters.map((c, index) => (
        <li>
          <a href={`${base}/${c.id}`}><Localized ctx={ctx} text={c.title} /></a> <code safe>{`#${c.key}`}</code>{' '}
          {index > 0 ? <MoveButton ctx={ctx} action={`${base}/${c.id}/move`} direction="up" /> : ''}
          {index < chapters.length - 1 ? <MoveButton ctx={ctx} action={`${base}/${c.id}/move`} direction="down" /> : ''}
        </li>
      ))}
    </ol>
  );
}

export interface GuideEditProps {
  guide: GuideRow;
  chapters: ChapterRow[];
  versions: { version: number; published_at: Date }[];
  guideForm?: FormState;
  chapterForm?: FormState;
}

export function GuideEditPage({ ctx, props }: { ctx: ViewContext; props: GuideEditProps }) {
  const { guide, versions } = props;
  const base = `${adminGuidesPath}/${guide.slug}`;
  const latest = versions[0];
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('network.guides.edit_guide')}>
      <p><a href={adminGuidesPath} safe>{ctx.t('network.guides.back_to_admin')}</a></p>
      <h1><Localized ctx={ctx} text={guide.title} /></h1>
      <section class="card" id="publication">
        <p safe>{latest ? ctx.t('network.guides.latest_version', { version: String(latest.version), date: formatDateTime(latest.published_at, ctx.locale) }) : ctx.t('network.guides.never_published')}</p>
        <p class="field-hint" safe>{ctx.t('network.guides.draft_hint')}</p>
        <form method="post" action={`${base}/publish`} id="publish-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="btn" safe>{ctx.t('network.guides.publish')}</button>
        </form>
        {latest ? <p><a href={`/network/guides/${guide.slug}`} safe>{ctx.t('network.guides.view_public')}</a></p> : ''}
      </section>
      <h2 safe>{ctx.t('network.guides.chapters')}</h2>
      <ChapterList ctx={ctx} guide={guide} chapters={props.chapters} />
      <h2 safe>{ctx.t('network.guides.add_chapter')}</h2>
      <ChapterForm ctx={ctx} action={`${base}/chapters`} form={props.chapterForm ?? blank} />
      <h2 safe>{ctx.t('network.guides.edit_guide')}</h2>
      <ErrorSummary ctx={ctx} form={props.guideForm ?? blank} labels={guideLabels(ctx)} />
      <form method="post" action={base} id="guide-form" class="card">
        <CsrfField ctx={ctx} />
        <GuideFields ctx={ctx} form={props.guideForm ?? guideValues(guide)} withSlug={false} />
        <button type="submit" class="btn" safe>{ctx.t('network.guides.save')}</button>
      </form>
    </Layout>
  );
}

function ChapterForm({ ctx, action, form }: { ctx: ViewContext; action: string; form: FormState }) {
  return (
    <>
      <ErrorSummary ctx={ctx} form={form} labels={{ key: ctx.t('network.guides.field_key'), title_fr: ctx.t('network.guides.field_title') }} />
      <form method="post" action={action} id="chapter-form" class="card">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="key" label={ctx.t('network.guides.field_key')} hint={ctx.t('network.guides.key_hint')} dir="ltr" />
        <TranslatedFields ctx={ctx} form={form} name="title" label={ctx.t('network.guides.field_title')} />
        <TranslatedFields ctx={ctx} form={form} name="body" label={ctx.t('network.guides.field_body')} multiline />
        <button type="submit" class="btn" safe>{ctx.t('network.guides.save')}</button>
      </form>
    </>
  );
}

export function ChapterEditPage({ ctx, guide, chapterId, form }: { ctx: ViewContext; guide: GuideRow; chapterId: string; form: FormState }) {
  const base = `${adminGuidesPath}/${guide.slug}`;
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('network.guides.edit_chapter')}>
      <p><a href={base} safe>{ctx.t('network.guides.back_to_guide')}</a></p>
      <h1 safe>{ctx.t('network.guides.edit_chapter')}</h1>
      <p class="field-hint" safe>{ctx.t('network.guides.draft_hint')}</p>
      <ChapterForm ctx={ctx} action={`${base}/chapters/${chapterId}`} form={form} />
    </Layout>
  );
}
