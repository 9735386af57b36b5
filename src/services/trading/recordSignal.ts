import { createHash } from 'node:crypto';
import type { I18n } from '@grammyjs/i18n';
import type { TradingViewAlert } from '../../../handlers/tradingview.js';
import { settingsFromRow } from '../../../models/trading.js';
import { formatAlert } from '../alerts/formatAlert.js';
import type { EventAction } from '../inbound/processor.js';

/**
 * The order link id of the orders an event may become: the event's id and a hash of when it
 * arrived. Deterministic, so every retry uses the same one; and a database started afresh (event
 * ids counting from 1 again) cannot collide with an order placed from the old one.
 */
export function orderLinkIdFor(eventId: number, receivedAt: Date): string {
  const tag = createHash('sha256').update(`${eventId}|${receivedAt.toISOString()}`).digest('base64url').replace(/[-_]/g, '').slice(0, 8);
  return `hb${eventId}-${tag}`;
}

/**
 * The TradingView action: with Bybit keys for the account the user trades on, the alert becomes
 * a trade signal, recorded in the event's own transaction and placed right after it commits by
 * the trading service (never inside this transaction, which holds the batch's row locks).
 * Without keys the alert is relayed to the chat as before, with a hint how to trade it.
 */
export function tradeTradingViewAlert(i18n: I18n, wake: (userId: number) => void): EventAction {
  return async (event, { client, afterCommit }) => {
    const alert = event.payload as TradingViewAlert;
    const { rows } = await client.query<{
      market: string | null;
      amount_usdt: string | null;
      leverage: number | null;
      account: string | null;
      default_symbol: string | null;
      max_lag_seconds: number | null;
      has_keys: boolean;
      received_at: Date;
    }>(
      `SELECT s.market, s.amount_usdt, s.leverage, s.account, s.default_symbol, s.max_lag_seconds,
              EXISTS (SELECT 1 FROM bybit_keys k WHERE k.user_id = $1 AND k.account = coalesce(s.account, 'demo')) AS has_keys,
              e.received_at
         FROM inbound_events e LEFT JOIN trading_settings s ON s.user_id = $1
        WHERE e.id = $2`,
      [event.user.id, event.id],
    );
    const row = rows[0];
    if (!row) throw new Error(`inbound event ${event.id} vanished`);
    const t = (key: string, variables?: Record<string, string | number>) => i18n.t(event.user.language, key, variables);
    if (!row.has_keys) {
      return [{ chatId: event.user.telegramId, html: `${formatAlert(alert, t)}\n\n${t('trade-not-configured')}` }];
    }
    const settings = settingsFromRow({
      market: row.market,
      amountUsdt: row.amount_usdt,
      leverage: row.leverage,
      account: row.account,
      defaultSymbol: row.default_symbol,
      maxLagSeconds: row.max_lag_seconds,
    });
    await client.query(
      `INSERT INTO trade_signals (event_id, user_id, alert, settings, order_link_id, received_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
      [event.id, event.user.id, JSON.stringify(alert), JSON.stringify(settings), orderLinkIdFor(event.id, row.received_at), row.received_at],
    );
    afterCommit(() => wake(event.user.id));
    return [];
  };
}
