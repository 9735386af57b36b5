/**
 * The baseline of the fill benches: a bare client on the fake's private WebSocket (Bybit's auth
 * and topic messages) that turns each `execution` message straight into an editMessageText call
 * at the fake Telegram, with nothing in between. What Hookbot adds is the difference.
 */
import { createHmac } from 'node:crypto';
import { WebSocket } from 'ws';
import type { FakeBybit } from '../test/support/fakeBybit.js';
import type { FakeTelegram } from '../test/support/fakeTelegram.js';
import type { SeededTrader } from './seedTraders.js';

export interface BareFillClient {
  /** Fills one take-profit of 0.001 on the client's account (the fake sends the `execution` message). */
  fill(): void;
  /** ms from each fill to its edit reaching the fake Telegram, sorted. */
  latencies(): number[];
  close(): void;
}

export async function startBareFillClient(bybit: FakeBybit, telegram: FakeTelegram, account: SeededTrader, until: (what: string, check: () => boolean) => Promise<void>): Promise<BareFillClient> {
  bybit.setPosition(account.apiKey, 'BTCUSDT', 1_000);
  const socket = new WebSocket(bybit.wsUrl);
  await new Promise((resolve) => socket.once('open', resolve));
  const expires = Date.now() + 60_000;
  socket.send(JSON.stringify({ op: 'auth', args: [account.apiKey, expires, createHmac('sha256', account.secret).update(`GET/realtime${expires}`).digest('hex')] }));
  socket.send(JSON.stringify({ op: 'subscribe', args: ['execution'] }));
  await until('the baseline client is subscribed', () => bybit.streams(account.apiKey) === 1);
  const call = (method: string, params: object) =>
    fetch(`${telegram.url}/bot${telegram.token}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) }).then(
      (response) => response.json() as Promise<{ result?: { message_id?: number } }>,
    );
  const card = (await call('sendMessage', { chat_id: account.chatId, text: 'baseline card' })).result?.message_id ?? 1;
  let seen = 0;
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { topic?: string };
    if (message.topic !== 'execution') return;
    seen += 1;
    void call('editMessageText', { chat_id: account.chatId, message_id: card, text: `baseline ${seen}` });
  });
  const fills: number[] = [];
  return {
    fill() {
      fills.push(Date.now());
      bybit.triggerStop(account.apiKey, 'BTCUSDT', 'TakeProfit', 50_000, 0.001);
    },
    latencies() {
      const edits = telegram.calls.filter((c) => c.method === 'editMessageText' && Number(c.params.chat_id) === account.chatId);
      return edits.map((edit, i) => edit.at - (fills[i] ?? NaN)).filter(Number.isFinite).sort((a, b) => a - b);
    },
    close() {
      socket.terminate();
    },
  };
}
