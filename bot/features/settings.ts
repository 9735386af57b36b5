import { Composer, InlineKeyboard } from 'grammy';
import { normalizeSymbol } from '../../handlers/tradingview.js';
import type { TradingSettings } from '../../models/trading.js';
import { BybitFailure } from '../../src/services/trading/bybit.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { ask, endPrompt, onAnswer } from '../prompts.js';
import { editHtml, HTML } from '../shared.js';

export const settings = new Composer<BotContext>();

/** Callback data of the menu's buttons. */
export const SETTINGS = {
  market: 'set:market',
  account: 'set:account',
  amount: 'set:amount',
  leverage: 'set:leverage',
  symbol: 'set:symbol',
  lag: 'set:lag',
} as const;

/** Without a default symbol, leverage is checked against the highest Bybit offers. */
const MAX_LEVERAGE = 125;
const MAX_AMOUNT = 1_000_000;

async function settingsView(ctx: BotContext, userId: number): Promise<{ html: string; keyboard: InlineKeyboard }> {
  const current = await ctx.deps.trading.settings.get(userId);
  const stored = await ctx.deps.trading.keys.list(userId);
  const hasKey = stored.some((key) => key.account === current.account);
  const lines = [
    ctx.t('settings-title'),
    ctx.t('settings-market', { market: ctx.t(`trade-market-${current.market}`) }),
    ctx.t('settings-amount', { amount: String(current.amountUsdt) }),
    ctx.t('settings-leverage', { leverage: current.leverage }),
    ctx.t('settings-account', { account: ctx.t(`trade-account-${current.account}`) }),
    ctx.t('settings-symbol', { symbol: current.defaultSymbol ? escapeHtml(current.defaultSymbol) : ctx.t('settings-none') }),
    ctx.t('settings-lag', { lag: current.maxLagSeconds === null ? ctx.t('settings-off') : ctx.t('settings-seconds', { seconds: current.maxLagSeconds }) }),
  ];
  if (current.market === 'spot') lines.push(ctx.t('settings-spot-note'));
  if (current.account === 'real') lines.push('', ctx.t('settings-real-warning'));
  if (!hasKey) lines.push('', ctx.t('settings-no-key', { account: ctx.t(`trade-account-${current.account}`) }));
  const other = (value: string, a: string, b: string) => (value === a ? b : a);
  const keyboard = new InlineKeyboard()
    .text(ctx.t('btn-set-market', { market: ctx.t(`trade-market-${other(current.market, 'spot', 'linear')}`) }), SETTINGS.market)
    .text(ctx.t('btn-set-account', { account: ctx.t(`trade-account-${other(current.account, 'demo', 'real')}`) }), SETTINGS.account)
    .row()
    .text(ctx.t('btn-set-amount'), SETTINGS.amount)
    .text(ctx.t('btn-set-leverage'), SETTINGS.leverage)
    .row()
    .text(ctx.t('btn-set-symbol'), SETTINGS.symbol)
    .text(ctx.t('btn-set-lag'), SETTINGS.lag);
  return { html: lines.join('\n'), keyboard };
}

settings.command('settings', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const { html, keyboard } = await settingsView(ctx, ctx.user.id);
  await ctx.reply(html, { ...HTML, reply_markup: keyboard });
});

async function buttonUserId(ctx: BotContext): Promise<number | undefined> {
  if (!ctx.user?.active) {
    await ctx.answerCallbackQuery({ text: ctx.t(ctx.user ? 'callback-inactive' : 'callback-need-start'), show_alert: true });
    return undefined;
  }
  return ctx.user.id;
}

async function toggle(ctx: BotContext, change: (current: TradingSettings) => Partial<TradingSettings>): Promise<void> {
  const userId = await buttonUserId(ctx);
  if (userId === undefined) return;
  const current = await ctx.deps.trading.settings.get(userId);
  await ctx.deps.trading.settings.update(userId, change(current));
  const { html, keyboard } = await settingsView(ctx, userId);
  await editHtml(ctx, html, keyboard);
  await ctx.answerCallbackQuery({ text: ctx.t('callback-saved') });
}

settings.callbackQuery(SETTINGS.market, (ctx) => toggle(ctx, (current) => ({ market: current.market === 'spot' ? 'linear' : 'spot' })));
settings.callbackQuery(SETTINGS.account, (ctx) => toggle(ctx, (current) => ({ account: current.account === 'demo' ? 'real' : 'demo' })));

