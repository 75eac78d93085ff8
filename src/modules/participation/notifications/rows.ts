import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Translate } from '../../../platform/i18n/i18n.js';
import { type Locale, type LocalizedText, locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { participationDb } from '../queries/participation-queries.js';

/** Notifications with what they point to (every link is optional: a phase opening has no proposal). */
export function notificationRows(db: Kysely<PlatformTables>) {
  return participationDb(db)
    .selectFrom('participation_notifications as n')
    .innerJoin('communes', 'communes.id', 'n.commune_id')
    .leftJoin('proposals', 'proposals.id', 'n.proposal_id')
    .leftJoin('consultations', 'consultations.id', 'n.consultation_id')
    .leftJoin('consultation_phases', 'consultation_phases.id', 'n.phase_id')
    .leftJoin('proposals as kept', 'kept.id', 'proposals.merged_into_id')
    .leftJoin('moderation_appeals as appeal', 'appeal.id', 'n.appeal_id')
    .select([
      'n.id',
      'n.kind',
      'n.user_id',
      'n.commune_id',
      'n.created_at',
      'n.read_at',
      'n.proposal_id',
      'n.consultation_id',
      'n.comment_id',
      'proposals.title as proposal_title',
      'proposals.author_id as proposal_author_id',
      'proposals.answer',
      'kept.title as kept_title',
      'appeal.decision',
      'appeal.decision_reason',
      'consultations.title as consultation_title',
      'consultation_phases.title as phase_title',
      'communes.slug',
      'communes.name as commune_name',
      'communes.default_locale',
      'communes.time_zone',
    ]);
}

export type NotificationRow = Awaited<ReturnType<ReturnType<typeof notificationRows>['execute']>>[number];

const localized = (text: LocalizedText | null, locale: Locale, row: NotificationRow) => pickLocalized(text, locale, [row.default_locale, ...locales])?.value ?? '';

export const communeNameOf = (row: NotificationRow, locale: Locale) => localized(row.commune_name, locale, row) || row.slug;

/** One notification as a sentence and the page it leads to (path from the site root). */
export function notificationLine(row: NotificationRow, t: Translate, locale: Locale): { text: string; href: string } {
  const title = row.proposal_title ?? '';
  const proposalHref = row.proposal_id ? `/${row.slug}/proposals/${row.proposal_id}` : '/inbox';
  switch (row.kind) {
    case 'proposal_answered':
      return { text: row.proposal_author_id === row.user_id ? t('participation.inbox.answered', { title }) : t('participation.notifications.line.answered_followed', { title }), href: proposalHref };
    case 'comment_reply':
      return { text: t('participation.notifications.line.reply', { title }), href: row.comment_id ? `${proposalHref}#comment-${row.comment_id}` : proposalHref };
    case 'phase_opened':
      return { text: t('participation.notifications.line.phase_opened', { phase: localized(row.phase_title, locale, row), consultation: localized(row.consultation_title, locale, row) }), href: `/${row.slug}/consultations/${row.consultation_id ?? ''}` };
    case 'proposal_merged':
      return { text: row.kept_title ? t('participation.inbox.merged', { title, kept: row.kept_title }) : t('participation.notifications.line.merged', { title }), href: proposalHref };
    case 'appeal_decided':
      return { text: title ? t('participation.mod.inbox_appeal', { title }) : t('participation.notifications.line.appeal_decided'), href: proposalHref };
  }
}
