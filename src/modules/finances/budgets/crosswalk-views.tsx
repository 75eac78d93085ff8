import { pickLocalized } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { budgetsAdminBase } from './admin-views.js';
import { cofogChoices, type CofogEntry } from './cofog.js';
import type { FunctionMapping } from './crosswalk.js';

const choiceLabel = (ctx: ViewContext, entry: CofogEntry) => {
  const label = pickLocalized(entry.label, ctx.locale, ['fr', 'en'])?.value ?? '';
  return entry.code.includes('.') ? `  ${entry.code} ${label}` : `${entry.code} ${label}`;
};

export function CrosswalkPage({ ctx, mappings, errors }: { ctx: ViewContext; mappings: FunctionMapping[]; errors: Record<string, string> }) {
  const choices = cofogChoices();
  const base = budgetsAdminBase(ctx);
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('finances.budgets.cofog_title')}>
      <p><a href={base} safe>{ctx.t('finances.budgets.back')}</a></p>
      <h1 safe>{ctx.t('finances.budgets.cofog_title')}</h1>
      <p safe>{ctx.t('finances.budgets.cofog_intro')}</p>
      <ErrorSummary ctx={ctx} form={{ values: {}, errors }} labels={{}} />
      {mappings.length === 0 ? <p class="muted" safe>{ctx.t('finances.budgets.cofog_none')}</p> : (
        <form method="post" action={`${base}/cofog`} id="cofog-form">
          <CsrfField ctx={ctx} />
          <div class="table-wrap">
            <table>
              <thead><tr><th scope="col" safe>{ctx.t('finances.budgets.field_function_code')}</th><th scope="col" safe>{ctx.t('finances.budgets.field_function_label')}</th><th scope="col" safe>{ctx.t('finances.budgets.cofog_code')}</th></tr></thead>
              <tbody>
                {mappings.map((mapping, index) => (
                  <tr>
                    <td dir="auto" safe>{mapping.function_code}</td>
                    <td dir="auto"><label for={`cofog_${index}`} safe>{mapping.function_label || mapping.function_code}</label></td>
                    <td>
                      <input type="hidden" name={`code_${index}`} value={mapping.function_code} />
                      <select id={`cofog_${index}`} name={`cofog_${index}`}>
                        <option value="" safe>{ctx.t('finances.budgets.cofog_unmapped')}</option>
                        {choices.map((entry) => <option value={entry.code} selected={mapping.cofog_code === entry.code} safe>{choiceLabel(ctx, entry)}</option>)}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit" safe>{ctx.t('finances.budgets.cofog_save')}</button>
        </form>
      )}
    </Layout>
  );
}
