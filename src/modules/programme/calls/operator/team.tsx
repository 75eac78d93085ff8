import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditAction, formValues } from '../../../../platform/administration/admin-support.js';
import { maskIdentifier, parseIdentifier } from '../../../../platform/auth/identifier.js';
import { isUuid } from '../../../../platform/db/uuid.js';
import { AppError } from '../../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../../platform/http/render.js';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../../platform/views/components.js';
import { Select } from '../../../../platform/administration/form-parts.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import { programmeDb, type TeamRole, teamRoles } from '../../db/tables.js';
import { authorizeOperator } from '../../permissions.js';
import { teamSchema } from './forms.js';
import { operatorOnly } from './routes.js';
import { adminPath } from './views.js';

const teamPath = `${adminPath}/team`;
/** Numbers typed without a country code are read as Senegalese, the operator's country in the demo network. */
const defaultCountry = 'SN';
const roleKeys: Record<TeamRole, string> = { operator: 'programme.team.role_operator', reviewer: 'programme.team.role_reviewer' };

interface Member {
  userId: string;
  name: string | null;
  identifier: string;
  role: TeamRole;
}

async function loadTeam(request: FastifyRequest): Promise<Member[]> {
  const rows = await programmeDb(request.server.platform.db)
    .selectFrom('programme_team')
    .innerJoin('users', 'users.id', 'programme_team.user_id')
    .select(['programme_team.user_id', 'programme_team.role', 'users.display_name', 'users.phone_e164', 'users.email'])
    .orderBy('programme_team.role')
    .orderBy('programme_team.added_at')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, name: r.display_name, identifier: maskIdentifier(r.phone_e164 ?? r.email ?? ''), role: r.role }));
}

function MemberRow({ ctx, member, self }: { ctx: ViewContext; member: Member; self: boolean }) {
  const action = `${teamPath}/${member.userId}`;
  return (
    <tr>
      <td safe>{member.name ?? '—'}</td>
      <td safe>{member.identifier}</td>
      <td>
        <form method="post" action={`${action}/role`} class="inline">
          <CsrfField ctx={ctx} />
          <label class="visually-hidden" for={`role-${member.userId}`} safe>{ctx.t('programme.team.role')}</label>
          <select id={`role-${member.userId}`} name="role">
            {teamRoles.map((r) => <option value={r} selected={member.role === r} safe>{ctx.t(roleKeys[r])}</option>)}
          </select>{' '}
          <button type="submit" class="secondary" safe>{ctx.t('programme.team.change_role')}</button>
        </form>
      </td>
      <td>
        {self ? (
          <span class="muted" safe>{ctx.t('programme.team.you')}</span>
        ) : (
          <form method="post" action={`${action}/remove`} class="inline">
            <CsrfField ctx={ctx} />
            <button type="submit" class="secondary" safe>{ctx.t('programme.team.remove')}</button>
          </form>
        )}
      </td>
    </tr>
  );
}

function TeamPage({ ctx, team, form, problem }: { ctx: ViewContext; team: Member[]; form: FormState; problem?: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('programme.operator.area_team')} area="admin">
      <p><a href={adminPath} safe>{ctx.t('programme.operator.home')}</a></p>
      <h1 safe>{ctx.t('programme.operator.area_team')}</h1>
      <p safe>{ctx.t('programme.team.intro')}</p>
      {problem ? <Notice kind="error"><p safe>{ctx.t(problem)}</p></Notice> : ''}
      <table id="team">
        <thead><tr><th safe>{ctx.t('programme.apply.name')}</th><th safe>{ctx.t('programme.team.identifier')}</th><th safe>{ctx.t('programme.team.role')}</th><th></th></tr></thead>
        <tbody>{team.map((member) => <MemberRow ctx={ctx} member={member} self={member.userId === ctx.actor.user?.id} />)}</tbody>
      </table>
      <h2 safe>{ctx.t('programme.team.add')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={{ identifier: ctx.t('programme.team.identifier'), role: ctx.t('programme.team.role') }} />
      <form method="post" action={teamPath} id="team-form">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="identifier" label={ctx.t('programme.team.identifier')} hint={ctx.t('programme.team.identifier_hint')} />
        <Select ctx={ctx} form={form} name="role" label={ctx.t('programme.team.role')} options={teamRoles.map((r) => [r, ctx.t(roleKeys[r])])} />
        <button type="submit" safe>{ctx.t('programme.team.add')}</button>
      </form>
    </Layout>
  );
}

