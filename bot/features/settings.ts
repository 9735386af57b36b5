import { Composer, InlineKeyboard } from 'grammy';
import { parseProtectionText, protectionText } from '../../handlers/protection.js';
import { parseSizingText } from '../../handlers/sizing.js';
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
  tolerance: 'set:tolerance',
  maxValue: 'set:maxvalue',
  protection: 'set:protection',
  sizing: 'set:sizing',
  confirm: 'set:confirm',
} as const;

/** Without a default symbol, leverage is checked against the highest Bybit offers. */
const MAX_LEVERAGE = 125;
const MAX_AMOUNT = 1_000_000;
/** Bounds of the guards a user may set (the defaults come from the server's configuration). */
const TOLERANCE_RANGE = { min: 0.1, max: 50 } as const;
const MAX_ORDER_VALUE = 100_000_000;

async function settingsView(ctx: BotContext, userId: number): Promise<{ html: string; keyboard: InlineKeyboard }> {
  const current = await ctx.deps.trading.settings.get(userId);
  const stored = await ctx.deps.trading.keys.list(userId);
  const hasKey = stored.some((key) => key.account === current.account);
  const lines = [
    ctx.t('settings-title'),
    ctx.t('settings-market', { market: ctx.t(`trade-market-${current.market}`) }),
    ctx.t('settings-amount', { amount: String(current.amountUsdt) }),
    ctx.t('settings-sizing', {
      sizing: ctx.t(`settings-sizing-${current.sizingMode === 'fixed' || current.sizingPercent === null ? 'fixed' : current.sizingMode}`, { percent: String(current.sizingPercent ?? '') }),
    }),
    ctx.t('settings-leverage', { leverage: current.leverage }),
    ctx.t('settings-account', { account: ctx.t(`trade-account-${current.account}`) }),
    ctx.t('settings-symbol', { symbol: current.defaultSymbol ? escapeHtml(current.defaultSymbol) : ctx.t('settings-none') }),
    ctx.t('settings-lag', { lag: current.maxLagSeconds === null ? ctx.t('settings-off') : ctx.t('settings-seconds', { seconds: current.maxLagSeconds }) }),
    ctx.t('settings-tolerance', { tolerance: withDefaultMark(ctx, current.priceTolerancePercent, ctx.deps.config.trading.priceTolerancePercent, '%') }),
    ctx.t('settings-max-value', { max: withDefaultMark(ctx, current.maxOrderValueUsdt, ctx.deps.config.trading.maxOrderValueUsdt, 'USDT') }),
    ctx.t('settings-confirm', { state: ctx.t(current.confirm ? 'settings-confirm-on' : 'settings-off'), seconds: ctx.deps.config.trading.confirmSeconds }),
    ctx.t('settings-protection', { protection: current.protection ? escapeHtml(protectionText(current.protection)) : ctx.t('settings-none') }),
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
    .text(ctx.t('btn-set-lag'), SETTINGS.lag)
    .row()
    .text(ctx.t('btn-set-tolerance'), SETTINGS.tolerance)
    .text(ctx.t('btn-set-max-value'), SETTINGS.maxValue)
    .row()
    .text(ctx.t('btn-set-protection'), SETTINGS.protection)
    .text(ctx.t('btn-set-sizing'), SETTINGS.sizing)
    .row()
    .text(ctx.t(current.confirm ? 'btn-set-confirm-off' : 'btn-set-confirm-on'), SETTINGS.confirm);
  return { html: lines.join('\n'), keyboard };
}

/** The user's own value, or the server's default marked as such. */
function withDefaultMark(ctx: BotContext, own: number | null, fallback: number, unit: string): string {
  return own === null ? `${fallback} ${unit} ${ctx.t('settings-default-mark')}` : `${own} ${unit}`;
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
settings.callbackQuery(SETTINGS.confirm, (ctx) => toggle(ctx, (current) => ({ confirm: !current.confirm })));

const questions = {
  [SETTINGS.amount]: { kind: 'settings:amount', question: 'settings-ask-amount' },
  [SETTINGS.leverage]: { kind: 'settings:leverage', question: 'settings-ask-leverage' },
  [SETTINGS.symbol]: { kind: 'settings:symbol', question: 'settings-ask-symbol' },
  [SETTINGS.lag]: { kind: 'settings:lag', question: 'settings-ask-lag' },
  [SETTINGS.tolerance]: { kind: 'settings:tolerance', question: 'settings-ask-tolerance' },
  [SETTINGS.maxValue]: { kind: 'settings:maxvalue', question: 'settings-ask-max-value' },
  [SETTINGS.protection]: { kind: 'settings:protection', question: 'settings-ask-protection' },
  [SETTINGS.sizing]: { kind: 'settings:sizing', question: 'settings-ask-sizing' },
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

/** "default" (or "-") goes back to the server's value. */
const BACK_TO_DEFAULT = /^(default|-|reset|по умолчанию|افتراضي)$/i;

onAnswer('settings:tolerance', async (ctx) => {
  const user = ctx.user;
  if (!user) return;
  const text = ctx.message.text.trim().replace(/\s*%$/, '');
  if (BACK_TO_DEFAULT.test(text)) {
    await endPrompt(ctx);
    await saved(ctx, user.id, { priceTolerancePercent: null });
    return;
  }
  const percent = number(text);
  if (!(percent >= TOLERANCE_RANGE.min && percent <= TOLERANCE_RANGE.max)) {
    await ask(ctx, 'settings:tolerance');
    await ctx.reply(ctx.t('settings-bad-tolerance', { min: String(TOLERANCE_RANGE.min), max: String(TOLERANCE_RANGE.max) }), HTML);
    return;
  }
  await endPrompt(ctx);
  await saved(ctx, user.id, { priceTolerancePercent: percent });
});

onAnswer('settings:maxvalue', async (ctx) => {
  const user = ctx.user;
  if (!user) return;
  const text = ctx.message.text.trim();
  if (BACK_TO_DEFAULT.test(text)) {
    await endPrompt(ctx);
    await saved(ctx, user.id, { maxOrderValueUsdt: null });
    return;
  }
  const value = number(text);
  if (!(value > 0 && value <= MAX_ORDER_VALUE)) {
    await ask(ctx, 'settings:maxvalue');
    await ctx.reply(ctx.t('settings-bad-max-value', { max: String(MAX_ORDER_VALUE) }), HTML);
    return;
  }
  await endPrompt(ctx);
  await saved(ctx, user.id, { maxOrderValueUsdt: value });
});

onAnswer('settings:protection', async (ctx) => {
  const user = ctx.user;
  if (!user) return;
  const text = ctx.message.text.trim();
  if (/^(off|none|-|0)$/i.test(text)) {
    await endPrompt(ctx);
    await saved(ctx, user.id, { protection: null });
    return;
  }
  const parsed = parseProtectionText(text);
  if ('error' in parsed) {
    await ask(ctx, 'settings:protection');
    await ctx.reply(ctx.t('settings-bad-protection', { error: escapeHtml(parsed.error) }), HTML);
    return;
  }
  await endPrompt(ctx);
  await saved(ctx, user.id, { protection: parsed.value });
});

onAnswer('settings:sizing', async (ctx) => {
  const user = ctx.user;
  if (!user) return;
  const parsed = parseSizingText(ctx.message.text);
  if ('error' in parsed) {
    await ask(ctx, 'settings:sizing');
    await ctx.reply(ctx.t('settings-bad-sizing', { error: escapeHtml(parsed.error) }), HTML);
    return;
  }
  await endPrompt(ctx);
  const sizing = parsed.value;
  if (sizing.mode === 'fixed') {
    await saved(ctx, user.id, { sizingMode: 'fixed', sizingPercent: null, ...(sizing.amount !== null ? { amountUsdt: sizing.amount } : {}) });
    return;
  }
  await saved(ctx, user.id, { sizingMode: sizing.mode, sizingPercent: Number(sizing.percent) });
});
