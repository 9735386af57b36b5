import { Composer, InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { User } from '../../models/schema.js';
import type { BotContext } from '../context.js';
import { displayName, editHtml, formatDate, HTML, parseTelegramId } from '../shared.js';

export const admin = new Composer<BotContext>();

export const ADMIN_COMMANDS = ['users', 'user', 'activate', 'deactivate', 'stats'] as const;
export const USERS_PAGE_SIZE = 10;

/** Callback data of the /users page buttons: `users:page:<n>`. */
export const usersPageData = (page: number): string => `users:page:${page}`;

admin.command([...ADMIN_COMMANDS], async (ctx, next) => {
  if (!ctx.isAdmin) {
    await ctx.reply(ctx.t('admins-only'), HTML);
    return;
  }
  return next();
});

function statusText(ctx: BotContext, user: User): string {
  return ctx.t(user.active ? 'status-active' : 'status-inactive');
}

async function usersPage(ctx: BotContext, requested: number): Promise<{ html: string; keyboard?: InlineKeyboardMarkup }> {
  const { users, page, pages, total } = await ctx.deps.users.list(requested, USERS_PAGE_SIZE);
  const row: InlineKeyboardButton[] = [];
  if (page > 1) row.push(InlineKeyboard.text(ctx.t('btn-prev'), usersPageData(page - 1)));
  if (page < pages) row.push(InlineKeyboard.text(ctx.t('btn-next'), usersPageData(page + 1)));
  // No empty keyboard: a single page has no buttons at all.
  const keyboard = row.length > 0 ? { inline_keyboard: [row] } : undefined;
  if (total === 0) return { html: ctx.t('users-empty'), keyboard };
  const lines = users.map((user) =>
    ctx.t('users-line', {
      id: String(user.telegramId),
      name: displayName(user),
      language: user.language,
      status: statusText(ctx, user),
      blocked: user.blockedAt ? ` ${ctx.t('status-blocked')}` : '',
    }),
  );
  const title = ctx.t('users-title', { total: String(total), page: String(page), pages: String(pages) });
  return { html: [title, '', ...lines].join('\n'), keyboard };
}

admin.command('users', async (ctx) => {
  const { html, keyboard } = await usersPage(ctx, 1);
  await ctx.reply(html, { ...HTML, ...(keyboard ? { reply_markup: keyboard } : {}) });
});

admin.callbackQuery(/^users:page:(\d{1,9})$/, async (ctx) => {
  if (!ctx.isAdmin) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-admins-only'), show_alert: true });
    return;
  }
  const { html, keyboard } = await usersPage(ctx, Number(ctx.match[1]));
  await editHtml(ctx, html, keyboard);
  await ctx.answerCallbackQuery();
});

/** The user named by the command's argument; replies with usage or "unknown user" otherwise. */
async function targetUser(ctx: BotContext & { match: string }, usageKey: string): Promise<User | undefined> {
  const telegramId = parseTelegramId(ctx.match);
  if (telegramId === undefined) {
    await ctx.reply(ctx.t(usageKey), HTML);
    return undefined;
  }
  const user = await ctx.deps.users.findByTelegramId(telegramId);
  if (!user) await ctx.reply(ctx.t('user-not-found', { id: String(telegramId) }), HTML);
  return user;
}

admin.command('user', async (ctx) => {
  const user = await targetUser(ctx, 'user-usage');
  if (!user) return;
  const html = ctx.t('user-details', {
    name: displayName(user),
    id: String(user.telegramId),
    registered: formatDate(user.createdAt),
    language: user.language,
    status: statusText(ctx, user),
    blocked: user.blockedAt ? ctx.t('user-blocked-yes', { date: formatDate(user.blockedAt) }) : ctx.t('user-blocked-no'),
  });
  await ctx.reply(html, HTML);
});

async function setActive(ctx: BotContext & { match: string }, active: boolean): Promise<void> {
  const user = await targetUser(ctx, active ? 'activate-usage' : 'deactivate-usage');
  if (!user) return;
  const vars = { name: displayName(user), id: String(user.telegramId) };
  if (user.active === active) {
    await ctx.reply(ctx.t(active ? 'activate-already' : 'deactivate-already', vars), HTML);
    return;
  }
  const updated = await ctx.deps.users.setActive(user.telegramId, active);
  if (!updated) {
    await ctx.reply(ctx.t('user-not-found', { id: vars.id }), HTML);
    return;
  }
  await ctx.deps.notify([
    {
      chatId: updated.telegramId,
      html: ctx.deps.i18n.t(updated.language, active ? 'account-activated-notice' : 'account-deactivated-notice'),
    },
  ]);
  await ctx.reply(ctx.t(active ? 'activate-done' : 'deactivate-done', vars), HTML);
}

admin.command('activate', (ctx) => setActive(ctx, true));
admin.command('deactivate', (ctx) => setActive(ctx, false));

admin.command('stats', async (ctx) => {
  const stats = await ctx.deps.systemStats();
  const line = (name: string, count: number) => ctx.t('stats-line', { name, count: String(count) });
  const lines = [
    ctx.t('stats-title'),
    '',
    ctx.t('stats-users', {
      total: String(stats.users.total),
      active: String(stats.users.active),
      inactive: String(stats.users.inactive),
      blocked: String(stats.users.blocked),
    }),
    '',
    ...(stats.eventsToday.length === 0
      ? [ctx.t('stats-events-none')]
      : [ctx.t('stats-events-title'), ...stats.eventsToday.map((row) => line(`${row.provider} · ${row.status}`, row.count))]),
    '',
    ctx.t('stats-queues-title'),
    ...stats.queues.map((queue) => ctx.t('stats-queue-line', { name: queue.queue, count: String(queue.depth), seconds: String(Math.round(queue.oldestSeconds)) })),
    '',
    ctx.t('stats-failures-title'),
    ...stats.failuresLastHour.map((failure) => line(failure.what, failure.count)),
  ];
  await ctx.reply(lines.join('\n'), HTML);
});
