export { requestsModule } from './manifest.js';
