import type { Audience } from './tables.js';

export const audienceKeys: Record<Audience, string> = {
  mayors: 'network.guides.audience_mayors',
  staff: 'network.guides.audience_staff',
  volunteers: 'network.guides.audience_volunteers',
  citizens: 'network.guides.audience_citizens',
};
