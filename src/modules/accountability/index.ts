export { accountabilityModule } from './manifest.js';
