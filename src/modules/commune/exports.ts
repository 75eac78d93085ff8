import type { OpenDataExport } from '../../platform/module.js';
import { councilData, listDocuments, listPublishedNews, listServices } from './queries/public-queries.js';

const french = (value: Partial<Record<string, string>>) => value.fr ?? Object.values(value).find(Boolean) ?? '';

/** What the open-data portal publishes for each commune (served once the open-data module exists). */
export const communeExports: OpenDataExport[] = [
  {
    id: 'commune-news',
    titleKey: 'commune.exports.news',
    rows: async (db, communeId) => {
      const { slug } = await db.selectFrom('communes').select('slug').where('id', '=', communeId).executeTakeFirstOrThrow();
      return (await listPublishedNews(db, communeId, { limit: 1000 })).items.map((post) => ({
        id: post.id,
        title: french(post.title),
        published_at: post.publish_at?.toISOString(),
        // Relative to the site's public address, which the open-data module prefixes.
        url: `/${slug}/news/${post.id}`,
      }));
    },
  },
  {
    id: 'commune-council',
    titleKey: 'commune.exports.council',
    rows: async (db, communeId) => {
      const data = await councilData(db, communeId);
      const persons = new Map(data.persons.map((p) => [p.id, p]));
      const organizations = new Map(data.organizations.map((o) => [o.id, o]));
      return data.memberships.map((m) => ({
        person: persons.get(m.person_id)?.name,
        organization: french(organizations.get(m.organization_id)?.name ?? {}),
        post: m.post,
        role: french(m.role),
        start_date: m.start_date,
        end_date: m.end_date,
      }));
    },
  },
  {
    id: 'commune-services',
    titleKey: 'commune.exports.services',
    rows: async (db, communeId) =>
      (await listServices(db, communeId)).map((service) => ({
        id: service.id,
        kind: service.kind,
        category: service.category,
        title: french(service.title),
        eligibility: french(service.eligibility),
        documents: service.documents.map(french).join('; '),
        fee: service.fee === null ? null : Number(service.fee),
        delay_days: service.delay_days,
        delay_basis: service.delay_basis,
        collection: french(service.collection),
      })),
  },
  {
    id: 'commune-documents',
    titleKey: 'commune.exports.documents',
    rows: async (db, communeId) =>
      (await listDocuments(db, communeId, {})).map((doc) => ({
        id: doc.id,
        title: french(doc.title),
        category: doc.category,
        document_date: doc.document_date,
        file: `/files/${doc.file_id}`,
      })),
  },
];
