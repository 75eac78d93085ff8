export { communeModule } from './manifest.js';
export { seedCommunes } from './seed-content.js';
