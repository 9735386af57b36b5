import type { I18n } from '@grammyjs/i18n';
import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';
import type { Logger } from '../../logger.js';
import type { EndpointOwner } from '../../../models/endpoints.js';
import { escapeHtml } from '../telegram/html.js';
import { enqueueMessages } from '../telegram/outbox.js';

const providerNames: Record<string, string> = { tradingview: 'TradingView', fal: 'FAL', whatsapp: 'WhatsApp', avito: 'Avito' };

/** The id template the README recommends: distinct per chart and per second. */
const ID_EXAMPLE = '"id": "{{ticker}}-{{interval}}-{{timenow}}"';

/** A process asks the database about one URL at most this often, however many duplicates arrive. */
const LOCAL_RECHECK_MS = 10_000;

export interface DuplicateNoticeOptions {
  pool: pg.Pool;
  log: Logger;
  i18n: I18n;
  /** At most one notice per URL in this many seconds, across every process. */
  intervalSeconds: number;
  /** How long an alert without an id counts as a resend of the same body (for the text). */
  dedupeWindowSeconds: number;
  /** Called after a notice was queued, to wake this process's outbox. */
  onQueued?: () => void;
}

/**
 * Tells a user that a request to their URL was dropped as a duplicate, so a dropped alert is never
 * silent; at most once per URL per interval. The last notice time lives on the endpoint row and is
 * claimed with one conditional UPDATE, so several web processes send one notice between them.
 */
export class DuplicateNotices {
  /** endpoint id -> until when this process does not ask again. */
  private readonly recentlyChecked = new Map<number, number>();

  constructor(private readonly options: DuplicateNoticeOptions) {}

  /** Runs in the background: the duplicate's answer does not wait for it. */
  dropped(owner: EndpointOwner): void {
    const now = Date.now();
    const until = this.recentlyChecked.get(owner.endpointId);
    if (until !== undefined && until > now) return;
    if (this.recentlyChecked.size > 10_000) this.recentlyChecked.clear();
    this.recentlyChecked.set(owner.endpointId, now + Math.min(LOCAL_RECHECK_MS, this.options.intervalSeconds * 1000));
    this.notify(owner).catch((error: unknown) => this.options.log.warn({ err: error, endpointId: owner.endpointId }, 'duplicate notice failed'));
  }

  /** Queues the notice unless one went out for this URL within the interval; true if queued. */
  async notify(owner: EndpointOwner): Promise<boolean> {
    const { pool, i18n, intervalSeconds, dedupeWindowSeconds } = this.options;
    const queued = await inTransaction(pool, async (client) => {
      const claimed = await client.query(
        `UPDATE endpoints SET duplicate_notice_at = now()
          WHERE id = $1 AND (duplicate_notice_at IS NULL OR duplicate_notice_at <= now() - make_interval(secs => $2))`,
        [owner.endpointId, intervalSeconds],
      );
      if (claimed.rowCount !== 1) return false;
      const html = i18n.t(owner.language, 'alert-duplicate-dropped', {
        provider: providerNames[owner.provider] ?? owner.provider,
        window: dedupeWindowSeconds,
        minutes: Math.max(1, Math.round(intervalSeconds / 60)),
        example: escapeHtml(ID_EXAMPLE),
      });
      await enqueueMessages(client, [{ chatId: owner.telegramId, html }]);
      return true;
    });
    if (queued) this.options.onQueued?.();
    return queued;
  }
}
