import type { InlineKeyboardMarkup } from 'grammy/types';
import { escapeHtml } from '../../telegram/html.js';
import { rounded, shown } from '../decimal.js';
import type { Translate } from '../messages.js';
import { averageEntry, realisedPnl, type CardState } from './cardState.js';

/** Callback data of the card's buttons: `tc:<verb>:<card id>`. */
export const CARD_CALLBACK = /^tc:(close|cancel):(\d+)$/;
export const cardCallback = (verb: 'close' | 'cancel', cardId: number) => `tc:${verb}:${cardId}`;

const time = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;
const num = (value: string) => escapeHtml(shown(value));

const exitKeys: Record<string, string> = {
  TakeProfit: 'trade-card-exit-take-profit',
  PartialTakeProfit: 'trade-card-exit-take-profit',
  StopLoss: 'trade-card-exit-stop-loss',
  PartialStopLoss: 'trade-card-exit-stop-loss',
  TrailingStop: 'trade-card-exit-trailing-stop',
};

/** The card's text and buttons (none once the trade is closed). */
export function renderCard(cardId: number, card: CardState, t: Translate): { html: string; buttons: InlineKeyboardMarkup | undefined } {
  const lines = [card.header, '', t('trade-card-timeline', { received: time(card.receivedAt), placed: time(card.placedAt) })];
  const entry = averageEntry(card);
  if (entry !== null) lines.push(t('trade-card-filled', { qty: num(card.filledQty), price: num(entry) }));
  if (card.stopLoss !== null || card.takeProfit !== null) {
    lines.push(t('trade-card-protection', { tp: card.takeProfit === null ? '—' : num(card.takeProfit), sl: card.stopLoss === null ? '—' : num(card.stopLoss) }));
  }
  let takeProfits = 0;
  for (const event of card.events) {
    if (event.type === 'stop-moved') {
      lines.push(t('trade-card-stop-moved', { price: num(event.price) }));
      continue;
    }
    if (event.type === 'breakeven-failed') {
      lines.push(t('trade-card-breakeven-failed', { detail: escapeHtml(event.detail) }));
      continue;
    }
    const key = exitKeys[event.kind] ?? 'trade-card-exit';
    if (key === 'trade-card-exit-take-profit') takeProfits += 1;
    lines.push(t(key, { index: takeProfits, qty: num(event.qty), price: num(event.price) }));
  }
  if (Number(card.fees) > 0) lines.push(t('trade-card-fees', { fees: num(card.fees) }));
  if (card.closed) {
    const pnl = rounded(realisedPnl(card), 4);
    lines.push('', t('trade-card-closed', { pnl: escapeHtml(pnl.startsWith('-') ? pnl : `+${pnl}`) }));
    return { html: lines.join('\n'), buttons: undefined };
  }
  const row = [{ text: t('btn-card-cancel'), callback_data: cardCallback('cancel', cardId) }];
  if (card.category === 'linear') row.unshift({ text: t('btn-card-close'), callback_data: cardCallback('close', cardId) });
  return { html: lines.join('\n'), buttons: { inline_keyboard: [row] } };
}
