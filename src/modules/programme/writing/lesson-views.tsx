import type { FormState } from '../../../platform/http/forms.js';
import { IdempotencyField } from '../../../platform/http/idempotency.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { adminGuidesPath } from '../../network/index.js';
import { audienceKeys, communeLabel, languageOptions, MarkdownSection, Written } from './parts.js';
import type { LessonWithOrigin } from './lessons.js';
import { adminLessonPath, deskPath, practicesPath } from './paths.js';
import { lessonAudiences } from './tables.js';

/** A practice link refused: shown again beside its lesson's form, as typed. */
export interface PracticeError {
  lessonId: string;
  value: string;
}

export interface GuideChoice {
  slug: string;
  title: LocalizedText;
}

const lessonLabels = (ctx: ViewContext) => ({
  title: ctx.t('programme.writing.lesson.title_field'),
  worked: ctx.t('programme.writing.lesson.worked'),
  did_not_work: ctx.t('programme.writing.lesson.did_not_work'),
  recommendation: ctx.t('programme.writing.lesson.recommendation'),
  audience: ctx.t('programme.writing.lesson.audience'),
  language: ctx.t('programme.writing.post.language'),
});

export function LessonForm({ ctx, action, form }: { ctx: ViewContext; action: string; form: FormState }) {
  const labels = lessonLabels(ctx);
  return (
    <>
      <h2 safe>{ctx.t('programme.writing.lesson.new')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={action} id="lesson-form" class="card">
        <CsrfField ctx={ctx} />
        <IdempotencyField />
        <Field ctx={ctx} form={form} name="title" label={labels.title} required dir="auto" />
        <Field ctx={ctx} form={form} name="worked" label={labels.worked} multiline dir="auto" />
        <Field ctx={ctx} form={form} name="did_not_work" label={labels.did_not_work} multiline dir="auto" />
        <Field ctx={ctx} form={form} name="recommendation" label={labels.recommendation} multiline required dir="auto" />
        <SelectField ctx={ctx} form={form} name="audience" label={labels.audience} options={lessonAudiences.map((a) => [a, ctx.t(audienceKeys[a])])} />
        <SelectField ctx={ctx} form={form} name="language" label={labels.language} options={languageOptions()} />
        <button type="submit" class="btn" safe>{ctx.t('programme.writing.lesson.record')}</button>
      </form>
    </>
  );
}

/**
 * Where a lesson went: the guide it was folded into (platform administrators, who edit guides, go to its draft; others
 * to the published guide),
 * the practice it is linked to; or the operator's forms to send it there.
 */
function LessonFate({ ctx, lesson, guides, practiceError }: { ctx: ViewContext; lesson: LessonWithOrigin; guides: GuideChoice[] | null; practiceError?: PracticeError }) {
  const refused = practiceError?.lessonId === lesson.id ? practiceError : undefined;
  const guide = guides?.find((g) => g.slug === lesson.guide_slug);
  return (
    <div class="lesson-fate">
      {lesson.guide_slug ? (
        <p class="folded"><a href={guides && ctx.actor.isPlatformAdmin ? `${adminGuidesPath}/${lesson.guide_slug}#chapters` : `/network/guides/${lesson.guide_slug}`} safe>{ctx.t('programme.writing.lesson.folded_into', { guide: guide ? communeLabel(ctx, guide.title) : lesson.guide_slug })}</a></p>
      ) : guides ? (
        <form method="post" action={`${adminLessonPath(lesson.id)}/fold`} class="inline-form fold-form">
          <CsrfField ctx={ctx} />
          <label for={`guide-${lesson.id}`} safe>{ctx.t('programme.writing.lesson.fold_into')}</label>{' '}
          <select id={`guide-${lesson.id}`} name="guide">
            {guides.map((g) => <option value={g.slug} selected={g.slug === `${lesson.audience}-guide`} safe>{communeLabel(ctx, g.title)}</option>)}
          </select>{' '}
          <button type="submit" class="btn btn-secondary" safe>{ctx.t('programme.writing.lesson.fold')}</button>
        </form>
      ) : (
        ''
      )}
      {lesson.practice_url ? <p class="practice-link"><a href={lesson.practice_url} rel="nofollow noopener" safe>{ctx.t('programme.writing.lesson.practice_linked')}</a></p> : ''}
      {guides && !lesson.practice_url ? (
        <form method="post" action={`${adminLessonPath(lesson.id)}/practice`} class="inline-form practice-form">
          <CsrfField ctx={ctx} />
          <label for={`practice-${lesson.id}`} safe>{ctx.t('programme.writing.lesson.practice_url')}</label>{' '}
          {refused ? <p class="field-error" id={`practice-${lesson.id}-error`} safe>{ctx.t('programme.writing.lesson.error_practice_url')}</p> : ''}
          <input id={`practice-${lesson.id}`} name="practice_url" type="text" dir="ltr" value={refused?.value ?? ''} aria-invalid={refused ? 'true' : undefined} placeholder={ctx.t('programme.writing.lesson.practice_hint')} />{' '}
          <button type="submit" class="btn btn-secondary" safe>{ctx.t('programme.writing.lesson.link_practice')}</button>
        </form>
      ) : (
        ''
      )}
    </div>
  );
}

/** The lessons, with the operator's forms when `guides` is given. */
export function LessonList({ ctx, lessons, guides, practiceError }: { ctx: ViewContext; lessons: LessonWithOrigin[]; guides: GuideChoice[] | null; practiceError?: PracticeError }) {
  const labels = lessonLabels(ctx);
  if (lessons.length === 0) return <p class="muted" safe>{ctx.t('programme.writing.lesson.none')}</p>;
  return (
    <ul id="lessons" class="stack">
      {lessons.map((lesson) => (
        <li class="card" id={`lesson-${lesson.id}`}>
          <Written text={lesson.title} lang={lesson.language} as="h3" />
          <p class="muted" safe>{[ctx.t(audienceKeys[lesson.audience]), communeLabel(ctx, lesson.commune_name), lesson.author_name ?? ''].filter(Boolean).join(' · ')}</p>
          <MarkdownSection heading={labels.worked} text={lesson.worked} lang={lesson.language} />
          <MarkdownSection heading={labels.did_not_work} text={lesson.did_not_work} lang={lesson.language} />
          <MarkdownSection heading={labels.recommendation} text={lesson.recommendation} lang={lesson.language} />
          <LessonFate ctx={ctx} lesson={lesson} guides={guides} practiceError={practiceError} />
        </li>
      ))}
    </ul>
  );
}

export function LessonsPage({ ctx, lessons, guides, form, action, admin, practiceError }: { ctx: ViewContext; lessons: LessonWithOrigin[]; guides: GuideChoice[] | null; form: FormState; action: string; admin: boolean; practiceError?: PracticeError | undefined }) {
  const title = admin ? ctx.t('programme.writing.lesson.admin_title') : ctx.t('programme.writing.lesson.title');
  return (
    <Layout ctx={ctx} area={admin ? 'admin' : 'public'} title={title}>
      {admin ? '' : <p><a href={deskPath} safe>{ctx.t('programme.writing.desk.title')}</a></p>}
      <h1 safe>{title}</h1>
      <p class="lead" safe>{ctx.t('programme.writing.lesson.intro')}</p>
      <p><a href={practicesPath} id="practices-link" safe>{ctx.t('programme.writing.lesson.practices_library')}</a></p>
      <LessonList ctx={ctx} lessons={lessons} guides={guides} practiceError={practiceError} />
      <LessonForm ctx={ctx} action={action} form={form} />
    </Layout>
  );
}
