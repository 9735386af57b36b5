import { orders } from '../../bot/features/orders.js';
import { tradeConfirm } from '../../bot/features/tradeConfirm.js';
import { tradeCard } from '../../bot/features/tradeCard.js';
import { keys } from '../../bot/features/keys.js';
import { balance } from '../../bot/features/balance.js';
import { pnl } from '../../bot/features/pnl.js';
import { positions } from '../../bot/features/positions.js';
import { summary } from '../../bot/features/summary.js';
import { settings } from '../../bot/features/settings.js';
import { template } from '../../bot/features/template.js';
import { url } from '../../bot/features/url.js';
import { parseTradeAlert } from '../../handlers/tradeSignal.js';
import { BybitKeyRepository, TradeSignalRepository, TradingSettingsRepository } from '../../models/trading.js';
import { tradeTradingViewAlert } from '../services/trading/recordSignal.js';
import { CardActions } from '../services/trading/cards/cardActions.js';
import { AccountReports } from '../services/trading/account/accountReports.js';
import { DailySummaries } from '../services/trading/account/dailySummaries.js';
import { PositionCloser } from '../services/trading/account/positionClose.js';
import { TradingService } from '../services/trading/service.js';
import { StreamSupervisor } from '../services/trading/stream/streamSupervisor.js';
import type { IntegrationModule, ModuleHost } from './module.js';

/**
 * TradingView alerts on a personal URL become Bybit orders placed with the user's settings and
 * keys (or are relayed to the chat for users without keys).
 */
export function tradingModule(host: ModuleHost): IntegrationModule {
  const { config, pool, log, i18n, secrets, database } = host;
  const trading = new TradingService({ pool, log, i18n, secrets, settings: config.trading, onQueued: host.wakeOutbox });
  // Registered before the processor's drain, so it stops after the last alert was recorded.
  host.onStop('trading', () => trading.stop());
  // Fills, take-profits and stops as they happen, from each key's private WebSocket (workers only).
  const streams = new StreamSupervisor({
    pool,
    log,
    i18n,
    secrets,
    settings: config.trading,
    session: (account, credentials) => trading.sessionFor(account, credentials),
    tickSize: async (account, symbol) => {
      const instrument = await trading.instrument(account, 'linear', symbol);
      if (!instrument) throw new Error(`${symbol} is not a futures symbol on Bybit`);
      return instrument.tickSize;
    },
    onQueued: host.wakeOutbox,
  });
  // What traders ask about their account: /positions (with Close), /balance, /pnl, the daily summary.
  const reports = new AccountReports({ pool, secrets, session: (account, credentials) => trading.sessionFor(account, credentials) });
  const closer = new PositionCloser({ pool, reports });
  const summaries = new DailySummaries({ pool, log, i18n, reports, onQueued: host.wakeOutbox });
  let streaming = false;
  host.onStop('trading-streams', async () => {
    if (streaming) await streams.stop();
  });
  return {
    name: 'trading',
    inbound: { tradingview: { accept: (request) => parseTradeAlert(request, config.hooks.dedupeWindowSeconds) } },
    actions: {
      tradingview: tradeTradingViewAlert(i18n, (userId) => trading.wakeUser(userId), {
        seconds: config.trading.confirmSeconds,
        // On time for the deadline in this process; every worker's sweeper is the safety net.
        asked: (seconds) => setTimeout(() => trading.expireConfirmations(), seconds * 1000 + 50).unref(),
      }),
    },
    bot: {
      features: [url, template, settings, keys, orders, tradeCard, tradeConfirm, positions, balance, pnl, summary],
      deps: {
        trading: {
          service: trading,
          settings: new TradingSettingsRepository(database.db),
          keys: new BybitKeyRepository(database.db),
          signals: new TradeSignalRepository(database.db),
          cards: new CardActions({ pool, secrets, session: (account, credentials) => trading.sessionFor(account, credentials) }),
          reports,
          closer,
        },
      },
    },
    jobs: { recurring: [{ name: 'trading-daily-summary', intervalSeconds: config.trading.summaryCheckSeconds, run: () => summaries.run() }] },
    async startWorker() {
      trading.startSweeper(config.processing.sweepIntervalSeconds);
      trading.wake();
      if (streams.accounts.length > 0) {
        streaming = true;
        streams.start();
      } else {
        log.warn('BYBIT_BASE_URL points elsewhere and BYBIT_WS_URL is not set: fills are not followed live');
      }
    },
  };
}
