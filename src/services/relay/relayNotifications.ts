import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';
import { releaseHeld, type Queryable } from '../telegram/outbox.js';
import type { NotificationMode, NotificationSettings } from './notificationPolicy.js';

interface Row {
  mode: string;
  quiet_from: number | null;
  quiet_to: number | null;
  time_zone: string;
}

const settingsOf = (row: Row | undefined): NotificationSettings | undefined =>
  row && { mode: row.mode, quietFrom: row.quiet_from, quietTo: row.quiet_to, timeZone: row.time_zone };

/**
 * Each connection's notification settings. A relayed message reads them in its event's
 * transaction with a share lock, and a resume changes them and releases what the pause kept in
 * one transaction: so a message is either kept and released by that resume, or never kept.
 */
export class RelayNotifications {
  constructor(private readonly pool: pg.Pool) {}

  async find(userId: number, provider: string): Promise<NotificationSettings | undefined> {
    const { rows } = await this.pool.query<Row>('SELECT mode, quiet_from, quiet_to, time_zone FROM relay_notifications WHERE user_id = $1 AND provider = $2', [userId, provider]);
    return settingsOf(rows[0]);
  }

  /** For a message being relayed, inside its event's transaction (`client`). */
  async forDelivery(client: Queryable, userId: number, provider: string): Promise<NotificationSettings | undefined> {
    const { rows } = await client.query<Row>(
      'SELECT mode, quiet_from, quiet_to, time_zone FROM relay_notifications WHERE user_id = $1 AND provider = $2 FOR SHARE',
      [userId, provider],
    );
    return settingsOf(rows[0]);
  }

  /** Sets the mode; leaving a pause sends what it kept. Returns how many kept messages go now. */
  async setMode(userId: number, provider: string, mode: NotificationMode): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO relay_notifications (user_id, provider, mode) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, provider) DO UPDATE SET mode = EXCLUDED.mode`,
        [userId, provider, mode],
      );
      return mode === 'paused' ? 0 : releaseHeld(client, userId, provider);
    });
  }

  /** Quiet hours [from, to) in minutes after local midnight of `timeZone`; null clears them. */
  async setQuietHours(userId: number, provider: string, hours: { from: number; to: number; timeZone: string } | null): Promise<void> {
    await this.pool.query(
      `INSERT INTO relay_notifications (user_id, provider, quiet_from, quiet_to, time_zone) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, provider) DO UPDATE SET quiet_from = EXCLUDED.quiet_from, quiet_to = EXCLUDED.quiet_to, time_zone = EXCLUDED.time_zone`,
      [userId, provider, hours?.from ?? null, hours?.to ?? null, hours?.timeZone ?? 'UTC'],
    );
  }
}
