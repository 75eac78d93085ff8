import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../../../platform/audit/audit.js';
import { isUuid } from '../../../../platform/db/uuid.js';
import { AppError } from '../../../../platform/http/errors.js';
import type { FormState } from '../../../../platform/http/forms.js';
import { idempotent, pageOutcome } from '../../../../platform/http/idempotency.js';
import { formatDate, formatDateTime } from '../../../../platform/i18n/format.js';
import { sendPage } from '../../../../platform/http/render.js';
import { Notice } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import { type ApplicationStatus, applicationStatuses, type CallRow, type FieldRow } from '../../db/tables.js';
import { authorizeOperator } from '../../permissions.js';
import { inputName } from '../../../../platform/forms/typed-fields.js';
import { checkApplication } from '../answers-check.js';
import { type ApplicationInput, inputFingerprint, readApplicationInput, storeInputFiles } from '../application-input.js';
import { ApplicationForm, ApplicationSummary, type ApplicationFormProps, statusKeys, textIn } from '../application-views.js';
import { countryCodes, countryName } from '../countries.js';
import { callFields } from '../queries.js';
import { nextReference } from '../reference.js';
import { callsDb, type FullApplicationRow } from '../tables.js';
import { operatorCall, operatorOnly } from './routes.js';
import { adminCallPath, adminPath } from './views.js';

type SlugParams = { Params: { slug: string } };
export const adminApplicationPath = (id: string) => `${adminPath}/applications/${id}`;

interface ListFilter {
  status?: ApplicationStatus;
  country?: string;
}

