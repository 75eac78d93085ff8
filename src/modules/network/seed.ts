import type { SeedContext } from '../../platform/module.js';
import { seedGuides } from './guides/seed.js';
import { seedPractices } from './practices/seed.js';

export async function seedPracticesAndGuides(context: SeedContext): Promise<void> {
  await seedPractices(context);
  await seedGuides(context);
}
