import { CsrfField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { Localized } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { budgetsAdminBase } from './admin-views.js';
import { type LineLink, type LinkTarget, linkTargetTypes } from './links.js';
import type { YearLine } from './queries.js';

const typeKeys: Record<LinkTarget['type'], string> = {
  budget_project: 'finances.budgets.link_budget_project',
  council_decision: 'finances.budgets.link_council_decision',
  commitment: 'finances.budgets.link_commitment',
};

function AddLink({ ctx, action, line, index, targets }: { ctx: ViewContext; action: string; line: YearLine; index: number; targets: LinkTarget[] }) {
  return (
    <form method="post" action={`${action}/add`} class="inline">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="line_key" value={line.line_key} />
      <label for={`target_${index}`} class="visually-hidden" safe>{ctx.t('finances.budgets.link_add')}</label>
      <select id={`target_${index}`} name="target">
        {linkTargetTypes.map((type) => (
          <optgroup label={ctx.t(typeKeys[type])}>
            {targets.filter((t) => t.type === type).map((t) => <option value={`${t.type}:${t.id}`}><Localized ctx={ctx} text={t.title} /></option>)}
          </optgroup>
        ))}
      </select>
      <button type="submit" class="secondary" safe>{ctx.t('finances.budgets.link_add')}</button>
    </form>
  );
}

export const linkTypeKey = (type: LinkTarget['type']) => typeKeys[type];

export function LinksPage({ ctx, props }: { ctx: ViewContext; props: { year: number; lines: YearLine[]; links: LineLink[]; targets: LinkTarget[] } }) {
  const action = `${budgetsAdminBase(ctx)}/${props.year}/links`;
  const title = ctx.t('finances.budgets.links_title', { year: String(props.year) });
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={budgetsAdminBase(ctx)} safe>{ctx.t('finances.budgets.back')}</a></p>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('finances.budgets.links_intro')}</p>
      {props.lines.length === 0 ? <p class="muted" safe>{ctx.t('finances.budgets.none')}</p> : (
        <ul id="line-links">
          {props.lines.map((line, index) => (
            <li>
              <strong dir="auto" safe>{line.nature_label}</strong>
              {line.function_label ? <span dir="auto" safe>{` — ${line.function_label}`}</span> : ''}
              <ul>
                {props.links.filter((link) => link.lineKey === line.line_key).map((link) => (
                  <li>
                    <span safe>{`${ctx.t(typeKeys[link.type])} : `}</span>
                    <a href={link.path}><Localized ctx={ctx} text={link.title} /></a>
                    <form method="post" action={`${action}/${link.linkId}/remove`} class="inline">
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="secondary" safe>{ctx.t('finances.budgets.link_remove')}</button>
                    </form>
                  </li>
                ))}
              </ul>
              {props.targets.length > 0 ? <AddLink ctx={ctx} action={action} line={line} index={index} targets={props.targets} /> : ''}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
