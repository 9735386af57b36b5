import { autoRetry } from '@grammyjs/auto-retry';
import type { I18n } from '@grammyjs/i18n';
import { sequentialize } from '@grammyjs/runner';
import { Bot, GrammyError, HttpError, type Api, type BotError, type Composer, type Context } from 'grammy';
import type { BotCommand } from 'grammy/types';
import { maskUrlSecrets } from '../src/logger.js';
import type { BotContext, BotDeps } from './context.js';
import { admin, ADMIN_COMMANDS } from './features/admin.js';
import { connect } from './features/connect.js';
import { events } from './features/events.js';
import { guard } from './features/guard.js';
import { help } from './features/help.js';
import { lang } from './features/lang.js';
import { notifications } from './features/notifications.js';
import { quickReplies } from './features/quickReplies.js';
import { chatMembership } from './features/chatMembership.js';
import { replies } from './features/replies.js';
import { start } from './features/start.js';
import { teamInbox } from './features/teamInbox.js';
import { unknown } from './features/unknown.js';
import { webView } from './features/webView.js';
import { replayConfirm } from './features/replayConfirm.js';
import { prompts } from './prompts.js';
import { logUpdates } from './updateLog.js';
import { HTML, languageFor } from './shared.js';

export type { BotContext, BotDeps } from './context.js';

/**
 * The bot: who is writing and in which language, then the core commands, then the integrations'
 * features in the order given (each integration module contributes its own).
 */
export function createBot(deps: BotDeps, integrationFeatures: readonly Composer<BotContext>[]): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.config.telegram.token, { client: { apiRoot: deps.config.telegram.apiRoot } });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));

  // First of all: the runner (and Telegram's webhook) hand us updates concurrently, but a chat's
  // messages depend on each other (a command, then the answers to its questions), so each chat's
  // and each user's updates run one after another; different chats still run side by side.
  bot.use(sequentialize(updateOrderKeys));

  // Every handler runs inside an error boundary, so errors are logged and answered the same way in
  // every mode (long polling, the runner, and webhookCallback, which does not use bot.catch).
  const onError = (error: BotError<BotContext>) => handleError(deps, error);
  const root = bot.errorBoundary(onError);

  root.use(logUpdates(deps.log));

  // (a) who is writing
  root.use(async (ctx, next) => {
    ctx.deps = deps;
    const fromId = ctx.from?.id;
    ctx.isAdmin = fromId !== undefined && deps.config.adminIds.includes(fromId);
    ctx.user = fromId !== undefined ? await deps.users.findByTelegramId(fromId) : undefined;
    if (ctx.user?.blockedAt && fromId !== undefined) {
      await deps.users.clearBlocked(fromId);
      ctx.user = { ...ctx.user, blockedAt: null };
    }
    await next();
  });

  // (b) in which language: the user's stored choice, else their Telegram client's language
  root.use(deps.i18n.middleware());
  root.use(async (ctx, next) => {
    ctx.i18n.useLocale(languageFor(ctx.user, ctx.from?.language_code));
    await next();
  });

  // (c) features; the guard stops other commands of unregistered or deactivated users
  root.use(start, help, lang);
  root.use(guard);
  // Answers to the bot's questions come before the features, so a secret is never taken for chat.
  root.use(prompts);
  root.use(admin);
  root.use(events, replayConfirm, webView);
  root.use(...integrationFeatures);
  // The messengers' shared commands: /connect and /disconnect, and replies to relayed messages.
  root.use(connect, quickReplies, chatMembership, replies, teamInbox, notifications);
  // Keep last: features added later go above this line.
  root.use(unknown);

  // (d) errors: the boundary above handles them; bot.catch is the last resort for polling/runner.
  bot.catch(onError);
  return bot;
}

/** The queues an update must wait in: its chat's and its sender's (a user's button presses in any chat). */
function updateOrderKeys(ctx: Context): string[] {
  const keys: string[] = [];
  if (ctx.chat) keys.push(`chat:${ctx.chat.id}`);
  if (ctx.from) keys.push(`user:${ctx.from.id}`);
  return keys;
}

/** What is safe to log about an error: no bot token, no personal URL secrets. */
function describeError(error: unknown, token: string): Record<string, unknown> {
  const clean = (text: string | undefined) => (text === undefined ? undefined : maskUrlSecrets(text.split(token).join('<redacted>')));
  if (error instanceof GrammyError) {
    return { name: error.name, method: error.method, code: error.error_code, description: clean(error.description) };
  }
  if (error instanceof HttpError) {
    // The wrapped network error may quote the request URL, which carries the token.
    const cause = error.error instanceof Error ? error.error : undefined;
    return { name: error.name, message: clean(error.message), cause: cause && { name: cause.name, message: clean(cause.message) } };
  }
  if (error instanceof Error) return { name: error.name, message: clean(error.message), stack: clean(error.stack) };
  return { message: clean(String(error)) };
}

async function handleError(deps: BotDeps, { error, ctx }: BotError<BotContext>): Promise<void> {
  deps.log.error(
    { err: describeError(error, deps.config.telegram.token), updateId: ctx.update.update_id, userId: ctx.from?.id },
    'bot update failed',
  );
  const language = languageFor(ctx.user, ctx.from?.language_code);
  try {
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: deps.i18n.t(language, 'callback-error'), show_alert: true });
    } else if (ctx.chat) {
      await ctx.reply(deps.i18n.t(language, 'error-generic'), HTML);
    }
  } catch (replyError) {
    deps.log.warn({ err: describeError(replyError, deps.config.telegram.token) }, 'could not tell the user about the error');
  }
}

const USER_COMMANDS = ['start', 'url', 'template', 'settings', 'keys', 'orders', 'positions', 'balance', 'pnl', 'summary', 'events', 'web', 'fal', 'scrape', 'scrapenew', 'cancel', 'watch', 'watches', 'apikey', 'lang', 'help', 'connect', 'disconnect', 'route', 'answerers', 'q', 'notify', 'quiet', 'whatsapp', 'avito'] as const;

function commandList(i18n: I18n, language: string, names: readonly string[]): BotCommand[] {
  return names.map((command) => ({ command, description: i18n.t(language, `cmd-${command}`) }));
}

/**
 * Publishes the command menu: English by default, Arabic and Russian for clients in those
 * languages, and for each admin's own chat the same lists plus the admin commands.
 */
export async function registerCommands(api: Api, i18n: I18n, adminIds: number[]): Promise<void> {
  const variants = [
    { language: 'en', languageCode: undefined },
    { language: 'ar', languageCode: 'ar' },
    { language: 'ru', languageCode: 'ru' },
  ] as const;
  for (const { language, languageCode } of variants) {
    await api.setMyCommands(commandList(i18n, language, USER_COMMANDS), {
      scope: { type: 'default' },
      ...(languageCode ? { language_code: languageCode } : {}),
    });
  }
  for (const chatId of adminIds) {
    for (const { language, languageCode } of variants) {
      await api.setMyCommands(commandList(i18n, language, [...USER_COMMANDS, ...ADMIN_COMMANDS]), {
        scope: { type: 'chat', chat_id: chatId },
        ...(languageCode ? { language_code: languageCode } : {}),
      });
    }
  }
}
