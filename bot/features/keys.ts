import { Composer, InlineKeyboard } from 'grammy';
import { accounts, type AccountKind, type StoredKey } from '../../models/trading.js';
import { SecretBox } from '../../src/services/secrets/secretBox.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import { noDetails } from '../../src/services/trading/placeSignal.js';
import type { BotContext } from '../context.js';
import { ask, endPrompt, onAnswer } from '../prompts.js';
import { editHtml, formatDate, HTML } from '../shared.js';

export const keys = new Composer<BotContext>();

/** Callback data of the buttons: `keys:set:<account>`, `keys:del:<account>`. */
export const KEYS_SET = (account: AccountKind) => `keys:set:${account}`;
export const KEYS_DELETE = (account: AccountKind) => `keys:del:${account}`;

/** Bybit API keys and secrets are letters and digits (18 and 36 long today); allow some slack. */
const KEY_FORMAT = /^[A-Za-z0-9]{10,64}$/;

function keyLine(ctx: BotContext, account: AccountKind, stored: StoredKey | undefined): string {
  const name = ctx.t(`trade-account-${account}`);
  if (!stored) return ctx.t('keys-line-missing', { account: name });
  const ips = stored.info.ips.filter((ip) => ip !== '*');
  return ctx.t('keys-line', {
    account: name,
    key: escapeHtml(stored.maskedKey),
    date: formatDate(stored.createdAt),
    ips: ips.length > 0 ? escapeHtml(ips.join(', ')) : ctx.t('keys-ips-any'),
  });
}

async function keysView(ctx: BotContext, userId: number): Promise<{ html: string; keyboard: InlineKeyboard }> {
  const stored = await ctx.deps.trading.keys.list(userId);
  const byAccount = new Map(stored.map((key) => [key.account, key]));
  const lines = [ctx.t('keys-title'), ...accounts.map((account) => keyLine(ctx, account, byAccount.get(account))), '', ctx.t('keys-help')];
  const keyboard = new InlineKeyboard();
  for (const account of accounts) {
    keyboard.text(ctx.t(byAccount.has(account) ? 'btn-keys-replace' : 'btn-keys-set', { account: ctx.t(`trade-account-${account}`) }), KEYS_SET(account));
    if (byAccount.has(account)) keyboard.text(ctx.t('btn-keys-delete', { account: ctx.t(`trade-account-${account}`) }), KEYS_DELETE(account));
    keyboard.row();
  }
  return { html: lines.join('\n'), keyboard };
}

async function startAsking(ctx: BotContext, account: AccountKind): Promise<void> {
  await ask(ctx, 'keys:api-key', { account });
  await ctx.reply(ctx.t('keys-ask-key', { account: ctx.t(`trade-account-${account}`) }), HTML);
}

keys.command('keys', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  // Secrets are taken only where nobody else reads along.
  if (ctx.chat.type !== 'private') {
    await ctx.reply(ctx.t('keys-private-only'), HTML);
    return;
  }
  const [first, second] = ctx.match.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (first === 'delete') {
    const account = second as AccountKind | undefined;
    if (account !== undefined && !accounts.includes(account)) {
      await ctx.reply(ctx.t('keys-usage'), HTML);
      return;
    }
    const deleted = await ctx.deps.trading.keys.delete(ctx.user.id, account);
    await ctx.reply(ctx.t(deleted > 0 ? 'keys-deleted' : 'keys-none-deleted'), HTML);
    return;
  }
  if (first === 'demo' || first === 'real') {
    await startAsking(ctx, first);
    return;
  }
  if (first !== undefined) {
    await ctx.reply(ctx.t('keys-usage'), HTML);
    return;
  }
  const { html, keyboard } = await keysView(ctx, ctx.user.id);
  await ctx.reply(html, { ...HTML, reply_markup: keyboard });
});

