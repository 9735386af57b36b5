// Reference (b0): the naive design, one INSERT (and so one commit) per request, on the same table.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const app = Fastify({ logger: false });
// Raw bytes for every content type, as the real endpoint reads them.
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
app.post('/hooks/:provider/:token', async (request) => {
  const alert = JSON.parse((request.body as Buffer).toString('utf8')) as { id: string };
  const { rows } = await pool.query<{ id: string }>({
    name: 'plain-insert',
    text: `INSERT INTO inbound_events (endpoint_id, user_id, provider, dedupe_key, payload) VALUES (1, 1, 'tradingview', $1, $2) RETURNING id`,
    values: [`id:${alert.id}`, JSON.stringify(alert)],
  });
  return { ok: true, id: rows[0]?.id };
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
const address = app.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
console.log(JSON.stringify({ msg: 'HTTP server listening', url }));
console.log(JSON.stringify({ msg: 'Hookbot is running' }));
