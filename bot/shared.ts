import { GrammyError } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { User } from '../models/schema.js';
import { pickLanguage, supportedLanguages, type Language } from '../src/i18n.js';
import { escapeHtml } from '../src/services/telegram/html.js';
import type { BotContext } from './context.js';

/** Options for every HTML reply the bot sends. */
export const HTML = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/** The TradingView message template shown in /url and /help (escaped before use). */
export const TRADINGVIEW_EXAMPLE = '{"symbol":"{{ticker}}","action":"{{strategy.order.action}}","price":{{close}}}';

export function isLanguage(value: string | undefined): value is Language {
  return (supportedLanguages as readonly string[]).includes(value ?? '');
}

/** The stored choice of a registered user, else what Telegram tells us about the client. */
export function languageFor(user: User | undefined, languageCode: string | undefined): Language {
  if (user && isLanguage(user.language)) return user.language;
  return pickLanguage(languageCode);
}

/** `@username`, else the first name, else the id; always HTML-escaped. */
export function displayName(user: Pick<User, 'username' | 'firstName' | 'telegramId'>): string {
  if (user.username) return escapeHtml(`@${user.username}`);
  if (user.firstName) return escapeHtml(user.firstName);
  return String(user.telegramId);
}

/** `2026-01-22 13:53 UTC`: unambiguous in every language. */
export function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A Telegram user id given as a command argument, or undefined when it is not one. */
export function parseTelegramId(argument: string): number | undefined {
  const text = argument.trim();
  if (!/^\d{1,16}$/.test(text)) return undefined;
  const id = Number(text);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /message is not modified/i.test(error.description);
}

/**
 * Edits the message a button belongs to. Pressing the same button twice asks Telegram for an
 * edit that changes nothing, which it refuses; that is not an error for the user.
 */
export async function editHtml(ctx: BotContext, html: string, keyboard?: InlineKeyboardMarkup): Promise<void> {
  try {
    await ctx.editMessageText(html, { ...HTML, reply_markup: keyboard ?? { inline_keyboard: [] } });
  } catch (error) {
    if (!isNotModified(error)) throw error;
  }
}

/**
 * The registered, active user pressing a button; or undefined, the press answered with why not.
 * (Buttons check for themselves: the guard only sees commands.)
 */
export async function buttonUser(ctx: BotContext): Promise<User | undefined> {
  if (!ctx.user) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-need-start'), show_alert: true });
    return undefined;
  }
  if (!ctx.user.active) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-inactive'), show_alert: true });
    return undefined;
  }
  return ctx.user;
}

/** True when the update is a message that starts with a command for this bot (`/name` or `/name@thisbot`). */
export function isCommand(ctx: BotContext): boolean {
  const entity = ctx.message?.entities?.[0];
  if (entity?.type !== 'bot_command' || entity.offset !== 0) return false;
  const [, addressee] = (ctx.message?.text ?? '').slice(0, entity.length).split('@');
  return addressee === undefined || addressee.toLowerCase() === ctx.me.username.toLowerCase();
}
