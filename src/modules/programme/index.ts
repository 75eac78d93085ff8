export { programmeModule } from './manifest.js';
