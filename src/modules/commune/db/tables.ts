import type { ColumnType, Generated, Selectable } from 'kysely';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { DateOnly, Json, Stamp } from '../../../platform/db/column-types.js';


export interface KeyFigures {
  population?: number;
  areaKm2?: number;
  neighbourhoods?: number;
  councillors?: number;
}

export type CommuneTables = {
  commune_profiles: {
    commune_id: string;
    presentation: Json<LocalizedText>;
    key_figures: Json<KeyFigures>;
    neighbourhoods: Json<string[]>;
  };
  council_persons: {
    id: Generated<string>;
    commune_id: string;
    name: string;
    gender: string | null;
    email: string | null;
    phone: string | null;
    biography: Json<LocalizedText>;
    photo_file_id: string | null;
    created_at: Stamp;
  };
  council_organizations: {
    id: Generated<string>;
    commune_id: string;
    name: Json<LocalizedText>;
    classification: 'council' | 'executive' | 'commission';
  };
  council_memberships: {
    id: Generated<string>;
    commune_id: string;
    person_id: string;
    organization_id: string;
    role: Json<LocalizedText>;
    post: Post;
    start_date: DateOnly;
    end_date: ColumnType<string | null, string | null, string | null>;
  };
  news_posts: {
    id: Generated<string>;
    commune_id: string;
    title: Json<LocalizedText>;
    body: Json<LocalizedText>;
    photo_file_id: string | null;
    status: 'draft' | 'published';
    publish_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
    author_id: string | null;
    created_at: Stamp;
    updated_at: Stamp;
  };
  commune_services: {
    id: Generated<string>;
    commune_id: string;
    category: string;
    title: Json<LocalizedText>;
    description: Json<LocalizedText>;
    fee: ColumnType<string | null, number | null, number | null>;
    delay: Json<LocalizedText>;
    location: Json<LocalizedText>;
    opening_hours: Json<LocalizedText>;
    position: number;
    kind: ColumnType<ServiceKind, ServiceKind | undefined, ServiceKind>;
    eligibility: ColumnType<LocalizedText, string | undefined, string>;
    /** What to bring: one localized item per document. */
    documents: ColumnType<LocalizedText[], string | undefined, string>;
    delay_days: ColumnType<number | null, number | null | undefined, number | null>;
    delay_basis: ColumnType<DelayBasis | null, DelayBasis | null | undefined, DelayBasis | null>;
    collection: ColumnType<LocalizedText, string | undefined, string>;
  };
  commune_documents: {
    id: Generated<string>;
    commune_id: string;
    title: Json<LocalizedText>;
    category: DocumentCategory;
    document_date: DateOnly;
    file_id: string;
    published_at: Stamp;
  };
  council_meetings: {
    id: Generated<string>;
    commune_id: string;
    title: Json<LocalizedText>;
    starts_at: ColumnType<Date, Date | string, Date | string>;
    location: Json<LocalizedText>;
    agenda: Json<LocalizedText>;
  };
};

export type Post = 'mayor' | 'deputy_mayor' | 'councillor' | 'commission_chair' | 'commission_member';
export const posts: Post[] = ['mayor', 'deputy_mayor', 'councillor', 'commission_chair', 'commission_member'];
export type DocumentCategory = 'deliberation' | 'budget' | 'report' | 'decree' | 'other';
export const documentCategories: DocumentCategory[] = ['deliberation', 'budget', 'report', 'decree', 'other'];
export type ServiceKind = 'service' | 'procedure';
export type DelayBasis = 'legal' | 'usual';
export type NewsPost = Selectable<CommuneTables['news_posts']>;
export type CommuneService = Selectable<CommuneTables['commune_services']>;
