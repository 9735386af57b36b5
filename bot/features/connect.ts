import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { HTML } from '../shared.js';
import { disconnectAvito, startAvitoConnect } from './avito.js';
import { disconnectWhatsApp, startWhatsAppConnect } from './whatsapp.js';

/** Issue #5: `/connect <service>` and `/disconnect <service>` for the messengers. */
export const connect = new Composer<BotContext>();

const services = {
  whatsapp: { connect: startWhatsAppConnect, disconnect: disconnectWhatsApp },
  avito: { connect: startAvitoConnect, disconnect: disconnectAvito },
} as const;

function serviceOf(argument: string): keyof typeof services | undefined {
  const name = argument.trim().toLowerCase();
  return name === 'whatsapp' || name === 'avito' ? name : undefined;
}

connect.command('connect', async (ctx) => {
  const service = serviceOf(ctx.match);
  if (!service || !ctx.user) {
    await ctx.reply(ctx.t(ctx.user ? 'connect-usage' : 'need-start'), HTML);
    return;
  }
  await services[service].connect(ctx);
});

connect.command('disconnect', async (ctx) => {
  const service = serviceOf(ctx.match);
  if (!service || !ctx.user) {
    await ctx.reply(ctx.t(ctx.user ? 'disconnect-usage' : 'need-start'), HTML);
    return;
  }
  await services[service].disconnect(ctx);
});
