import { Composer } from 'grammy';
import type { AvitoMessageEvent } from '../../handlers/avito.js';
import type { WhatsAppEvent } from '../../handlers/whatsapp.js';
import { AvitoError } from '../../src/services/avito/avitoApi.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import { GreenApiError } from '../../src/services/whatsapp/greenApi.js';
import type { BotContext } from '../context.js';
import { sendBack } from '../replyBack.js';
import { HTML, isCommand } from '../shared.js';

/**
 * A reply in Telegram to a relayed WhatsApp or Avito message goes back to the chat it
 * came from (quoting it on WhatsApp); the bot confirms, or says why it could not.
 */
export const replies = new Composer<BotContext>();

const SERVICE_NAMES: Record<string, string> = { whatsapp: 'WhatsApp', avito: 'Avito' };

function reasonOf(ctx: BotContext, error: unknown): string {
  if (error instanceof GreenApiError || error instanceof AvitoError) {
    if (error.failure === 'unauthorized') return ctx.t('reply-reason-unauthorized');
    if (error.failure === 'unreachable') return ctx.t('reply-reason-unreachable');
    return escapeHtml(error.message);
  }
  throw error;
}

replies.chatType('private').on('message', async (ctx, next) => {
  const target = ctx.message.reply_to_message;
  if (!target || target.from?.id !== ctx.me.id || isCommand(ctx) || !ctx.user) return next();
  let relayed = await ctx.deps.findRelayed(ctx.chat.id, target.message_id);
  if (!relayed && Date.now() / 1000 - target.date < 5) {
    // The outbox records a message's id just after Telegram answers; a very quick reply may beat it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    relayed = await ctx.deps.findRelayed(ctx.chat.id, target.message_id);
  }
  if (!relayed || relayed.userId !== ctx.user.id || !(relayed.provider in SERVICE_NAMES)) return next();
  const service = SERVICE_NAMES[relayed.provider] ?? relayed.provider;
  const answer = (html: string) => ctx.reply(html, { ...HTML, reply_parameters: { message_id: ctx.message.message_id } });
  if (!ctx.user.active) {
    await answer(ctx.t('account-inactive'));
    return;
  }
  try {
    if (relayed.provider === 'whatsapp') {
      const event = relayed.payload as WhatsAppEvent;
      if (event.kind !== 'message') return next();
      if (!(await ctx.deps.whatsapp.credentialsOf(ctx.user.id))) {
        await answer(ctx.t('reply-not-connected', { service, command: '/connect whatsapp' }));
        return;
      }
      await answer(await sendBack(ctx, ctx.message, { provider: 'whatsapp', service, ownerId: ctx.user.id, conversation: event.chatId, quoted: event.idMessage }));
      return;
    }
    const event = relayed.payload as AvitoMessageEvent;
    if (!(await ctx.deps.avito.status(ctx.user.id))) {
      await answer(ctx.t('reply-not-connected', { service, command: '/connect avito' }));
      return;
    }
    await answer(await sendBack(ctx, ctx.message, { provider: 'avito', service, ownerId: ctx.user.id, conversation: event.chatId }));
  } catch (error) {
    ctx.deps.log.warn({ provider: relayed.provider, err: error instanceof Error ? error.message : String(error) }, 'reply not delivered');
    await answer(ctx.t('reply-failed', { service, reason: reasonOf(ctx, error) }));
  }
});
