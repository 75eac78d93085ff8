import Fastify from 'fastify';

// The baseline: the same framework on the same machine, answering a fixed string.
const app = Fastify({ logger: false });
app.get('/', async () => 'ok');
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
const address = app.server.address();
console.log(`PORT=${typeof address === 'object' && address ? address.port : ''}`);
