import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.js';
import { HTML } from '../shared.js';
import { disconnectAvito, startAvitoConnect } from './avito.js';
import { disconnectWhatsApp, startWhatsAppConnect } from './whatsapp.js';

/** `/connect <service>` and `/disconnect <service>` for the messengers. */
export const connect = new Composer<BotContext>();

const services = {
  whatsapp: { connect: startWhatsAppConnect, disconnect: disconnectWhatsApp },
  avito: { connect: startAvitoConnect, disconnect: disconnectAvito },
} as const;

function serviceOf(argument: string): keyof typeof services | undefined {
  const name = argument.trim().toLowerCase();
  return name === 'whatsapp' || name === 'avito' ? name : undefined;
}

/** Callback data of the buttons under a bare /connect. */
export const CONNECT_WHATSAPP = 'connect:whatsapp';
export const CONNECT_AVITO = 'connect:avito';

connect.command('connect', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const service = serviceOf(ctx.match);
  if (!service) {
    const keyboard = new InlineKeyboard().text(ctx.t('btn-connect-whatsapp'), CONNECT_WHATSAPP).text(ctx.t('btn-connect-avito'), CONNECT_AVITO);
    await ctx.reply(ctx.t('connect-usage'), { ...HTML, reply_markup: keyboard });
    return;
  }
  await services[service].connect(ctx);
});

connect.callbackQuery([CONNECT_WHATSAPP, CONNECT_AVITO], async (ctx) => {
  if (!ctx.user || (!ctx.user.active && !ctx.isAdmin)) {
    await ctx.answerCallbackQuery({ text: ctx.t(ctx.user ? 'callback-inactive' : 'callback-need-start'), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await services[ctx.callbackQuery.data === CONNECT_WHATSAPP ? 'whatsapp' : 'avito'].connect(ctx);
});

connect.command('disconnect', async (ctx) => {
  const service = serviceOf(ctx.match);
  if (!service || !ctx.user) {
    await ctx.reply(ctx.t(ctx.user ? 'disconnect-usage' : 'need-start'), HTML);
    return;
  }
  await services[service].disconnect(ctx);
});
