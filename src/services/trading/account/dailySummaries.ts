import type { I18n } from '@grammyjs/i18n';
import type pg from 'pg';
import { inTransaction } from '../../../db/transaction.js';
import type { Logger } from '../../../logger.js';
import { enqueueMessages } from '../../telegram/outbox.js';
import { USER_ZONE_SQL, type AccountReports } from './accountReports.js';
import { formatSummary } from './accountViews.js';

interface Due {
  user_id: number;
  telegram_id: number;
  language: string;
  local_day: string;
  local_minute: number;
}

/** Users looked at per run; the rest are due in the next run, a minute later at most. */
const BATCH = 200;
/** Bybit not answering: try again on the next runs, up to this minute of the hour, then send what is known. */
const RETRY_UNTIL_MINUTE = 50;

/**
 * The opt-in daily summary. A recurring job (agenda: one worker runs it at a time) finds the users
 * whose hour it is in their time zone and who had no summary today, reads their account, and
 * queues the summary in a transaction that first marks the day as sent — a conditional UPDATE, so
 * even two runs at once (a lock that ran out, a clock step) send one summary a day, never two.
 */
export class DailySummaries {
  constructor(
    private readonly options: { pool: pg.Pool; log: Logger; i18n: I18n; reports: AccountReports; onQueued?: () => void },
  ) {}

  async run(): Promise<void> {
    const { pool, log } = this.options;
    // A zone PostgreSQL does not know (one stored before a tzdata change) counts as UTC rather
    // than failing the query for every user: CASE evaluates it only when it is known.
    const { rows } = await pool.query<Due>(
      `WITH known AS MATERIALIZED (SELECT name FROM pg_timezone_names),
            asked AS (
              SELECT r.user_id, r.summary_hour, r.summary_sent_on, z.zone
                FROM trading_reports r CROSS JOIN LATERAL (SELECT ${USER_ZONE_SQL} AS zone) z
               WHERE r.summary_hour IS NOT NULL),
            clock AS (
              SELECT a.user_id, a.summary_hour, a.summary_sent_on,
                     CASE WHEN a.zone IN (SELECT name FROM known) THEN now() AT TIME ZONE a.zone ELSE now() AT TIME ZONE 'UTC' END AS local
                FROM asked a)
       SELECT c.user_id, u.telegram_id, u.language, c.local::date::text AS local_day, extract(minute FROM c.local)::int AS local_minute
         FROM clock c JOIN users u ON u.id = c.user_id
        WHERE u.active AND u.blocked_at IS NULL
          AND extract(hour FROM c.local) = c.summary_hour
          AND c.summary_sent_on IS DISTINCT FROM c.local::date
        ORDER BY c.user_id LIMIT ${BATCH}`,
    );
    for (const due of rows) {
      await this.send(due).catch((error: unknown) => log.warn({ userId: due.user_id, error: error instanceof Error ? error.message : String(error) }, 'daily summary not sent yet'));
    }
  }

  private async send(due: Due): Promise<void> {
    const { reports, i18n, pool } = this.options;
    const { account } = await reports.tradingAccount(due.user_id);
    const view = await reports.summary(due.user_id);
    const down = [view.pnl, view.positions, view.wallet].some((part) => !part.ok && part.problem.reason === 'exchange-down');
    if (down && due.local_minute < RETRY_UNTIL_MINUTE) return;
    const t = (key: string, variables?: Record<string, string | number>) => i18n.t(due.language, key, variables);
    const html = formatSummary(view, account, due.local_day, t);
    const sent = await inTransaction(pool, async (client) => {
      const marked = await client.query(`UPDATE trading_reports SET summary_sent_on = $2::date WHERE user_id = $1 AND summary_sent_on IS DISTINCT FROM $2::date`, [
        due.user_id,
        due.local_day,
      ]);
      if (marked.rowCount !== 1) return false;
      await enqueueMessages(client, [{ chatId: due.telegram_id, html }]);
      return true;
    });
    if (sent) this.options.onQueued?.();
  }
}
