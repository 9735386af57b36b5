import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';
import type { Replays } from './replays.js';

/**
 * The Execute / Skip step in front of a trade replay. A request is decided once: the decision is a
 * conditional UPDATE (pending -> executed | skipped) in the transaction that stores the replay, so
 * two presses, in one process or in two, store at most one replay, and the second is told what the
 * first did.
 */
export type Decision =
  | { kind: 'replayed'; eventId: number; replayEventId: number }
  | { kind: 'skipped'; eventId: number }
  | { kind: 'decidedBefore'; status: 'executed' | 'skipped'; eventId: number; replayEventId: number | null }
  | { kind: 'missing' };

export class ReplayConfirm {
  constructor(
    private readonly pool: pg.Pool,
    private readonly replays: Replays,
  ) {}

  /** Asks for a replay of one of the user's events; undefined when they have no such event. */
  async request(userId: number, eventId: number): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO replay_requests (user_id, event_id)
       SELECT user_id, id FROM inbound_events WHERE id = $1 AND user_id = $2
       RETURNING id`,
      [eventId, userId],
    );
    return rows[0] ? Number(rows[0].id) : undefined;
  }

  async decide(userId: number, requestId: number, execute: boolean): Promise<Decision> {
    const decision = await inTransaction(this.pool, async (client): Promise<Decision> => {
      const { rows } = await client.query<{ event_id: string }>(
        `UPDATE replay_requests SET status = $3, decided_at = now()
          WHERE id = $1 AND user_id = $2 AND status = 'pending'
          RETURNING event_id`,
        [requestId, userId, execute ? 'executed' : 'skipped'],
      );
      const taken = rows[0];
      if (!taken) {
        // Decided already (this row lock waited for that transaction), or never this user's.
        const { rows: earlier } = await client.query<{ status: 'executed' | 'skipped'; event_id: string; replay_event_id: string | null }>(
          `SELECT status, event_id, replay_event_id FROM replay_requests WHERE id = $1 AND user_id = $2`,
          [requestId, userId],
        );
        const row = earlier[0];
        if (!row) return { kind: 'missing' };
        const replayEventId = row.replay_event_id === null ? null : Number(row.replay_event_id);
        return { kind: 'decidedBefore', status: row.status, eventId: Number(row.event_id), replayEventId };
      }
      const eventId = Number(taken.event_id);
      if (!execute) return { kind: 'skipped', eventId };
      const replayEventId = await this.replays.insert(client, userId, eventId);
      if (replayEventId === undefined) throw new Error(`event ${eventId} of replay request ${requestId} vanished`);
      await client.query(`UPDATE replay_requests SET replay_event_id = $2 WHERE id = $1`, [requestId, replayEventId]);
      return { kind: 'replayed', eventId, replayEventId };
    });
    if (decision.kind === 'replayed') this.replays.submit(decision.replayEventId);
    return decision;
  }
}
