import { createHash } from 'node:crypto';
import type { I18n } from '@grammyjs/i18n';
import type { TradingViewAlert } from '../../../handlers/tradingview.js';
import { settingsFromRow } from '../../../models/trading.js';
import { parseTemplate, renderTemplate } from '../../../handlers/messageTemplate.js';
import { alertTemplateValues, formatAlert } from '../alerts/formatAlert.js';
import { eventOutcomes, type EventAction } from '../inbound/processor.js';
import { tradeRequestFrom } from '../../../handlers/tradeSignal.js';
import { enqueueMessages } from '../telegram/outbox.js';
import { confirmButtons, formatConfirmCard } from './confirmCard.js';

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
export function tradeTradingViewAlert(
  i18n: I18n,
  wake: (userId: number) => void,
  /** Confirm mode: how long a card waits, and what to call once one was queued (to expire it on time). */
  confirmation?: { seconds: number; asked: (seconds: number) => void },
): EventAction {
  return async (event, { client, afterCommit, setOutcome }) => {
    const alert = event.payload as TradingViewAlert;
    const { rows } = await client.query<{
      market: string | null;
      amount_usdt: string | null;
      leverage: number | null;
      account: string | null;
      default_symbol: string | null;
      max_lag_seconds: number | null;
      price_tolerance_percent: string | null;
      max_order_value_usdt: string | null;
      protection: unknown;
      sizing_mode: string | null;
      sizing_percent: string | null;
      confirm: boolean | null;
      has_keys: boolean;
      received_at: Date;
      template: string | null;
    }>({
      // Named: prepared once per connection, as every statement on the path of each alert.
      name: 'hookbot-trade-settings',
      text: `SELECT s.market, s.amount_usdt, s.leverage, s.account, s.default_symbol, s.max_lag_seconds,
              s.price_tolerance_percent, s.max_order_value_usdt, s.protection,
              s.sizing_mode, s.sizing_percent, s.confirm,
              EXISTS (SELECT 1 FROM bybit_keys k WHERE k.user_id = $1 AND k.account = coalesce(s.account, 'demo')) AS has_keys,
              e.received_at, en.template
         FROM inbound_events e LEFT JOIN trading_settings s ON s.user_id = $1 LEFT JOIN endpoints en ON en.id = e.endpoint_id
        WHERE e.id = $2`,
      values: [event.user.id, event.id],
    });
    const row = rows[0];
    if (!row) throw new Error(`inbound event ${event.id} vanished`);
    const t = (key: string, variables?: Record<string, string | number>) => i18n.t(event.user.language, key, variables);
    if (!row.has_keys) {
      setOutcome(eventOutcomes.relayedNoKeys);
      // The user's own layout for this URL, when they set one and it still parses.
      const template = row.template === null ? undefined : parseTemplate(row.template);
      const body = template?.ok ? renderTemplate(template.parts, alertTemplateValues(alert)) : formatAlert(alert, t);
      return [{ chatId: event.user.telegramId, html: `${body}\n\n${t('trade-not-configured')}` }];
    }
    const settings = settingsFromRow({
      market: row.market,
      amountUsdt: row.amount_usdt,
      leverage: row.leverage,
      account: row.account,
      defaultSymbol: row.default_symbol,
      maxLagSeconds: row.max_lag_seconds,
      priceTolerancePercent: row.price_tolerance_percent,
      maxOrderValueUsdt: row.max_order_value_usdt,
      protection: row.protection,
      sizingMode: row.sizing_mode,
      sizingPercent: row.sizing_percent,
      confirm: row.confirm,
    });
    const parsed = tradeRequestFrom(alert);
    const confirm = (parsed.ok ? parsed.request.confirm : null) ?? settings.confirm;
    // A replay was confirmed on its own card already.
    if (confirm && confirmation && event.replayOf === null) {
      // Confirm mode: stored waiting for Execute; the card carries the signal's id.
      const { rows: inserted } = await client.query<{ id: string }>(
        `INSERT INTO trade_signals (event_id, user_id, alert, settings, order_link_id, received_at, status, confirm_until)
         VALUES ($1, $2, $3, $4, $5, $6, 'confirm', now() + make_interval(secs => $7)) ON CONFLICT (event_id) DO NOTHING RETURNING id`,
        [event.id, event.user.id, JSON.stringify(alert), JSON.stringify(settings), orderLinkIdFor(event.id, row.received_at), row.received_at, confirmation.seconds],
      );
      setOutcome(eventOutcomes.trade);
      const signalId = inserted[0] ? Number(inserted[0].id) : undefined;
      if (signalId === undefined) return [];
      const [card] = await enqueueMessages(client, [
        { chatId: event.user.telegramId, html: formatConfirmCard({ alert, settings, seconds: confirmation.seconds }, t), buttons: confirmButtons(t, signalId), sourceEventId: event.id },
      ]);
      await client.query(`UPDATE trade_signals SET confirm_card = $2 WHERE id = $1`, [signalId, card]);
      afterCommit(() => confirmation.asked(confirmation.seconds));
      return [];
    }
    await client.query({
      name: 'hookbot-trade-signal',
      text: `INSERT INTO trade_signals (event_id, user_id, alert, settings, order_link_id, received_at, replay_of)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
      values: [event.id, event.user.id, JSON.stringify(alert), JSON.stringify(settings), orderLinkIdFor(event.id, row.received_at), row.received_at, event.replayOf],
    });
    setOutcome(eventOutcomes.trade);
    afterCommit(() => wake(event.user.id));
    return [];
  };
}
