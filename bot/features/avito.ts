import { Composer, InlineKeyboard } from 'grammy';
import type { AvitoConnectOutcome } from '../../src/services/avito/avitoService.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { ask, endPrompt, onAnswer } from '../prompts.js';
import { editHtml, formatDate, HTML } from '../shared.js';

/** /connect avito, /disconnect avito, /avito (status, new URL). */
export const avito = new Composer<BotContext>();

export const AVITO_ROTATE = 'avito:rotate';

const CREDENTIAL = /^[A-Za-z0-9_-]{8,256}$/;

export async function startAvitoConnect(ctx: BotContext): Promise<void> {
  await ask(ctx, 'avito:client-id');
  await ctx.reply(ctx.t('avito-ask-client-id'), HTML);
}

onAnswer('avito:client-id', async (ctx) => {
  const clientId = ctx.message.text.trim();
  await ctx.deleteMessage().catch(() => undefined);
  if (!CREDENTIAL.test(clientId)) {
    await ctx.reply(ctx.t('avito-bad-credential'), HTML);
    return;
  }
  await ask(ctx, 'avito:client-secret', { clientId: ctx.deps.secrets.encrypt(clientId) });
  await ctx.reply(ctx.t('avito-ask-client-secret'), HTML);
});

onAnswer('avito:client-secret', async (ctx, state) => {
  const clientSecret = ctx.message.text.trim();
  await ctx.deleteMessage().catch(() => undefined);
  if (!CREDENTIAL.test(clientSecret)) {
    await ctx.reply(ctx.t('avito-bad-credential'), HTML);
    return;
  }
  await endPrompt(ctx);
  if (!ctx.user) return;
  await ctx.reply(ctx.t('avito-checking'), HTML);
  const outcome = await ctx.deps.avito.connect(ctx.user.id, ctx.deps.secrets.decrypt(String(state.clientId)), clientSecret);
  await ctx.reply(connectAnswer(ctx, outcome), HTML);
});

function connectAnswer(ctx: BotContext, outcome: AvitoConnectOutcome): string {
  if (outcome.ok) {
    const variables = { account: String(outcome.accountId), url: escapeHtml(outcome.url), seconds: ctx.deps.config.providers.avitoPollIntervalSeconds };
    return ctx.t(outcome.subscribed ? 'avito-connected' : 'avito-connected-polling', variables);
  }
  if (outcome.reason === 'unauthorized') return ctx.t('avito-error-unauthorized');
  if (outcome.reason === 'unreachable') return ctx.t('avito-error-unreachable');
  return ctx.t('avito-error-rejected', { detail: escapeHtml(outcome.detail) });
}

export async function disconnectAvito(ctx: BotContext): Promise<void> {
  if (!ctx.user) return;
  const result = await ctx.deps.avito.disconnect(ctx.user.id);
  if (!result.connected) await ctx.reply(ctx.t('avito-not-connected'), HTML);
  else await ctx.reply(ctx.t(result.unsubscribed ? 'avito-disconnected' : 'avito-disconnected-not-unsubscribed'), HTML);
}

async function statusView(ctx: BotContext, userId: number): Promise<{ html: string; keyboard?: InlineKeyboard }> {
  const connection = await ctx.deps.avito.status(userId);
  if (!connection) return { html: ctx.t('avito-not-connected') };
  const endpoint = await ctx.deps.endpoints.getOrCreate(userId, 'avito');
  const seconds = ctx.deps.config.providers.avitoPollIntervalSeconds;
  const html = ctx.t('avito-status', {
    account: String(connection.accountId),
    webhook: ctx.t(connection.subscribed ? 'avito-webhook-yes' : 'avito-webhook-no'),
    mode: connection.mode === 'polling' ? ctx.t('avito-mode-polling', { seconds }) : ctx.t('avito-mode-push'),
    last: connection.lastMessageAt ? formatDate(connection.lastMessageAt) : ctx.t('avito-last-none'),
    url: escapeHtml(`${ctx.deps.config.http.publicUrl}/hooks/avito/${endpoint.token}`),
  });
  return { html, keyboard: new InlineKeyboard().text(ctx.t('btn-new-url'), AVITO_ROTATE) };
}

avito.command('avito', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const { html, keyboard } = await statusView(ctx, ctx.user.id);
  await ctx.reply(html, { ...HTML, ...(keyboard ? { reply_markup: keyboard } : {}) });
});

avito.callbackQuery(AVITO_ROTATE, async (ctx) => {
  if (!ctx.user || (!ctx.user.active && !ctx.isAdmin)) {
    await ctx.answerCallbackQuery({ text: ctx.t(ctx.user ? 'callback-inactive' : 'callback-need-start'), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.deps.avito.rotate(ctx.user.id);
  const { html, keyboard } = await statusView(ctx, ctx.user.id);
  await editHtml(ctx, `${ctx.t('url-rotated')}\n\n${html}`, keyboard);
});
