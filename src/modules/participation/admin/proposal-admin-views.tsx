import type { FormState } from '../../../platform/http/forms.js';
import { CsrfField, ErrorSummary, Field } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Proposal } from '../db/tables.js';

const adminUrl = (ctx: ViewContext, id: string) => `/${ctx.commune!.slug}/admin/proposals/${id}`;

/** On the consultation's back-office list: the way to a proposal's merge and outcome forms. */
export function ProposalAdminLink({ ctx, proposal }: { ctx: ViewContext; proposal: Proposal }) {
  return (
    <p>
      {proposal.merged_into_id ? <><span class="badge badge-muted" safe>{ctx.t('participation.merge.badge')}</span>{' '}</> : ''}
      <a href={adminUrl(ctx, proposal.id)} safe>{ctx.t('participation.merge.manage')}</a>
    </p>
  );
}

function MergeForm({ ctx, proposal, candidates }: { ctx: ViewContext; proposal: Proposal; candidates: { id: string; title: string }[] }) {
  if (candidates.length === 0) return <p class="muted" safe>{ctx.t('participation.merge.no_candidates')}</p>;
  return (
    <form method="post" action={`${adminUrl(ctx, proposal.id)}/merge`}>
      <CsrfField ctx={ctx} />
      <div class="field">
        <label for="into" safe>{ctx.t('participation.merge.into')}</label>
        <p class="field-hint" id="into-hint" safe>{ctx.t('participation.merge.hint')}</p>
        <select id="into" name="into" required aria-describedby="into-hint">
          <option value="" safe>{ctx.t('participation.merge.choose')}</option>
          {candidates.map((c) => <option value={c.id} safe>{c.title}</option>)}
        </select>
      </div>
      <button type="submit" class="btn btn-danger" safe>{ctx.t('participation.merge.submit')}</button>
    </form>
  );
}

function OutcomeForm({ ctx, proposal, form }: { ctx: ViewContext; proposal: Proposal; form: FormState }) {
  const labels = { outcome_label: ctx.t('participation.outcome.label'), outcome_url: ctx.t('participation.outcome.url') };
  return (
    <form method="post" action={`${adminUrl(ctx, proposal.id)}/outcome`}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <Field ctx={ctx} form={form} name="outcome_label" label={labels.outcome_label} />
      <Field ctx={ctx} form={form} name="outcome_url" label={labels.outcome_url} hint={ctx.t('participation.outcome.url_hint')} dir="ltr" />
      <button type="submit" class="btn" safe>{ctx.t('core.form.save')}</button>
    </form>
  );
}

export interface ProposalAdminProps {
  proposal: Proposal;
  candidates: { id: string; title: string }[];
  mergedInto: { id: string; title: string } | null;
  outcomeForm: FormState;
}

/** A proposal's back-office: merge it into another one, link it to what came of it. */
export function ProposalAdminPage({ ctx, props }: { ctx: ViewContext; props: ProposalAdminProps }) {
  const { proposal } = props;
  return (
    <Layout ctx={ctx} title={proposal.title} area="admin">
      <p>
        <a href={`/${ctx.commune!.slug}/admin/consultations/${proposal.consultation_id}`} safe>{ctx.t('participation.merge.back')}</a> ·{' '}
        <a href={`/${ctx.commune!.slug}/proposals/${proposal.id}`} safe>{ctx.t('participation.admin.public_page')}</a>
      </p>
      <h1 safe>{proposal.title}</h1>
      <p safe>{proposal.body}</p>
      <h2 safe>{ctx.t('participation.merge.title')}</h2>
      {props.mergedInto ? (
        <p class="notice"><span safe>{ctx.t('participation.merge.merged_into')}</span> <a href={adminUrl(ctx, props.mergedInto.id)} dir="auto" safe>{`« ${props.mergedInto.title} »`}</a></p>
      ) : (
        <MergeForm ctx={ctx} proposal={proposal} candidates={props.candidates} />
      )}
      <h2 safe>{ctx.t('participation.outcome.title')}</h2>
      <OutcomeForm ctx={ctx} proposal={proposal} form={props.outcomeForm} />
    </Layout>
  );
}
