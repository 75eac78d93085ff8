import { createApp } from '../app.js';
import { testConfig } from './test-app.js';

// One more server process on an existing, already migrated test database (DATABASE_URL), for tests
// that need several processes racing on the same rows. Prints PORT=<port> once listening.
const palabre = await createApp({ config: testConfig({ DATABASE_URL: process.env.DATABASE_URL ?? '', SESSION_SECRET: process.env.SESSION_SECRET ?? '' }) });
await palabre.app.listen({ host: '127.0.0.1', port: 0 });
const address = palabre.app.server.address();
console.log(`PORT=${typeof address === 'object' && address ? address.port : ''}`);
process.on('SIGTERM', () => void palabre.close().finally(() => process.exit(0)));
