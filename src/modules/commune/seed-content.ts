export type SeedLocale = 'fr' | 'en' | 'pt' | 'ar';
export type SeedText = Partial<Record<SeedLocale, string>>;
export interface SeedPerson { key: string; name: string; gender: 'female' | 'male'; email?: string; phone?: string; biography: SeedText }
export interface SeedOrganization { key: string; name: SeedText; classification: 'council' | 'executive' | 'commission' }
export interface SeedMembership { person: string; organization: string; role: SeedText; post: 'mayor' | 'deputy_mayor' | 'councillor' | 'commission_chair' | 'commission_member'; startDate: string; endDate?: string }
export interface SeedNews { key: string; title: SeedText; body: SeedText; publishedDaysAgo: number; scheduledInDays?: number }
export interface SeedService {
  key: string; category: 'civil_status' | 'urbanism' | 'taxes' | 'social' | 'other'; title: SeedText; description: SeedText; fee: number | null; delay: SeedText; location: SeedText; openingHours: SeedText;
  /** Procedures only: who may ask, what to bring (one item per document), announced delay, where and when to collect. */
  procedure?: { eligibility: SeedText; documents: SeedText[]; delayDays: number | null; delayBasis: 'legal' | 'usual'; collection: SeedText };
}
export interface SeedDocument { key: string; title: SeedText; category: 'deliberation' | 'budget' | 'report' | 'decree' | 'other'; documentDate: string }
export interface SeedMeeting { title: SeedText; inDays: number; location: SeedText; agenda: SeedText }
export interface SeedCommune {
  slug: string; name: SeedText; country: string; region: SeedText; defaultLocale: SeedLocale; enabledLocales: SeedLocale[];
  timeZone: string; currency: string; presentation: SeedText;
  contact: { address: SeedText; phone: string; email: string; website?: string; openingHours: SeedText };
  keyFigures: { population: number; areaKm2: number; neighbourhoods: number; councillors: number };
  neighbourhoods: string[];
  persons: SeedPerson[]; organizations: SeedOrganization[]; memberships: SeedMembership[];
  news: SeedNews[]; services: SeedService[]; documents: SeedDocument[]; meetings: SeedMeeting[];
}
import { ndarToute } from './seed-ndar-toute.js';
import { tiznitElJadida } from './seed-tiznit.js';

/** The demo network: one Senegalese commune in French, one Moroccan commune in Arabic and French. */
export const seedCommunes: SeedCommune[] = [ndarToute, tiznitElJadida];
