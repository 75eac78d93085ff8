import type { Selectable } from 'kysely';
import { formatDate } from '../../../platform/i18n/format.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { CommuneTables, Post } from '../db/tables.js';

type Person = Selectable<CommuneTables['council_persons']>;
type Organization = Selectable<CommuneTables['council_organizations']>;
type Membership = Selectable<CommuneTables['council_memberships']>;
export interface CouncilData {
  persons: Person[];
  organizations: Organization[];
  memberships: Membership[];
}

const postOrder: Post[] = ['mayor', 'deputy_mayor', 'commission_chair', 'councillor', 'commission_member'];
export const postLabelKeys: Record<Post, string> = {
  mayor: 'commune.council.post_mayor',
  deputy_mayor: 'commune.council.post_deputy_mayor',
  councillor: 'commune.council.post_councillor',
  commission_chair: 'commune.council.post_commission_chair',
  commission_member: 'commune.council.post_commission_member',
};

function term(ctx: ViewContext, membership: Membership): string {
  // Calendar dates carry no time zone: format them as UTC so they never shift by a day.
  const start = formatDate(membership.start_date, ctx.locale, 'UTC');
  return membership.end_date
    ? ctx.t('commune.council.term_ended', { start, end: formatDate(membership.end_date, ctx.locale, 'UTC') })
    : ctx.t('commune.council.term_since', { start });
}

function PersonCard({ ctx, person, membership }: { ctx: ViewContext; person: Person; membership: Membership }) {
  return (
    <li class="person-card">
      {person.photo_file_id ? <img src={`/files/${person.photo_file_id}`} alt="" width="96" height="96" loading="lazy" /> : ''}
      <div>
        <h3><a href={`/${ctx.commune!.slug}/council/${person.id}`} safe>{person.name}</a></h3>
        <p><Localized ctx={ctx} text={membership.role} /> · <span class="muted" safe>{term(ctx, membership)}</span></p>
      </div>
    </li>
  );
}

export function CouncilPage({ ctx, data }: { ctx: ViewContext; data: CouncilData }) {
  const byId = new Map(data.persons.map((p) => [p.id, p]));
  const council = data.organizations.filter((o) => o.classification !== 'commission');
  const commissions = data.organizations.filter((o) => o.classification === 'commission');
  const membersOf = (organization: Organization) =>
    data.memberships
      .filter((m) => m.organization_id === organization.id && byId.has(m.person_id))
      .sort((a, b) => postOrder.indexOf(a.post) - postOrder.indexOf(b.post));
  const section = (organization: Organization) => (
    <section>
      <h2><Localized ctx={ctx} text={organization.name} /></h2>
      <ul class="grid">{membersOf(organization).map((m) => <PersonCard ctx={ctx} person={byId.get(m.person_id)!} membership={m} />)}</ul>
    </section>
  );
  return (
    <Layout ctx={ctx} title={ctx.t('commune.council.title')}>
      <h1 safe>{ctx.t('commune.council.title')}</h1>
      <p><a href={`/${ctx.commune!.slug}/council/popolo.json`} safe>{ctx.t('commune.council.popolo')}</a></p>
      {council.map(section)}
      {commissions.length > 0 ? <h2 safe>{ctx.t('commune.council.commissions')}</h2> : ''}
      {commissions.map(section)}
    </Layout>
  );
}

export function PersonPage({ ctx, person, data }: { ctx: ViewContext; person: Person; data: CouncilData }) {
  const organizations = new Map(data.organizations.map((o) => [o.id, o]));
  return (
    <Layout ctx={ctx} title={person.name}>
      <article class="person-card">
        {person.photo_file_id ? <img src={`/files/${person.photo_file_id}`} alt="" width="96" height="96" /> : ''}
        <div>
          <h1 safe>{person.name}</h1>
          <Localized ctx={ctx} text={person.biography} as="p" />
          {person.email ? <p><a href={`mailto:${person.email}`} safe>{person.email}</a></p> : ''}
          {person.phone ? <p><a href={`tel:${person.phone}`} dir="ltr" safe>{person.phone}</a></p> : ''}
        </div>
      </article>
      <h2 safe>{ctx.t('commune.council.memberships')}</h2>
      <ul>
        {data.memberships
          .filter((m) => m.person_id === person.id)
          .map((m) => (
            <li>
              <Localized ctx={ctx} text={m.role} /> — <Localized ctx={ctx} text={organizations.get(m.organization_id)?.name} /> (<span safe>{term(ctx, m)}</span>)
            </li>
          ))}
      </ul>
      <p><a href={`/${ctx.commune!.slug}/council`} safe>{ctx.t('commune.council.back')}</a></p>
    </Layout>
  );
}

/** Popolo-shaped export (persons, organizations, posts, memberships) for civic-tech tools. */
export function popoloExport(data: CouncilData, baseUrl: string, locale: string, postLabel: (post: Post) => string) {
  const text = (value: Partial<Record<string, string>>) => value[locale] ?? Object.values(value).find(Boolean) ?? '';
  return {
    persons: data.persons.map((p) => ({
      id: p.id,
      name: p.name,
      ...(p.gender ? { gender: p.gender } : {}),
      ...(p.email ? { email: p.email } : {}),
      ...(p.photo_file_id ? { image: `${baseUrl}/files/${p.photo_file_id}` } : {}),
      biography: text(p.biography),
    })),
    organizations: data.organizations.map((o) => ({ id: o.id, name: text(o.name), classification: o.classification })),
    posts: [...new Set(data.memberships.map((m) => `${m.organization_id}:${m.post}`))].map((key) => {
      const [organizationId, post] = key.split(':');
      return { id: key, label: postLabel(post as Post), role: post, organization_id: organizationId };
    }),
    memberships: data.memberships.map((m) => ({
      id: m.id,
      person_id: m.person_id,
      organization_id: m.organization_id,
      post_id: `${m.organization_id}:${m.post}`,
      role: text(m.role),
      start_date: m.start_date,
      ...(m.end_date ? { end_date: m.end_date } : {}),
    })),
  };
}
