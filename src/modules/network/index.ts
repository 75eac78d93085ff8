export { networkModule } from './manifest.js';