for (const account of accounts) {
  keys.callbackQuery(KEYS_SET(account), async (ctx) => {
    if (!ctx.user?.active) {
      await ctx.answerCallbackQuery({ text: ctx.t(ctx.user ? 'callback-inactive' : 'callback-need-start'), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await startAsking(ctx, account);
  });
  keys.callbackQuery(KEYS_DELETE(account), async (ctx) => {
    if (!ctx.user?.active) {
      await ctx.answerCallbackQuery({ text: ctx.t(ctx.user ? 'callback-inactive' : 'callback-need-start'), show_alert: true });
      return;
    }
    await ctx.deps.trading.keys.delete(ctx.user.id, account);
    const { html, keyboard } = await keysView(ctx, ctx.user.id);
    await editHtml(ctx, html, keyboard);
    await ctx.answerCallbackQuery({ text: ctx.t('callback-key-deleted') });
  });
}

/** Deletes the message that carried a secret; says so if Telegram would not. */
async function removeSecretMessage(ctx: BotContext): Promise<void> {
  try {
    await ctx.deleteMessage();
  } catch {
    await ctx.reply(ctx.t('keys-delete-yourself'), HTML);
  }
}

onAnswer('keys:api-key', async (ctx, state) => {
  await removeSecretMessage(ctx);
  const account = state.account === 'real' ? 'real' : 'demo';
  const apiKey = ctx.message.text.trim();
  if (!KEY_FORMAT.test(apiKey)) {
    await ask(ctx, 'keys:api-key', { account });
    await ctx.reply(ctx.t('keys-bad-format'), HTML);
    return;
  }
  // Sealed even in the pending question: the database never holds it in the clear.
  await ask(ctx, 'keys:api-secret', { account, apiKey: ctx.deps.secrets.encrypt(apiKey) });
  await ctx.reply(ctx.t('keys-ask-secret', { key: escapeHtml(SecretBox.mask(apiKey)) }), HTML);
});

onAnswer('keys:api-secret', async (ctx, state) => {
  await removeSecretMessage(ctx);
  const user = ctx.user;
  const account: AccountKind = state.account === 'real' ? 'real' : 'demo';
  const apiSecret = ctx.message.text.trim();
  if (!user || typeof state.apiKey !== 'string') {
    await endPrompt(ctx);
    return;
  }
  if (!KEY_FORMAT.test(apiSecret)) {
    await ask(ctx, 'keys:api-secret', state);
    await ctx.reply(ctx.t('keys-bad-format'), HTML);
    return;
  }
  await endPrompt(ctx);
  const apiKey = ctx.deps.secrets.decrypt(state.apiKey);
  await ctx.replyWithChatAction('typing').catch(() => undefined);
  const checked = await ctx.deps.trading.service.checkKey(account, apiKey, apiSecret);
  if (!checked.ok) {
    await ctx.reply(
      [
        ctx.t('keys-refused', { account: ctx.t(`trade-account-${account}`) }),
        ctx.t(`trade-reason-${checked.reason}`, { ...noDetails, detail: escapeHtml(checked.detail) }),
        ctx.t('keys-try-again'),
      ].join('\n'),
      HTML,
    );
    return;
  }
  await ctx.deps.trading.keys.save(user.id, account, {
    apiKey: ctx.deps.secrets.encrypt(apiKey),
    apiSecret: ctx.deps.secrets.encrypt(apiSecret),
    maskedKey: SecretBox.mask(apiKey),
    info: checked.info,
  });
  const ips = checked.info.ips.filter((ip) => ip !== '*');
  const lines = [ctx.t('keys-saved', { account: ctx.t(`trade-account-${account}`), key: escapeHtml(SecretBox.mask(apiKey)) })];
  lines.push(ips.length > 0 ? ctx.t('keys-ip-restricted', { ips: escapeHtml(ips.join(', ')) }) : ctx.t('keys-ip-open'));
  const settings = await ctx.deps.trading.settings.get(user.id);
  if (settings.account !== account) lines.push(ctx.t('keys-other-account', { account: ctx.t(`trade-account-${settings.account}`) }));
  await ctx.reply(lines.join('\n'), HTML);
});