const questions = {
  [SETTINGS.amount]: { kind: 'settings:amount', question: 'settings-ask-amount' },
  [SETTINGS.leverage]: { kind: 'settings:leverage', question: 'settings-ask-leverage' },
  [SETTINGS.symbol]: { kind: 'settings:symbol', question: 'settings-ask-symbol' },
  [SETTINGS.lag]: { kind: 'settings:lag', question: 'settings-ask-lag' },
} as const;

for (const [data, { kind, question }] of Object.entries(questions)) {
  settings.callbackQuery(data, async (ctx) => {
    if ((await buttonUserId(ctx)) === undefined) return;
    await ask(ctx, kind);
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t(question), HTML);
  });
}

/** Saves a change and shows the menu again with it. */
async function saved(ctx: BotContext, userId: number, change: Partial<TradingSettings>): Promise<void> {
  await ctx.deps.trading.settings.update(userId, change);
  const { html, keyboard } = await settingsView(ctx, userId);
  await ctx.reply(`${ctx.t('settings-saved')}\n\n${html}`, { ...HTML, reply_markup: keyboard });
}

const number = (text: string) => (/^\d+(\.\d+)?$/.test(text.trim().replace(',', '.')) ? Number(text.trim().replace(',', '.')) : NaN);

onAnswer('settings:amount', async (ctx) => {
  const user = ctx.user;
  if (!user) return;
  const amount = number(ctx.message.text);
  if (!(amount > 0 && amount <= MAX_AMOUNT)) {
    await ask(ctx, 'settings:amount');
    await ctx.reply(ctx.t('settings-bad-amount', { max: String(MAX_AMOUNT) }), HTML);
    return;
  }
  await endPrompt(ctx);
  await saved(ctx, user.id, { amountUsdt: amount });
});

onAnswer('settings:leverage', async (ctx) => {
  const user = ctx.user;
  if (!user) return;
  const leverage = number(ctx.message.text);
  const current = await ctx.deps.trading.settings.get(user.id);
  let max = MAX_LEVERAGE;
  if (current.defaultSymbol && current.market === 'linear') {
    const instrument = await ctx.deps.trading.service.instrument(current.account, 'linear', current.defaultSymbol).catch(() => null);
    if (instrument?.category === 'linear') max = instrument.maxLeverage;
  }
  if (!(Number.isInteger(leverage) && leverage >= 1 && leverage <= max)) {
    await ask(ctx, 'settings:leverage');
    await ctx.reply(ctx.t('settings-bad-leverage', { max: String(max) }), HTML);
    return;
  }
  await endPrompt(ctx);
  await saved(ctx, user.id, { leverage });
});

onAnswer('settings:symbol', async (ctx) => {
  const user = ctx.user;
  if (!user) return;
  const text = ctx.message.text.trim();
  if (/^(-|none|off|0)$/i.test(text)) {
    await endPrompt(ctx);
    await saved(ctx, user.id, { defaultSymbol: null });
    return;
  }
  const symbol = normalizeSymbol(text);
  if (!/^[A-Z0-9]{2,30}$/.test(symbol)) {
    await ask(ctx, 'settings:symbol');
    await ctx.reply(ctx.t('settings-bad-symbol', { symbol: escapeHtml(text.slice(0, 40)) }), HTML);
    return;
  }
  const current = await ctx.deps.trading.settings.get(user.id);
  let instrument;
  try {
    instrument = await ctx.deps.trading.service.instrument(current.account, current.market, symbol);
  } catch (error) {
    if (!(error instanceof BybitFailure)) throw error;
    await ask(ctx, 'settings:symbol');
    await ctx.reply(ctx.t('settings-exchange-down'), HTML);
    return;
  }
  if (!instrument) {
    await ask(ctx, 'settings:symbol');
    await ctx.reply(ctx.t('settings-unknown-symbol', { symbol: escapeHtml(symbol), market: ctx.t(`trade-market-${current.market}`) }), HTML);
    return;
  }
  await endPrompt(ctx);
  await saved(ctx, user.id, { defaultSymbol: symbol });
});

onAnswer('settings:lag', async (ctx) => {
  const user = ctx.user;
  if (!user) return;
  const text = ctx.message.text.trim();
  if (/^(off|0|-|none)$/i.test(text)) {
    await endPrompt(ctx);
    await saved(ctx, user.id, { maxLagSeconds: null });
    return;
  }
  const seconds = number(text);
  if (!(Number.isInteger(seconds) && seconds >= 5 && seconds <= 86_400)) {
    await ask(ctx, 'settings:lag');
    await ctx.reply(ctx.t('settings-bad-lag'), HTML);
    return;
  }
  await endPrompt(ctx);
  await saved(ctx, user.id, { maxLagSeconds: seconds });
});
