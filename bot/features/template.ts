import { Composer } from 'grammy';
import type { TradingViewAlert } from '../../handlers/tradingview.js';
import { parseTemplate, renderTemplate, TEMPLATE_MAX_LENGTH } from '../../handlers/messageTemplate.js';
import { alertTemplateValues } from '../../src/services/alerts/formatAlert.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { HTML } from '../shared.js';

/**
 * /template: how alerts relayed from the TradingView URL read. `/template <text>` checks and saves
 * one, `/template off` goes back to the default layout, `/template` shows the current one. Each
 * answer previews the template on the last alert the URL received.
 */
export const template = new Composer<BotContext>();

/** Shown in the usage; the same placeholders as TradingView's own, so it reads familiar. */
const TEMPLATE_EXAMPLE = '/template {{action}} {{symbol}} at {{price}} ({{note}})';

const OFF = /^(off|default|reset)$/i;

template.command('template', async (ctx) => {
  if (!ctx.user) return;
  const user = ctx.user;
  const argument = ctx.match.trim();
  const endpoint = await ctx.deps.endpoints.getOrCreate(user.id, 'tradingview');
  let current = endpoint.template;
  let head: string;
  if (argument === '') {
    head = current === null ? ctx.t('template-default') : ctx.t('template-current', { template: escapeHtml(current) });
    head = `${head}\n\n${ctx.t('template-usage', {
      max: String(TEMPLATE_MAX_LENGTH),
      example: escapeHtml(TEMPLATE_EXAMPLE),
      fields: ['action', 'symbol', 'price', 'id', 'text'].map((field) => `<code>{{${field}}}</code>`).join(', '),
    })}`;
  } else if (OFF.test(argument)) {
    await ctx.deps.endpoints.setTemplate(user.id, 'tradingview', null);
    current = null;
    head = ctx.t('template-reset');
  } else {
    const parsed = parseTemplate(argument);
    if (!parsed.ok) {
      await ctx.reply(ctx.t('template-invalid', { error: escapeHtml(parsed.error) }), HTML);
      return;
    }
    await ctx.deps.endpoints.setTemplate(user.id, 'tradingview', argument);
    current = argument;
    head = ctx.t('template-saved');
  }
  const parsed = current === null ? undefined : parseTemplate(current);
  if (!parsed?.ok) {
    await ctx.reply(head, HTML);
    return;
  }
  const last = await ctx.deps.events.log.latest(user.id, 'tradingview');
  const preview = last
    ? ctx.t('template-preview', { id: String(last.id) }) + '\n' + renderTemplate(parsed.parts, alertTemplateValues(last.payload as unknown as TradingViewAlert))
    : ctx.t('template-no-alert');
  await ctx.reply(`${head}\n\n${preview}`, HTML);
});