/** The account of that phone or e-mail, created when the person has none yet: they sign in with a code later. */
async function accountFor(request: FastifyRequest, identifier: { kind: 'phone' | 'email'; value: string }): Promise<string> {
  const column = identifier.kind === 'phone' ? 'phone_e164' : 'email';
  const row = await request.server.platform.db
    .insertInto('users')
    .values({ [column]: identifier.value })
    .onConflict((oc) => oc.column(column).doUpdateSet({ [column]: identifier.value }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type MemberParams = { Params: { userId: string } };

async function memberOf(request: FastifyRequest, userId: string) {
  const member = isUuid(userId) ? await programmeDb(request.server.platform.db).selectFrom('programme_team').selectAll().where('user_id', '=', userId).executeTakeFirst() : undefined;
  if (!member) throw new AppError('NOT_FOUND');
  return member;
}

/** The programme's team: operators and reviewers, added by phone or e-mail. */
export function teamRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  const show = async (request: FastifyRequest, form: FormState, problem?: string) => {
    const team = await loadTeam(request);
    return (ctx: ViewContext) => <TeamPage ctx={ctx} team={team} form={form} problem={problem} />;
  };
  app.get(teamPath, operatorOnly, async (request, reply) => {
    await authorizeOperator(request);
    return sendPage(request, reply, await show(request, { values: { role: 'reviewer' }, errors: {} }));
  });
  app.post(teamPath, operatorOnly, async (request, reply) => {
    await authorizeOperator(request);
    const parsed = parseForm(teamSchema, request.body);
    const identifier = parsed.ok ? parseIdentifier(parsed.data.identifier, defaultCountry) : null;
    if (!parsed.ok || !identifier) {
      const form = parsed.ok ? { values: formValues(request), errors: { identifier: 'programme.team.error_identifier' } } : parsed.form;
      return sendPage(request, reply, await show(request, form), 422);
    }
    const userId = await accountFor(request, identifier);
    await programmeDb(db).insertInto('programme_team').values({ user_id: userId, role: parsed.data.role, added_by: request.actor.user?.id ?? null }).onConflict((oc) => oc.column('user_id').doUpdateSet({ role: parsed.data.role })).execute();
    await auditAction(request, { communeId: null, action: 'programme.team.added', resourceType: 'programme_team', resourceId: userId, details: { role: parsed.data.role } });
    return redirectWithFlash(reply, teamPath, 'programme.team.added');
  });
  app.post<MemberParams>(`${teamPath}/:userId/role`, operatorOnly, async (request, reply) => {
    await authorizeOperator(request);
    const member = await memberOf(request, request.params.userId);
    const role = teamRoles.find((r) => r === formValues(request).role);
    if (!role) throw new AppError('BAD_REQUEST');
    // An operator who makes themself a reviewer could lock the programme out of its back-office.
    if (member.user_id === request.actor.user?.id && role !== 'operator') return sendPage(request, reply, await show(request, { values: {}, errors: {} }, 'programme.team.error_self'), 409);
    await programmeDb(db).updateTable('programme_team').set({ role }).where('user_id', '=', member.user_id).execute();
    await auditAction(request, { communeId: null, action: 'programme.team.role_changed', resourceType: 'programme_team', resourceId: member.user_id, details: { from: member.role, to: role } });
    return redirectWithFlash(reply, teamPath, 'programme.team.role_changed');
  });
  app.post<MemberParams>(`${teamPath}/:userId/remove`, operatorOnly, async (request, reply) => {
    await authorizeOperator(request);
    const member = await memberOf(request, request.params.userId);
    if (member.user_id === request.actor.user?.id) return sendPage(request, reply, await show(request, { values: {}, errors: {} }, 'programme.team.error_self'), 409);
    await programmeDb(db).deleteFrom('programme_team').where('user_id', '=', member.user_id).execute();
    await auditAction(request, { communeId: null, action: 'programme.team.removed', resourceType: 'programme_team', resourceId: member.user_id, details: { role: member.role } });
    return redirectWithFlash(reply, teamPath, 'programme.team.removed');
  });
}
