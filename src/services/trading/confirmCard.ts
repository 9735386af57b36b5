import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { TradingViewAlert } from '../../../handlers/tradingview.js';
import type { TradingSettings } from '../../../models/trading.js';
import { escapeHtml } from '../telegram/html.js';
import type { Translate } from './messages.js';

/** Callback data of a confirm card's buttons: `tc:x:<signal id>` executes, `tc:s:<signal id>` skips. */
export const confirmData = (execute: boolean, signalId: number): string => `tc:${execute ? 'x' : 's'}:${signalId}`;
export const CONFIRM_DATA = /^tc:(x|s):(\d{1,18})$/;

export function confirmButtons(t: Translate, signalId: number): InlineKeyboardMarkup {
  return new InlineKeyboard().text(t('btn-trade-execute'), confirmData(true, signalId)).text(t('btn-trade-skip'), confirmData(false, signalId));
}

/** The head of a card: what the alert asks for, on which market and account. */
function cardHead(alert: TradingViewAlert, settings: TradingSettings, t: Translate): Record<string, string> {
  return {
    action: t(`action-${alert.action}`),
    symbol: escapeHtml(alert.symbol ?? settings.defaultSymbol ?? t('alert-no-symbol')),
    market: t(`trade-market-${settings.market}`),
    account: t(`trade-account-${settings.account}`),
  };
}

/** The card: the alert, the deadline (a countdown from when it arrived), and the two buttons. */
export function formatConfirmCard(card: { alert: TradingViewAlert; settings: TradingSettings; seconds: number }, t: Translate): string {
  return t('trade-confirm-card', { ...cardHead(card.alert, card.settings, t), seconds: card.seconds });
}

/** What the card becomes once decided: executing, skipped, or expired. */
export function formatConfirmDecided(state: 'executed' | 'skipped' | 'expired', card: { alert: TradingViewAlert; settings: TradingSettings; seconds: number }, t: Translate): string {
  return t(`trade-confirm-${state}`, { ...cardHead(card.alert, card.settings, t), seconds: card.seconds });
}
