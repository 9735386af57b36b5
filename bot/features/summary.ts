import { Composer } from 'grammy';
import { formatZone } from '../../src/services/trading/account/accountViews.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { HTML } from '../shared.js';

/**
 * The opt-in daily summary: `/summary 21` (every day at 21:00 in the user's time zone),
 * `/summary 21 Europe/Moscow`, `/summary zone Asia/Dubai` (the zone alone, which /pnl uses too),
 * `/summary off`. A worker sends it (src/services/trading/account/dailySummaries.ts).
 */
export const summary = new Composer<BotContext>();

const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

async function zoneFrom(ctx: BotContext, text: string): Promise<string | undefined> {
  const zone = await ctx.deps.trading.reports.zoneName(text);
  if (zone) return zone;
  await ctx.reply(ctx.t('summary-bad-zone', { zone: escapeHtml(text.slice(0, 60)) }), HTML);
  return undefined;
}

summary.command('summary', async (ctx) => {
  const user = ctx.user;
  if (!user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const reports = ctx.deps.trading.reports;
  const [first = '', second] = ctx.match.trim().split(/\s+/);
  if (/^(off|нет|выкл|إيقاف)$/i.test(first)) {
    await reports.setSummary(user.id, { hour: null });
    await ctx.reply(ctx.t('summary-off'), HTML);
    return;
  }
  if (/^(zone|tz)$/i.test(first) && second) {
    const timeZone = await zoneFrom(ctx, second);
    if (!timeZone) return;
    await reports.setSummary(user.id, { timeZone });
    await ctx.reply(ctx.t('summary-zone-set', { zone: escapeHtml(timeZone) }), HTML);
    return;
  }
  const hour = /^([01]?\d|2[0-3])(:00)?$/.exec(first);
  if (!hour) {
    const current = await reports.summarySetting(user.id);
    const status =
      current.hour === null
        ? ctx.t('summary-status-off', { zone: escapeHtml(current.zone.timeZone) })
        : ctx.t('summary-status-on', { hour: hourText(current.hour), zone: escapeHtml(current.zone.timeZone) });
    await ctx.reply(`${ctx.t('summary-usage')}\n\n${status}\n${formatZone(current.zone, ctx.t)}`, HTML);
    return;
  }
  let timeZone: string | undefined;
  if (second) {
    timeZone = await zoneFrom(ctx, second);
    if (!timeZone) return;
  }
  await reports.setSummary(user.id, { hour: Number(hour[1]), ...(timeZone ? { timeZone } : {}) });
  const zone = (await reports.timeZoneOf(user.id)).timeZone;
  await ctx.reply(ctx.t('summary-set', { hour: hourText(Number(hour[1])), zone: escapeHtml(zone) }), HTML);
});
