export { channelsModule } from './manifest.js';
