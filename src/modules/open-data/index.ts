export { openDataModule } from './manifest.js';
