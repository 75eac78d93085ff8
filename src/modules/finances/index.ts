export { financesModule } from './manifest.js';
