export { participationModule } from './manifest.js';
