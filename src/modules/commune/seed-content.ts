export type SeedLocale = 'fr' | 'en' | 'pt' | 'ar';
export type SeedText = Partial<Record<SeedLocale, string>>;
export interface SeedPerson { key: string; name: string; gender: 'female' | 'male'; email?: string; phone?: string; biography: SeedText }
export interface SeedOrganization { key: string; name: SeedText; classification: 'council' | 'executive' | 'commission' }
export interface SeedMembership { person: string; organization: string; role: SeedText; post: 'mayor' | 'deputy_mayor' | 'councillor' | 'commission_chair' | 'commission_member'; startDate: string; endDate?: string }
export interface SeedNews { key: string; title: SeedText; body: SeedText; publishedDaysAgo: number; scheduledInDays?: number }
export interface SeedService { key: string; category: 'civil_status' | 'urbanism' | 'taxes' | 'social' | 'other'; title: SeedText; description: SeedText; fee: number | null; delay: SeedText; location: SeedText; openingHours: SeedText }
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
const empty = { persons: [], organizations: [], memberships: [], news: [], services: [], documents: [], meetings: [] };
export const seedCommunes: SeedCommune[] = [
  { slug: 'ndar-toute', name: { fr: 'Ndar Toute' }, country: 'SN', region: { fr: 'Saint-Louis' }, defaultLocale: 'fr', enabledLocales: ['fr', 'en'], timeZone: 'Africa/Dakar', currency: 'XOF', presentation: { fr: 'Commune de Ndar Toute.' }, contact: { address: { fr: 'Place de la mairie' }, phone: '+221339610000', email: 'mairie@ndar-toute.example.sn', openingHours: { fr: 'Lun–ven 8 h–17 h' } }, keyFigures: { population: 45210, areaKm2: 12, neighbourhoods: 9, councillors: 46 }, neighbourhoods: ['Sor', 'Guet Ndar'], ...empty },
  { slug: 'tiznit-el-jadida', name: { ar: 'تيزنيت الجديدة', fr: 'Tiznit El Jadida' }, country: 'MA', region: { ar: 'سوس ماسة', fr: 'Souss-Massa' }, defaultLocale: 'ar', enabledLocales: ['ar', 'fr'], timeZone: 'Africa/Casablanca', currency: 'MAD', presentation: { ar: 'جماعة تيزنيت الجديدة.', fr: 'Commune de Tiznit El Jadida.' }, contact: { address: { ar: 'ساحة البلدية', fr: 'Place de la municipalité' }, phone: '+212528860000', email: 'commune@tiznit-el-jadida.example.ma', openingHours: { ar: 'من الاثنين إلى الجمعة', fr: 'Lun–ven' } }, keyFigures: { population: 30100, areaKm2: 20, neighbourhoods: 7, councillors: 35 }, neighbourhoods: ['الرحمة'], ...empty },
];