function ApplicationsPage({ ctx, call, applications, filter }: { ctx: ViewContext; call: CallRow; applications: FullApplicationRow[]; filter: ListFilter }) {
  return (
    <Layout ctx={ctx} title={ctx.t('programme.operator.applications')} area="admin">
      <p><a href={adminCallPath(call.slug)} safe>{textIn(ctx, call.title)}</a></p>
      <h1 safe>{ctx.t('programme.operator.applications')}</h1>
      <form method="get" id="applications-filter">
        <label for="status" safe>{ctx.t('programme.apply.status')}</label>{' '}
        <select id="status" name="status">
          <option value="" safe>{ctx.t('programme.operator.all')}</option>
          {applicationStatuses.map((s) => <option value={s} selected={filter.status === s} safe>{ctx.t(statusKeys[s])}</option>)}
        </select>{' '}
        <label for="country" safe>{ctx.t('programme.apply.country')}</label>{' '}
        <select id="country" name="country">
          <option value="" safe>{ctx.t('programme.operator.all')}</option>
          {countryCodes.map((c) => <option value={c} selected={filter.country === c} safe>{countryName(c, ctx.locale)}</option>)}
        </select>{' '}
        <button type="submit" safe>{ctx.t('programme.operator.filter')}</button>
      </form>
      <p id="applications-count" safe>{ctx.t('programme.operator.count', { count: String(applications.length) })}</p>
      <table>
        <thead>
          <tr><th safe>{ctx.t('programme.apply.reference')}</th><th safe>{ctx.t('programme.apply.name')}</th><th safe>{ctx.t('programme.apply.country')}</th><th safe>{ctx.t('programme.apply.status')}</th><th safe>{ctx.t('programme.apply.submitted_at')}</th></tr>
        </thead>
        <tbody>
          {applications.map((a) => (
            <tr>
              <td><a href={adminApplicationPath(a.id)} safe>{a.reference ?? ctx.t('programme.status.draft')}</a></td>
              <td safe>{a.applicant_name}</td>
              <td safe>{`${a.country ? countryName(a.country, ctx.locale) : '—'}`}</td>
              <td safe>{`${ctx.t(statusKeys[a.status])}${a.channel === 'paper' ? ` (${ctx.t('programme.paper.channel')})` : ''}`}</td>
              <td safe>{`${a.submitted_at ? formatDate(a.submitted_at, ctx.locale) : '—'}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** The application's dated steps, from the row's own timestamps (no separate history table). */
function StatusHistory({ ctx, application }: { ctx: ViewContext; application: FullApplicationRow }) {
  const steps: [string, Date | null][] = [
    ['programme.history.created', application.created_at],
    ['programme.history.submitted', application.submitted_at],
    ['programme.history.decided', application.decided_at],
    ['programme.history.decision_sent', application.decision_sent_at],
    ['programme.history.withdrawn', application.withdrawn_at],
  ];
  return (
    <section id="status-history">
      <h2 safe>{ctx.t('programme.history.title')}</h2>
      <ol>
        {steps.filter(([, at]) => at !== null).map(([key, at]) => <li safe>{`${formatDateTime(at!, ctx.locale)} — ${ctx.t(key)}`}</li>)}
      </ol>
    </section>
  );
}

function ApplicationAdminPage({ ctx, call, application, fields }: { ctx: ViewContext; call: CallRow; application: FullApplicationRow; fields: FieldRow[] }) {
  return (
    <Layout ctx={ctx} title={application.reference ?? application.applicant_name} area="admin">
      <p><a href={`${adminCallPath(call.slug)}/applications`} safe>{textIn(ctx, call.title)}</a></p>
      <h1 safe>{application.reference ?? application.applicant_name}</h1>
      {application.channel === 'paper' ? <Notice><p safe>{ctx.t('programme.paper.entered')}</p></Notice> : ''}
      <ApplicationSummary ctx={ctx} application={application} fields={fields} />
      <StatusHistory ctx={ctx} application={application} />
    </Layout>
  );
}

function PaperPage({ ctx, props }: { ctx: ViewContext; props: ApplicationFormProps }) {
  return (
    <Layout ctx={ctx} title={ctx.t('programme.paper.title')} area="admin">
      <p><a href={adminCallPath(props.call.slug)} safe>{textIn(ctx, props.call.title)}</a></p>
      <h1 safe>{ctx.t('programme.paper.title')}</h1>
      <p safe>{ctx.t('programme.paper.intro')}</p>
      <ApplicationForm ctx={ctx} props={props} />
    </Layout>
  );
}

const filterOf = (query: Record<string, string | undefined>): ListFilter => ({
  status: applicationStatuses.find((s) => s === query.status),
  country: countryCodes.find((c) => c === query.country),
});

function registerLists(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<SlugParams & { Querystring: Record<string, string | undefined> }>(`${adminPath}/calls/:slug/applications`, operatorOnly, async (request, reply) => {
    const call = await operatorCall(request, request.params.slug);
    const filter = filterOf(request.query);
    let query = callsDb(db).selectFrom('programme_applications').selectAll().where('call_id', '=', call.id);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.country) query = query.where('country', '=', filter.country);
    const applications = await query.orderBy('submitted_at', 'desc').orderBy('created_at', 'desc').execute();
    return sendPage(request, reply, (ctx) => <ApplicationsPage ctx={ctx} call={call} applications={applications} filter={filter} />);
  });
  app.get<{ Params: { id: string } }>(`${adminPath}/applications/:id`, operatorOnly, async (request, reply) => {
    await authorizeOperator(request);
    const { id } = request.params;
    const application = isUuid(id) ? await callsDb(db).selectFrom('programme_applications').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!application) throw new AppError('NOT_FOUND');
    const call = await callsDb(db).selectFrom('programme_calls').selectAll().where('id', '=', application.call_id).executeTakeFirstOrThrow();
    const fields = await callFields(db, call.id);
    return sendPage(request, reply, (ctx) => <ApplicationAdminPage ctx={ctx} call={call} application={application} fields={fields} />);
  });
}

/** Files sent with the form stand for their answers while checking; they are stored once the application exists. */
const uploadedPlaceholders = (fields: FieldRow[], input: ApplicationInput) =>
  Object.fromEntries(fields.filter((f) => f.kind === 'file' && input.files[inputName(f)]).map((f) => [f.key, { fileId: '', filename: input.files[inputName(f)]!.filename }]));

const paperProps = (call: CallRow, fields: FieldRow[], form: FormState, problem?: string): ApplicationFormProps => ({ call, fields, form, files: {}, action: `${adminCallPath(call.slug)}/paper`, communes: [], paper: true, problem });

function registerPaperEntry(app: FastifyInstance): void {
  const { db, storage } = app.platform;
  app.get<SlugParams>(`${adminPath}/calls/:slug/paper`, operatorOnly, async (request, reply) => {
    const call = await operatorCall(request, request.params.slug);
    const fields = await callFields(db, call.id);
    return sendPage(request, reply, (ctx) => <PaperPage ctx={ctx} props={paperProps(call, fields, { values: {}, errors: {} })} />);
  });
  app.post<SlugParams>(`${adminPath}/calls/:slug/paper`, operatorOnly, async (request, reply) => {
    const call = await operatorCall(request, request.params.slug);
    const fields = await callFields(db, call.id);
    const input = await readApplicationInput(request);
    const userId = request.actor.user!.id;
    return idempotent(request, reply, 'programme.paper', async (tx) => {
      const checked = checkApplication(fields, call.audience, input.values, uploadedPlaceholders(fields, input), 'submit');
      const errors = checked.errors;
      if (Object.keys(errors).length > 0) return pageOutcome(request, (ctx) => <PaperPage ctx={ctx} props={paperProps(call, fields, { values: input.values, errors }, 'programme.paper.refused')} />, 422);
      const now = new Date();
      const row = await callsDb(tx)
        .insertInto('programme_applications')
        .values({ call_id: call.id, channel: 'paper', entered_by: userId, ...checked.identity, answers: '{}', status: 'submitted', reference: await nextReference(tx, now), submitted_at: now })
        .returning(['id', 'reference'])
        .executeTakeFirstOrThrow();
      const stored = await storeInputFiles({ db: tx, storage }, { applicationId: row.id, uploadedBy: userId, earlier: {} }, fields, input);
      if (Object.keys(stored.errors).length > 0) return pageOutcome(request, (ctx) => <PaperPage ctx={ctx} props={paperProps(call, fields, { values: input.values, errors: stored.errors }, 'programme.paper.refused')} />, 422);
      await callsDb(tx).updateTable('programme_applications').set({ answers: JSON.stringify({ ...checked.answers, ...stored.files }) }).where('id', '=', row.id).execute();
      await recordAudit(tx, { communeId: null, actorUserId: userId, action: 'programme.application.paper_entered', resourceType: 'programme_application', resourceId: row.id, ip: request.ip, details: { call: call.slug, reference: row.reference } });
      return { statusCode: 303, location: adminApplicationPath(row.id), flash: 'programme.paper.saved' };
    }, { payload: inputFingerprint(input) });
  });
}

/** The operator's lists of applications, one application, and the entry of paper applications. */
export function operatorApplicationRoutes(app: FastifyInstance): void {
  registerLists(app);
  registerPaperEntry(app);
}
