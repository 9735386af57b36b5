import { Composer, InlineKeyboard } from 'grammy';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { ConnectOutcome } from '../../src/services/whatsapp/whatsappService.js';
import type { BotContext } from '../context.js';
import { ask, endPrompt, onAnswer } from '../prompts.js';
import { editHtml, HTML } from '../shared.js';

/** /connect whatsapp, /disconnect whatsapp, /whatsapp (status, new URL). */
export const whatsapp = new Composer<BotContext>();

export const WA_ROTATE = 'wa:rotate';

/** The answer to the last question: the instance's API URL, or "-" for GREEN_API_URL. */
function apiUrlFrom(text: string, fallback: string): string | undefined {
  const value = text.trim();
  if (value === '-' || value === '') return fallback;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.toString().replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

export async function startWhatsAppConnect(ctx: BotContext): Promise<void> {
  await ask(ctx, 'wa:instance');
  await ctx.reply(ctx.t('wa-ask-instance'), HTML);
}

onAnswer('wa:instance', async (ctx) => {
  const idInstance = ctx.message.text.trim();
  if (!/^\d{4,20}$/.test(idInstance)) {
    await ctx.reply(ctx.t('wa-bad-instance'), HTML);
    return;
  }
  await ask(ctx, 'wa:token', { idInstance });
  await ctx.reply(ctx.t('wa-ask-token'), HTML);
});

onAnswer('wa:token', async (ctx, state) => {
  const token = ctx.message.text.trim();
  // The message carried a secret: it leaves the chat whatever it was.
  await ctx.deleteMessage().catch(() => undefined);
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) {
    await ctx.reply(ctx.t('wa-bad-token-format'), HTML);
    return;
  }
  await ask(ctx, 'wa:url', { ...state, apiToken: ctx.deps.secrets.encrypt(token) });
  await ctx.reply(ctx.t('wa-ask-url', { url: escapeHtml(ctx.deps.config.providers.greenApiUrl) }), HTML);
});

onAnswer('wa:url', async (ctx, state) => {
  const apiUrl = apiUrlFrom(ctx.message.text, ctx.deps.config.providers.greenApiUrl);
  if (!apiUrl) {
    await ctx.reply(ctx.t('wa-bad-url'), HTML);
    return;
  }
  await endPrompt(ctx);
  if (!ctx.user) return;
  await ctx.reply(ctx.t('wa-checking'), HTML);
  const idInstance = String(state.idInstance);
  const outcome = await ctx.deps.whatsapp.connect(ctx.user.id, {
    idInstance,
    apiTokenInstance: ctx.deps.secrets.decrypt(String(state.apiToken)),
    apiUrl,
  });
  await ctx.reply(connectAnswer(ctx, outcome, idInstance, apiUrl), HTML);
});

function connectAnswer(ctx: BotContext, outcome: ConnectOutcome, instance: string, apiUrl: string): string {
  if (outcome.ok) {
    const done = ctx.t('wa-connected', { instance: escapeHtml(instance), state: escapeHtml(outcome.state), url: escapeHtml(outcome.url) });
    return outcome.state === 'authorized' ? done : `${done}\n\n${ctx.t('wa-not-authorized-hint', { state: escapeHtml(outcome.state) })}`;
  }
  switch (outcome.reason) {
    case 'unauthorized':
      return ctx.t('wa-error-unauthorized');
    case 'missing':
      return ctx.t('wa-error-not-found', { instance: escapeHtml(instance) });
    case 'unreachable':
      return ctx.t('wa-error-unreachable', { url: escapeHtml(apiUrl) });
    case 'unkept':
      return ctx.t('wa-error-not-kept', { setting: escapeHtml(outcome.detail) });
    case 'rejected':
      return ctx.t('wa-error-rejected', { detail: escapeHtml(outcome.detail) });
  }
}

export async function disconnectWhatsApp(ctx: BotContext): Promise<void> {
  if (!ctx.user) return;
  const result = await ctx.deps.whatsapp.disconnect(ctx.user.id);
  if (!result.connected) await ctx.reply(ctx.t('wa-not-connected'), HTML);
  else await ctx.reply(ctx.t(result.cleared ? 'wa-disconnected' : 'wa-disconnected-not-cleared'), HTML);
}

async function statusView(ctx: BotContext, userId: number): Promise<{ html: string; keyboard?: InlineKeyboard }> {
  const stored = await ctx.deps.whatsapp.credentialsOf(userId);
  if (!stored) return { html: ctx.t('wa-not-connected') };
  const endpoint = await ctx.deps.endpoints.getOrCreate(userId, 'whatsapp');
  const html = ctx.t('wa-status', {
    instance: escapeHtml(stored.idInstance),
    state: escapeHtml(stored.state ?? '?'),
    url: escapeHtml(`${ctx.deps.config.http.publicUrl}/hooks/whatsapp/${endpoint.token}`),
  });
  return { html, keyboard: new InlineKeyboard().text(ctx.t('btn-new-url'), WA_ROTATE) };
}

whatsapp.command('whatsapp', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const { html, keyboard } = await statusView(ctx, ctx.user.id);
  await ctx.reply(html, { ...HTML, ...(keyboard ? { reply_markup: keyboard } : {}) });
});

whatsapp.callbackQuery(WA_ROTATE, async (ctx) => {
  if (!ctx.user || (!ctx.user.active && !ctx.isAdmin)) {
    await ctx.answerCallbackQuery({ text: ctx.t(ctx.user ? 'callback-inactive' : 'callback-need-start'), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.deps.endpoints.rotate(ctx.user.id, 'whatsapp');
  const outcome = await ctx.deps.whatsapp.reapply(ctx.user.id);
  const { html, keyboard } = await statusView(ctx, ctx.user.id);
  const note = !outcome || outcome.ok ? ctx.t('url-rotated') : ctx.t('wa-rotate-failed', { detail: escapeHtml(outcome.detail) });
  await editHtml(ctx, `${note}\n\n${html}`, keyboard);
});
