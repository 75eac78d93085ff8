import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { emptyForm, type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { memberCommunes } from '../membership.js';
import { addActivity, answerProposal, declareTwinning, endTwinning, type TwinningActor, updateTwinning } from './commands.js';
import { activitySchema, endSchema, twinningSchema } from './forms.js';
import { activeTwinnings, communeTwinnings, findDeclared, type TwinningView } from './queries.js';
import { twinningStatuses } from './tables.js';
import { CommuneTwinningsPage, type ExtraForms, NetworkTwinningsPage, TwinningAdminPage, TwinningFormPage } from './views.js';

const staff = { config: { access: staffOnly } };
const pub = { config: { access: 'public' as const } };
type IdParams = { Params: { id: string } };
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The route's access rule already refused other communes' staff; this names who acts, for the audit. */
function actorOf(request: FastifyRequest): { commune: Commune; actor: TwinningActor } {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  return { commune, actor: { communeId: commune.id, userId: request.actor.user?.id ?? null, ip: request.ip } };
}

const adminPath = (commune: Commune) => `/${commune.slug}/admin/network/twinnings`;

/** Other member communes this one may twin with on the install. */
async function partnerChoices(request: FastifyRequest, commune: Commune) {
  return (await memberCommunes(request.server.platform.db)).filter((c) => c.id !== commune.id);
}

async function declaredTwinning(request: FastifyRequest<IdParams>, commune: Commune): Promise<TwinningView> {
  const twinning = uuidPattern.test(request.params.id) ? await findDeclared(request.server.platform.db, commune.id, request.params.id) : null;
  if (!twinning) throw new AppError('NOT_FOUND');
  return twinning;
}

const valuesOf = (twinning: TwinningView): FormState['values'] => ({
  partner_name: twinning.partner_name, partner_country: twinning.partner_country, partner_url: twinning.partner_url ?? '',
  goals_fr: twinning.goals.fr ?? '', goals_en: twinning.goals.en ?? '', goals_pt: twinning.goals.pt ?? '', goals_ar: twinning.goals.ar ?? '',
  started_on: twinning.started_on,
});

async function showForm(request: FastifyRequest, reply: FastifyReply, commune: Commune, form: FormState, twinning?: TwinningView, forms?: ExtraForms, status = 200) {
  const partners = await partnerChoices(request, commune);
  const today = isoDate(new Date(), commune.time_zone);
  const extra: ExtraForms = { activityForm: forms?.activityForm ?? emptyForm({ date: today }), endForm: forms?.endForm ?? emptyForm({ ended_on: today }) };
  return sendPage(request, reply, (ctx) => <TwinningFormPage ctx={ctx} form={form} partners={partners} {...(twinning ? { twinning } : {})} forms={extra} />, status);
}

function declaringRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/network/twinnings', staff, async (request, reply) => {
    const { commune } = actorOf(request);
    const all = await communeTwinnings(db, commune.id, twinningStatuses);
    const props = {
      declared: all.filter((t) => t.commune_id === commune.id),
      awaitingUs: all.filter((t) => t.partner_commune_id === commune.id && t.status === 'proposed'),
      asPartner: all.filter((t) => t.partner_commune_id === commune.id && t.status !== 'proposed'),
    };
    return sendPage(request, reply, (ctx) => <TwinningAdminPage ctx={ctx} props={props} />);
  });

  app.get('/network/twinnings/new', staff, async (request, reply) => {
    const { commune } = actorOf(request);
    return showForm(request, reply, commune, emptyForm({ started_on: isoDate(new Date(), commune.time_zone) }));
  });

  app.post('/network/twinnings', staff, async (request, reply) => {
    const { commune, actor } = actorOf(request);
    const result = parseForm(twinningSchema, request.body);
    const partners = await partnerChoices(request, commune);
    if (result.ok && result.data.partner_commune_id && !partners.some((p) => p.id === result.data.partner_commune_id)) {
      return showForm(request, reply, commune, { values: result.data as FormState['values'], errors: { partner_commune_id: 'core.form.invalid' } }, undefined, undefined, 422);
    }
    if (!result.ok) return showForm(request, reply, commune, result.form as FormState, undefined, undefined, 422);
    const id = await declareTwinning(db, actor, result.data);
    return redirectWithFlash(reply, `${adminPath(commune)}/${id}`, result.data.partner_commune_id ? 'network.twinning.proposed' : 'network.twinning.saved');
  });

  app.get<IdParams>('/network/twinnings/:id', staff, async (request, reply) => {
    const { commune } = actorOf(request);
    const twinning = await declaredTwinning(request, commune);
    return showForm(request, reply, commune, emptyForm(valuesOf(twinning)), twinning);
  });

  app.post<IdParams>('/network/twinnings/:id', staff, async (request, reply) => {
    const { commune, actor } = actorOf(request);
    const twinning = await declaredTwinning(request, commune);
    const external = !twinning.partner_commune_id;
    // The partner commune cannot change after declaring: a partner on the install keeps its own confirmation.
    const body = external ? request.body : { ...(request.body as object), partner_commune_id: twinning.partner_commune_id };
    const result = parseForm(twinningSchema, body);
    if (!result.ok) return showForm(request, reply, commune, result.form as FormState, twinning, undefined, 422);
    await updateTwinning(db, actor, twinning.id, external, result.data);
    return redirectWithFlash(reply, `${adminPath(commune)}/${twinning.id}`, 'network.twinning.saved');
  });
}

function followUpRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<IdParams>('/network/twinnings/:id/activities', staff, async (request, reply) => {
    const { commune, actor } = actorOf(request);
    const twinning = await declaredTwinning(request, commune);
    if (twinning.status === 'declined') throw new AppError('CONFLICT');
    const result = parseForm(activitySchema, request.body);
    if (!result.ok) return showForm(request, reply, commune, emptyForm(valuesOf(twinning)), twinning, { activityForm: result.form as FormState }, 422);
    await addActivity(db, actor, twinning.id, result.data);
    return redirectWithFlash(reply, `${adminPath(commune)}/${twinning.id}`, 'network.twinning.activity_added');
  });

  app.post<IdParams>('/network/twinnings/:id/end', staff, async (request, reply) => {
    const { commune, actor } = actorOf(request);
    const twinning = await declaredTwinning(request, commune);
    if (twinning.status !== 'active') throw new AppError('CONFLICT');
    const result = parseForm(endSchema, request.body);
    if (!result.ok) return showForm(request, reply, commune, emptyForm(valuesOf(twinning)), twinning, { endForm: result.form as FormState }, 422);
    await endTwinning(db, actor, twinning.id, result.data.ended_on);
    return redirectWithFlash(reply, adminPath(commune), 'network.twinning.ended');
  });

  // The partner's answer: only a proposal naming this commune as partner, still awaiting it, changes.
  for (const [path, accept] of [['confirm', true], ['decline', false]] as const) {
    app.post<IdParams>(`/network/twinnings/:id/${path}`, staff, async (request, reply) => {
      const { commune, actor } = actorOf(request);
      if (!uuidPattern.test(request.params.id) || !(await answerProposal(db, actor, request.params.id, accept))) throw new AppError('NOT_FOUND');
      return redirectWithFlash(reply, adminPath(commune), accept ? 'network.twinning.confirmed' : 'network.twinning.declined');
    });
  }
}

/** Back-office pages under /<commune>/admin/network/twinnings, and the menu's way to the peer exchange. */
export async function twinningAdminRoutes(app: FastifyInstance): Promise<void> {
  // The peer exchange lives outside any commune; this gives it a place in the commune's back-office menu.
  app.get('/network/exchange', staff, async (_request, reply) => reply.redirect('/network/exchange', 303));
  declaringRoutes(app);
  followUpRoutes(app);
}

/** GET /<commune>/twinnings: the commune's current and past twinnings, as declarer or partner. */
export async function twinningCommuneRoutes(app: FastifyInstance): Promise<void> {
  app.get('/twinnings', pub, async (request, reply) => {
    const { commune } = actorOf(request);
    const shown = await communeTwinnings(app.platform.db, commune.id, ['active', 'ended']);
    const current = shown.filter((t) => t.status === 'active');
    const past = shown.filter((t) => t.status === 'ended');
    return sendPage(request, reply, (ctx) => <CommuneTwinningsPage ctx={ctx} current={current} past={past} />);
  });
}

/** GET /network/twinnings: every active twinning of the network. */
export async function twinningNetworkRoutes(app: FastifyInstance): Promise<void> {
  app.get('/network/twinnings', pub, async (request, reply) => {
    const twinnings = await activeTwinnings(app.platform.db);
    return sendPage(request, reply, (ctx) => <NetworkTwinningsPage ctx={ctx} twinnings={twinnings} />);
  });
}
