import type { I18n } from '@grammyjs/i18n';
import type { TradingViewAlert } from '../../../handlers/tradingview.js';
import type { EventAction } from '../inbound/processor.js';
import { formatAlert } from './formatAlert.js';

/** Issue #2's action for a TradingView alert: tell the user, in their language. */
export function relayTradingViewAlert(i18n: I18n): EventAction {
  return (event) => {
    const alert = event.payload as TradingViewAlert;
    const t = (key: string, variables?: Record<string, string | number>) => i18n.t(event.user.language, key, variables);
    return [{ chatId: event.user.telegramId, html: formatAlert(alert, t) }];
  };
}
