/**
 * The load of the fill benches (fill-card, streams): take-profit fills on the traders' open cards
 * at a steady pace, each card's edit found as it reaches the fake Telegram, and the latencies'
 * table row.
 */
import type { FakeBybit } from '../test/support/fakeBybit.js';
import type { FakeTelegram } from '../test/support/fakeTelegram.js';
import type { BareFillClient } from './bareFillClient.js';
import { atSteadyRate, fmt, percentile } from './support.js';
import type { SeededTrader } from './seedTraders.js';

/** A fill sent: the card's chat, which take-profit of that card it is (1, 2, ...), and when. */
export interface SentFill {
  chatId: number;
  index: number;
  at: number;
}

/** The text of the trader's trade card as the fake Telegram holds it; '' until it is sent. */
export function cardText(telegram: FakeTelegram, chatId: number): string {
  const message = telegram.chat(chatId).messages.find((m) => 'text' in m && (m.text ?? '').includes('order placed'));
  return message && 'text' in message ? (message.text ?? '') : '';
}

/**
 * Fills one take-profit of 0.001 BTC at `rate` a second for `seconds`, on the traders' cards in
 * turn, and one on the baseline client's account beside each.
 */
export async function paceTakeProfitFills(
  bybit: FakeBybit,
  traders: SeededTrader[],
  baseline: BareFillClient,
  rate: number,
  seconds: number,
): Promise<SentFill[]> {
  const fills: SentFill[] = [];
  const counts = new Map<number, number>();
  await atSteadyRate(rate, seconds, (i) => {
    const trader = traders[i % traders.length]!;
    const index = (counts.get(trader.chatId) ?? 0) + 1;
    counts.set(trader.chatId, index);
    fills.push({ chatId: trader.chatId, index, at: Date.now() });
    bybit.triggerStop(trader.apiKey, 'BTCUSDT', 'TakeProfit', 50_000, 0.001);
    baseline.fill();
  });
  return fills;
}

/**
 * When the edit that tells a card's k-th take-profit reached the fake Telegram. Calls are indexed
 * as they come: a scan of every call on each poll would block the bench's process, which also
 * runs the fakes, and delay the very arrivals it measures.
 */
export function cardEdits(telegram: FakeTelegram): (fill: SentFill) => number | undefined {
  const edits = new Map<string, number>();
  let scanned = 0;
  return ({ chatId, index }) => {
    for (; scanned < telegram.calls.length; scanned += 1) {
      const call = telegram.calls[scanned]!;
      if (call.method !== 'editMessageText') continue;
      for (const match of String(call.params.text ?? '').matchAll(/Take-profit (\d+) hit/g)) {
        const key = `${Number(call.params.chat_id)}|${match[1]}`;
        if (!edits.has(key)) edits.set(key, call.at);
      }
    }
    return edits.get(`${chatId}|${index}`);
  };
}

/** ms from each fill to its card's edit, sorted; fills whose edit never came are left out. */
export function fillLatencies(fills: SentFill[], editAt: (fill: SentFill) => number | undefined): number[] {
  return fills.map((fill) => (editAt(fill) ?? NaN) - fill.at).filter(Number.isFinite).sort((a, b) => a - b);
}

/** A row of the latency tables: name, fills sent, edits seen, p50, p99, max. */
export function latencyRow(name: string, sorted: number[], sent: number): (string | number)[] {
  return [name, sent, sorted.length, fmt(percentile(sorted, 50)), fmt(percentile(sorted, 99)), fmt(sorted.at(-1) ?? NaN)];
}
