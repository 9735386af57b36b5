import type { I18n } from '@grammyjs/i18n';
import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';
import { escapeHtml } from '../telegram/html.js';
import { enqueueMessages, type OutgoingMessage, type Queryable } from '../telegram/outbox.js';

/**
 * What is wrong with a connection, as the watchdog or a provider's own notice found it. `code` is
 * what "told once" compares (a different problem is told again); `variables` fill the notice.
 */
export interface HealthProblem {
  code: string;
  /** The locale key of the notice: what is wrong and what to do. */
  notice: string;
  variables?: Record<string, string | number>;
}

const SERVICE_NAMES: Record<string, string> = { whatsapp: 'WhatsApp', avito: 'Avito' };

/**
 * Green API's instance state as a problem; `starting` is a restart in progress (normal for a
 * minute or two), so neither a problem nor a recovery: undefined leaves the health as it is.
 */
export function whatsappStateProblem(state: string, idInstance: string): HealthProblem | null | undefined {
  if (state === 'authorized') return null;
  if (state === 'starting') return undefined;
  const instance = escapeHtml(idInstance);
  const notice = state === 'notAuthorized' ? 'health-wa-not-authorized' : state === 'blocked' ? 'health-wa-blocked' : state === 'sleepMode' ? 'health-wa-sleep' : 'health-wa-state-other';
  return { code: `wa-state:${state}`, notice, variables: { instance, state: escapeHtml(state) } };
}

export interface HealthState {
  problem: string | null;
  /** When the current state (healthy or this problem) began. */
  since: Date;
}

/**
 * Each messenger connection's health and what its owner was told. A change is told once, under a
 * lock on the connection's row, whichever process (a worker's check, a web process relaying the
 * provider's own notice) sees it first; a recovery is told once too, and only after a problem was.
 */
export class ConnectionHealth {
  constructor(
    private readonly pool: pg.Pool,
    private readonly i18n: I18n,
  ) {}

  /**
   * Claims this interval's check of a connection: undefined when another worker checked it less
   * than `minSeconds` ago. Returns the state the check starts from.
   */
  async claim(userId: number, provider: string, minSeconds: number): Promise<HealthState | undefined> {
    const { rows } = await this.pool.query<{ problem: string | null; since: Date }>(
      `INSERT INTO connection_health (user_id, provider, checked_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id, provider) DO UPDATE SET checked_at = now()
        WHERE connection_health.checked_at IS NULL OR connection_health.checked_at <= now() - make_interval(secs => $3)
       RETURNING problem, since`,
      [userId, provider, minSeconds],
    );
    const row = rows[0];
    return row && { problem: row.problem, since: row.since };
  }

  /**
   * Records what a check found, and queues the owner's notice if it changed (own transaction).
   * `basis`: the state the check started from (claim); if the health changed meanwhile (a webhook
   * said the phone logged out, a message proved webhooks work), the check's older view is dropped.
   */
  async report(userId: number, provider: string, problem: HealthProblem | null, basis?: HealthState): Promise<OutgoingMessage[]> {
    return inTransaction(this.pool, async (client) => {
      const messages = await this.transition(client, userId, provider, problem, basis);
      await enqueueMessages(client, messages);
      return messages;
    });
  }

  /**
   * The change to `problem` (null: healthy) inside the caller's transaction; returns the notice to
   * queue, if the owner has not been told this already.
   */
  async transition(client: Queryable, userId: number, provider: string, problem: HealthProblem | null, basis?: HealthState): Promise<OutgoingMessage[]> {
    await client.query('INSERT INTO connection_health (user_id, provider) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, provider]);
    const { rows } = await client.query<{ problem: string | null; notified_problem: string | null; since: Date; telegram_id: string; language: string }>(
      `SELECT h.problem, h.notified_problem, h.since, u.telegram_id, u.language
         FROM connection_health h JOIN users u ON u.id = h.user_id
        WHERE h.user_id = $1 AND h.provider = $2 FOR UPDATE OF h`,
      [userId, provider],
    );
    const row = rows[0];
    if (!row) return [];
    if (basis && (row.problem !== basis.problem || row.since.getTime() !== basis.since.getTime())) return [];
    const code = problem?.code ?? null;
    const told = row.notified_problem;
    if (code !== row.problem) {
      await client.query('UPDATE connection_health SET problem = $3, since = now() WHERE user_id = $1 AND provider = $2', [userId, provider, code]);
    }
    if (code === told) return [];
    await client.query('UPDATE connection_health SET notified_problem = $3 WHERE user_id = $1 AND provider = $2', [userId, provider, code]);
    const chatId = Number(row.telegram_id);
    if (problem === null) {
      return [{ chatId, html: this.i18n.t(row.language, 'health-recovered', { service: SERVICE_NAMES[provider] ?? provider }) }];
    }
    return [{ chatId, html: this.i18n.t(row.language, problem.notice, problem.variables ?? {}) }];
  }

  /**
   * A message arrived from the provider: whatever kept its messages away (webhooks silent, the
   * phone logged out) is over. One lookup by key while the connection is healthy.
   */
  async delivered(client: Queryable, userId: number, provider: string, cleared: (code: string) => boolean): Promise<OutgoingMessage[]> {
    const { rows } = await client.query<{ problem: string }>(
      'SELECT problem FROM connection_health WHERE user_id = $1 AND provider = $2 AND problem IS NOT NULL',
      [userId, provider],
    );
    const problem = rows[0]?.problem;
    if (problem === undefined || !cleared(problem)) return [];
    return this.transition(client, userId, provider, null);
  }
}
