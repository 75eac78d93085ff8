import { CsrfField, Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Project, Round, SubBudget } from '../db/tables.js';
import { formatAmount } from '../money.js';
import { projectCost } from '../queries/budget-queries.js';
import { RuleExplanation } from '../views/public-views.js';
import { pointsFieldName } from './ballot.js';

export interface PaperFormProps {
  round: Round;
  subBudgets: SubBudget[];
  projects: Project[];
  assisted: { id: string; full_name: string }[];
  values: Record<string, unknown>;
  error: string | null;
}

const value = (values: Record<string, unknown>, name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
const picked = (values: Record<string, unknown>, id: string) => (Array.isArray(values.project) ? values.project.includes(id) : values.project === id);

function PaperChoices({ ctx, props }: { ctx: ViewContext; props: PaperFormProps }) {
  const { round } = props;
  return (
    <fieldset>
      <legend safe>{ctx.t('budgeting.vote.projects')}</legend>
      <ul class="plain">
        {props.projects.map((p) => {
          const label = `${p.title}${p.neighbourhood ? ` (${p.neighbourhood})` : ''} — ${formatAmount(projectCost(p), round.currency, ctx.locale)}`;
          return round.rule === 'points' ? (
            <li><label><span safe>{label}</span> <input type="number" name={pointsFieldName(p.id)} min="0" step="1" size="4" value={value(props.values, pointsFieldName(p.id))} /></label></li>
          ) : (
            <li><label class="choice"><input type="checkbox" name="project" value={p.id} checked={picked(props.values, p.id)} /> <span safe>{label}</span></label></li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** A mediator or polling officer enters one paper ballot: its number, whose it is, and the choices on it. */
export function PaperBallotPage({ ctx, props }: { ctx: ViewContext; props: PaperFormProps }) {
  const { round } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.paper.title')} area="admin">
      <p><a href={`/${ctx.commune!.slug}/admin/budgets/${round.id}`}><Localized ctx={ctx} text={round.title} /></a></p>
      <h1 safe>{ctx.t('budgeting.paper.title')}</h1>
      <p safe>{ctx.t('budgeting.paper.intro')}</p>
      <p><a href={`/${ctx.commune!.slug}/admin/budgets/${round.id}/eligibility`} safe>{ctx.t('budgeting.eligibility.title')}</a></p>
      <RuleExplanation ctx={ctx} round={round} />
      {props.error ? <Notice kind="error"><p id="paper-error" safe>{props.error}</p></Notice> : ''}
      <form method="post" action={`/${ctx.commune!.slug}/admin/budgets/${round.id}/paper`}>
        <CsrfField ctx={ctx} />
        <p><label><span safe>{ctx.t('budgeting.paper.number')}</span> <input name="paper_number" required maxlength="40" value={value(props.values, 'paper_number')} /></label></p>
        <p><label><span safe>{ctx.t('budgeting.paper.voter_phone')}</span> <input type="tel" name="voter_phone" inputmode="tel" value={value(props.values, 'voter_phone')} /></label></p>
        {round.allow_assisted && props.assisted.length > 0 ? (
          <p>
            <label>
              <span safe>{ctx.t('budgeting.paper.assisted')}</span>{' '}
              <select name="assisted_id">
                <option value="" safe>{ctx.t('budgeting.paper.assisted_none')}</option>
                {props.assisted.map((a) => <option value={a.id} selected={value(props.values, 'assisted_id') === a.id} safe>{a.full_name}</option>)}
              </select>
            </label>
          </p>
        ) : (
          ''
        )}
        {props.subBudgets.length > 0 ? (
          <p>
            <label>
              <span safe>{ctx.t('budgeting.paper.sub_budget')}</span>{' '}
              <select name="sub_budget" required>
                {props.subBudgets.map((s) => <option value={s.neighbourhood} selected={value(props.values, 'sub_budget') === s.neighbourhood} safe>{s.neighbourhood}</option>)}
              </select>
            </label>
          </p>
        ) : (
          ''
        )}
        <PaperChoices ctx={ctx} props={props} />
        <p class="actions"><button type="submit" safe>{ctx.t('budgeting.paper.submit')}</button></p>
      </form>
    </Layout>
  );
}
