import { createHash, randomUUID } from 'node:crypto';
import { communeScope } from '../../platform/db/commune-scope.js';
import type { SeedContext } from '../../platform/module.js';
import { communeDb } from './queries/public-queries.js';
import { type SeedCommune, type SeedService, seedCommunes } from './seed-content.js';

const day = 24 * 3600 * 1000;
const json = (value: unknown) => JSON.stringify(value);

/** A one-page PDF naming the document, so demo downloads open in any reader. */
export function tinyPdf(title: string): Buffer {
  const ascii = title.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 50 780 Td (${ascii}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function seedCouncil(context: SeedContext, communeId: string, seed: SeedCommune) {
  const scope = communeScope(communeDb(context.db), communeId);
  const personIds = new Map<string, string>();
  for (const person of seed.persons) {
    const row = await scope
      .insertInto('council_persons', { name: person.name, gender: person.gender, email: person.email ?? null, phone: person.phone ?? null, biography: json(person.biography) })
      .returning('id')
      .executeTakeFirstOrThrow();
    personIds.set(person.key, row.id);
  }
  const organizationIds = new Map<string, string>();
  for (const organization of seed.organizations) {
    const row = await scope
      .insertInto('council_organizations', { name: json(organization.name), classification: organization.classification })
      .returning('id')
      .executeTakeFirstOrThrow();
    organizationIds.set(organization.key, row.id);
  }
  const memberships = seed.memberships
    .filter((m) => personIds.has(m.person) && organizationIds.has(m.organization))
    .map((m) => ({
      person_id: personIds.get(m.person)!,
      organization_id: organizationIds.get(m.organization)!,
      role: json(m.role),
      post: m.post,
      start_date: m.startDate,
      end_date: m.endDate ?? null,
    }));
  if (memberships.length > 0) await scope.insertInto('council_memberships', memberships).execute();
}

/** Council sessions start at 10:00 UTC (10:00 in Dakar, 10:00 or 11:00 in Casablanca), not at the seeding minute. */
function meetingTime(now: number, inDays: number): Date {
  const midnight = Math.floor((now + inDays * day) / day) * day;
  return new Date(midnight + 10 * 3600 * 1000);
}

async function seedContent(context: SeedContext, communeId: string, seed: SeedCommune, authorId: string | null) {
  const scope = communeScope(communeDb(context.db), communeId);
  const now = Date.now();
  await scope.insertInto('commune_profiles', { presentation: json(seed.presentation), key_figures: json(seed.keyFigures), neighbourhoods: json(seed.neighbourhoods) }).execute();
  for (const news of seed.news) {
    const publishAt = news.scheduledInDays ? new Date(now + news.scheduledInDays * day) : new Date(now - news.publishedDaysAgo * day);
    await scope.insertInto('news_posts', { title: json(news.title), body: json(news.body), status: 'published', publish_at: publishAt, author_id: authorId, updated_at: publishAt }).execute();
  }
  for (const [position, service] of seed.services.entries()) {
    await scope
      .insertInto('commune_services', {
        category: service.category,
        title: json(service.title),
        description: json(service.description),
        fee: service.fee,
        delay: json(service.delay),
        location: json(service.location),
        opening_hours: json(service.openingHours),
        position,
        ...procedureColumns(service),
      })
      .execute();
  }
  for (const meeting of seed.meetings) {
    await scope.insertInto('council_meetings', { title: json(meeting.title), starts_at: meetingTime(now, meeting.inDays), location: json(meeting.location), agenda: json(meeting.agenda) }).execute();
  }
  for (const document of seed.documents) {
    const fileId = await storeDemoPdf(context, communeId, document.title.fr ?? document.key);
    await scope.insertInto('commune_documents', { title: json(document.title), category: document.category, document_date: document.documentDate, file_id: fileId }).execute();
  }
}

async function storeDemoPdf(context: SeedContext, communeId: string, title: string): Promise<string> {
  const content = tinyPdf(title);
  const id = randomUUID();
  const storageKey = `${communeId}/${id}.pdf`;
  await context.storage.put(storageKey, content);
  await context.db
    .insertInto('stored_files')
    .values({ id, commune_id: communeId, storage_key: storageKey, media_type: 'application/pdf', byte_size: content.length, sha256: createHash('sha256').update(content).digest('hex'), original_name: `${title}.pdf`, width: null, height: null, uploaded_by: null })
    .execute();
  return id;
}

function procedureColumns(service: SeedService) {
  const procedure = service.procedure;
  if (!procedure) return {};
  return {
    kind: 'procedure' as const,
    eligibility: json(procedure.eligibility),
    documents: json(procedure.documents),
    delay_days: procedure.delayDays,
    delay_basis: procedure.delayBasis,
    collection: json(procedure.collection),
  };
}

/** Demo content of the commune sites: profiles, council, news, services, documents, meetings. */
export async function seedCommuneSites(context: SeedContext): Promise<void> {
  for (const seed of seedCommunes) {
    const commune = context.communes.get(seed.slug);
    if (!commune) continue;
    await seedCouncil(context, commune.id, seed);
    await seedContent(context, commune.id, seed, context.users.get(`${seed.slug}:staff`) ?? null);
  }
}
