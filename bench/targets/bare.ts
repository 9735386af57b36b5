// Baseline (a): the same Fastify, one route that answers 200 and does nothing else.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
// Raw bytes for every content type, as the real endpoint reads them.
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
app.post('/hooks/:provider/:token', async () => ({ ok: true, id: '1' }));
const port = Number(process.env.PORT ?? 0);
await app.listen({ host: '127.0.0.1', port });
const address = app.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
console.log(JSON.stringify({ msg: 'HTTP server listening', url }));
console.log(JSON.stringify({ msg: 'Hookbot is running' }));
