import type { Middleware } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../src/logger.js';
import { botUpdates } from '../src/services/metrics/metrics.js';
import type { BotContext } from './context.js';

/**
 * What an update is, without what it says: a message's text or a caption can carry a secret (an
 * API key sent as an answer), so only the command's name or the kind of message is kept.
 */
export function describeUpdate(update: Update): { kind: string; command?: string } {
  const message = update.message ?? update.edited_message;
  if (message) {
    const command = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s|$)/.exec(message.text ?? '')?.[1];
    if (command) return { kind: 'command', command: command.toLowerCase() };
    const content = ['text', 'photo', 'document', 'voice', 'video', 'sticker', 'location', 'contact'].find((field) => field in message);
    return { kind: `message:${content ?? 'other'}` };
  }
  // Our own callback data is `<feature>:<...>`: the feature is enough to follow what happened.
  if (update.callback_query) return { kind: 'callback_query', command: update.callback_query.data?.split(':')[0]?.slice(0, 32) };
  return { kind: Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown' };
}

/** One log line and one count per update, with how long the bot took over it. */
export function logUpdates(log: Logger): Middleware<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
    const { kind, command } = describeUpdate(ctx.update);
    botUpdates.inc({ kind });
    try {
      await next();
    } finally {
      log.info(
        { updateId: ctx.update.update_id, kind, command, fromId: ctx.from?.id, chatId: ctx.chat?.id, ms: Math.round(performance.now() - started) },
        'bot update',
      );
    }
  };
}
