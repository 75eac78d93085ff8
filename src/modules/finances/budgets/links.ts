import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { linkableCommitments } from '../../accountability/index.js';
import { linkableProjects } from '../../budgeting/index.js';
import { councilDecisions } from '../../commune/index.js';
import { scoped } from '../db/finances-db.js';

/** What a budget line can be linked to. */
export const linkTargetTypes = ['budget_project', 'council_decision', 'commitment'] as const;
export type LinkTargetType = (typeof linkTargetTypes)[number];

export interface LinkTarget {
  type: LinkTargetType;
  id: string;
  title: LocalizedText;
  path: string;
}

/** Everything of this commune a line may point to: participatory-budget projects, council decisions, commitments. */
export async function linkTargets(db: Kysely<PlatformTables>, commune: { id: string; slug: string }): Promise<LinkTarget[]> {
  const [projects, decisions, commitments] = await Promise.all([linkableProjects(db, commune.id, commune.slug), councilDecisions(db, commune.id), linkableCommitments(db, commune.id, commune.slug)]);
  return [
    ...projects.map((p) => ({ type: 'budget_project' as const, id: p.id, title: { fr: p.title }, path: p.path })),
    ...decisions.map((d) => ({ type: 'council_decision' as const, id: d.id, title: d.title, path: d.path })),
    ...commitments.map((c) => ({ type: 'commitment' as const, id: c.id, title: Object.fromEntries(Object.entries(c.title).map(([locale, text]) => [locale, `${c.number}. ${text}`])), path: c.path })),
  ];
}

export interface LineLink extends LinkTarget {
  linkId: string;
  lineKey: string;
}

/** The links of a year's lines, with what they point to (a target since deleted is left out). */
export async function lineLinks(db: Kysely<PlatformTables>, commune: { id: string; slug: string }, year: number): Promise<LineLink[]> {
  const [rows, targets] = await Promise.all([
    scoped(db, commune.id).selectFrom('finance_line_links').select(['id', 'line_key', 'target_type', 'target_id']).where('year', '=', year).orderBy('created_at').execute(),
    linkTargets(db, commune),
  ]);
  const byKey = new Map(targets.map((target) => [`${target.type}:${target.id}`, target]));
  return rows.flatMap((row) => {
    const target = byKey.get(`${row.target_type}:${row.target_id}`);
    return target ? [{ ...target, linkId: row.id, lineKey: row.line_key }] : [];
  });
}

type Actor = { communeId: string; actorId: string | null };

/** Links a line to a target of the same commune; the same link twice is one link. */
export async function addLineLink(db: Kysely<PlatformTables>, actor: Actor, link: { year: number; lineKey: string; type: LinkTargetType; targetId: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const inserted = await scoped(trx, actor.communeId)
      .insertInto('finance_line_links', { year: link.year, line_key: link.lineKey, target_type: link.type, target_id: link.targetId })
      .onConflict((oc) => oc.constraint('finance_line_links_unique').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) await recordAudit(trx, { communeId: actor.communeId, actorUserId: actor.actorId, action: 'finances.line_link.added', resourceType: 'finance_line_link', resourceId: inserted.id, details: link });
  });
}

export async function removeLineLink(db: Kysely<PlatformTables>, actor: Actor, linkId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const removed = await scoped(trx, actor.communeId).deleteFrom('finance_line_links').where('id', '=', linkId).returning(['line_key', 'target_type', 'target_id']).executeTakeFirst();
    if (removed) await recordAudit(trx, { communeId: actor.communeId, actorUserId: actor.actorId, action: 'finances.line_link.removed', resourceType: 'finance_line_link', resourceId: linkId, details: removed });
  });
}
