import { Composer } from 'grammy';
import { formatMinutes, parseQuietHours, validTimeZone, type NotificationMode } from '../../src/services/relay/notificationPolicy.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { HTML } from '../shared.js';

/**
 * How each messenger connection's messages arrive: `/notify whatsapp loud|silent|pause|resume`
 * and quiet hours, `/quiet whatsapp 22:00-08:00 Europe/Moscow` (silent in that part of the day).
 */
export const notifications = new Composer<BotContext>();

const SERVICES: Record<string, string> = { whatsapp: 'WhatsApp', avito: 'Avito' };
const MODES: Record<string, NotificationMode> = { loud: 'loud', silent: 'silent', pause: 'paused', resume: 'loud' };

async function statusOf(ctx: BotContext, userId: number): Promise<string> {
  const lines: string[] = [];
  for (const [provider, service] of Object.entries(SERVICES)) {
    const settings = await ctx.deps.relayNotifications.find(userId, provider);
    const mode = ctx.t(`notify-mode-${settings?.mode ?? 'loud'}`);
    const quiet =
      settings && settings.quietFrom !== null && settings.quietTo !== null
        ? ctx.t('notify-quiet', { hours: `${formatMinutes(settings.quietFrom)}–${formatMinutes(settings.quietTo)}`, zone: escapeHtml(settings.timeZone) })
        : ctx.t('notify-quiet-none');
    lines.push(ctx.t('notify-status', { service, mode, quiet }));
  }
  return lines.join('\n');
}

notifications.command('notify', async (ctx) => {
  if (!ctx.user) return;
  const [provider = '', option = ''] = ctx.match.trim().toLowerCase().split(/\s+/);
  const service = SERVICES[provider];
  const mode = MODES[option];
  if (!service || !mode) {
    await ctx.reply(`${ctx.t('notify-usage')}\n\n${await statusOf(ctx, ctx.user.id)}`, HTML);
    return;
  }
  const released = await ctx.deps.relayNotifications.setMode(ctx.user.id, provider, mode);
  ctx.deps.wakeOutbox?.();
  const set = ctx.t('notify-set', { service, mode: ctx.t(`notify-mode-${mode}`) });
  await ctx.reply(released > 0 ? `${set}\n${ctx.t('notify-resumed', { count: released })}` : set, HTML);
});

notifications.command('quiet', async (ctx) => {
  if (!ctx.user) return;
  const [provider = '', range = '', zone = 'UTC'] = ctx.match.trim().split(/\s+/);
  const service = SERVICES[provider.toLowerCase()];
  if (!service) {
    await ctx.reply(ctx.t('quiet-usage'), HTML);
    return;
  }
  if (range.toLowerCase() === 'off') {
    await ctx.deps.relayNotifications.setQuietHours(ctx.user.id, provider.toLowerCase(), null);
    await ctx.reply(ctx.t('quiet-off', { service }), HTML);
    return;
  }
  const hours = parseQuietHours(range);
  if (!hours) {
    await ctx.reply(ctx.t('quiet-usage'), HTML);
    return;
  }
  const timeZone = validTimeZone(zone);
  if (!timeZone) {
    await ctx.reply(ctx.t('quiet-bad-zone', { zone: escapeHtml(zone) }), HTML);
    return;
  }
  await ctx.deps.relayNotifications.setQuietHours(ctx.user.id, provider.toLowerCase(), { ...hours, timeZone });
  await ctx.reply(ctx.t('quiet-set', { service, hours: `${formatMinutes(hours.from)}–${formatMinutes(hours.to)}`, zone: escapeHtml(timeZone) }), HTML);
});
