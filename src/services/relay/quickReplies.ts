import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { QuickReply } from '../../../models/schema.js';
import type { Queryable } from '../telegram/outbox.js';

/** The callback data of the button under a relayed message that opens its connection's saved answers. */
export const QUICK_REPLY_OPEN = 'qr:open';

/** How many saved answers one connection keeps: enough for a team, few enough for one keyboard. */
export const QUICK_REPLY_LIMIT = 20;
/** A name is typed after `/q`, and shown on a button. */
export const QUICK_REPLY_NAME_MAX = 32;
/** One Avito message (its limit), and far within WhatsApp's. */
export const QUICK_REPLY_TEXT_MAX = 1000;

/** Words of the /q command itself, so `/q list` never means an answer named "list". */
const RESERVED = new Set(['add', 'del', 'delete', 'rm', 'list', 'help']);

export type QuickReplyNameError = 'empty' | 'too-long' | 'characters' | 'reserved';

/** A name as stored (lower case), or why it cannot be one. */
export function quickReplyName(raw: string): { ok: true; name: string } | { ok: false; error: QuickReplyNameError } {
  const name = raw.trim().toLowerCase();
  if (name === '') return { ok: false, error: 'empty' };
  if ([...name].length > QUICK_REPLY_NAME_MAX) return { ok: false, error: 'too-long' };
  if (!/^[\p{L}\p{N}_-]+$/u.test(name)) return { ok: false, error: 'characters' };
  if (RESERVED.has(name)) return { ok: false, error: 'reserved' };
  return { ok: true, name };
}

export type SaveOutcome = 'saved' | 'replaced' | 'full' | 'empty' | 'too-long';

const mapRow = (row: { id: string; user_id: string; provider: string; name: string; text: string; created_at: Date }): QuickReply => ({
  id: Number(row.id),
  userId: Number(row.user_id),
  provider: row.provider,
  name: row.name,
  text: row.text,
  createdAt: row.created_at,
});

/**
 * Each connection's saved answers, and the one-time tokens that make a press of a quick-reply
 * button send once.
 */
export class QuickReplies {
  constructor(private readonly pool: pg.Pool) {}

  async list(userId: number, provider: string): Promise<QuickReply[]> {
    const { rows } = await this.pool.query('SELECT * FROM quick_replies WHERE user_id = $1 AND provider = $2 ORDER BY name', [userId, provider]);
    return rows.map(mapRow);
  }

  async find(userId: number, provider: string, name: string): Promise<QuickReply | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM quick_replies WHERE user_id = $1 AND provider = $2 AND name = $3', [userId, provider, name]);
    return rows[0] && mapRow(rows[0]);
  }

  async byId(id: number): Promise<QuickReply | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM quick_replies WHERE id = $1', [id]);
    return rows[0] && mapRow(rows[0]);
  }

  /** Whether the connection has any, for a relayed message's button (inside the event's transaction). */
  async any(client: Queryable, userId: number, provider: string): Promise<boolean> {
    const { rows } = await client.query('SELECT 1 FROM quick_replies WHERE user_id = $1 AND provider = $2 LIMIT 1', [userId, provider]);
    return rows.length > 0;
  }

  /**
   * Saves (or replaces) an answer. The count is checked under a lock on the user's row, so two
   * /q add at once cannot pass the limit together.
   */
  async save(userId: number, provider: string, name: string, text: string): Promise<SaveOutcome> {
    const body = text.trim();
    if (body === '') return 'empty';
    if ([...body].length > QUICK_REPLY_TEXT_MAX) return 'too-long';
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
      const { rows } = await client.query<{ count: string; has: boolean }>(
        'SELECT count(*) AS count, bool_or(name = $3) AS has FROM quick_replies WHERE user_id = $1 AND provider = $2',
        [userId, provider, name],
      );
      const has = rows[0]?.has === true;
      if (!has && Number(rows[0]?.count ?? 0) >= QUICK_REPLY_LIMIT) {
        await client.query('ROLLBACK');
        return 'full';
      }
      await client.query(
        `INSERT INTO quick_replies (user_id, provider, name, text) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, provider, name) DO UPDATE SET text = EXCLUDED.text`,
        [userId, provider, name, body],
      );
      await client.query('COMMIT');
      return has ? 'replaced' : 'saved';
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async remove(userId: number, provider: string, name: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM quick_replies WHERE user_id = $1 AND provider = $2 AND name = $3', [userId, provider, name]);
    return (rowCount ?? 0) > 0;
  }

  /** A token for one opened list of buttons. */
  static newToken(): string {
    return randomBytes(8).toString('base64url');
  }

  /** True for the first claim of a token only; old tokens are forgotten after a day. */
  async claim(token: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('INSERT INTO quick_reply_sends (token) VALUES ($1) ON CONFLICT DO NOTHING', [token]);
    if ((rowCount ?? 0) > 0 && Math.random() < 0.05) {
      await this.pool.query(`DELETE FROM quick_reply_sends WHERE created_at < now() - interval '1 day'`);
    }
    return (rowCount ?? 0) > 0;
  }

  /** A send that failed gives its token back, so the same button can be pressed again. */
  async release(token: string): Promise<void> {
    await this.pool.query('DELETE FROM quick_reply_sends WHERE token = $1', [token]);
  }
}
