import type { Message } from 'grammy/types';
import type { AvitoMessageEvent } from '../handlers/avito.js';
import type { WhatsAppEvent } from '../handlers/whatsapp.js';
import type { RelayRoute } from '../models/schema.js';
import { AvitoError } from '../src/services/avito/avitoApi.js';
import type { RelayedEvent } from '../src/services/relay/relayedEvents.js';
import { escapeHtml } from '../src/services/telegram/html.js';
import { GreenApiError } from '../src/services/whatsapp/greenApi.js';
import type { BotContext } from './context.js';

/** A customer conversation an answer goes to. */
export interface CustomerConversation {
  userId: number;
  provider: 'whatsapp' | 'avito';
  conversation: string;
  /** The WhatsApp message answered, quoted in the reply. */
  quoted?: string;
}

export const SERVICES: Record<string, { name: string; connect: string }> = {
  whatsapp: { name: 'WhatsApp', connect: '/connect whatsapp' },
  avito: { name: 'Avito', connect: '/connect avito' },
};

export const inGroup = (ctx: BotContext) => ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';

/** The conversation a relayed message belongs to. */
export function conversationOfRelayed(relayed: RelayedEvent): CustomerConversation | undefined {
  if (relayed.provider === 'whatsapp') {
    const event = relayed.payload as WhatsAppEvent;
    return event.kind === 'message' ? { userId: relayed.userId, provider: 'whatsapp', conversation: event.chatId, quoted: event.idMessage } : undefined;
  }
  if (relayed.provider === 'avito') return { userId: relayed.userId, provider: 'avito', conversation: (relayed.payload as AvitoMessageEvent).chatId };
  return undefined;
}

/** The customer conversation a group message answers: its topic, or the relayed message it replies to. */
export async function conversationOf(ctx: BotContext, message: Message): Promise<CustomerConversation | undefined> {
  const chatId = message.chat.id;
  if (message.is_topic_message && message.message_thread_id !== undefined) {
    const topic = await ctx.deps.forumTopics.atThread(chatId, message.message_thread_id);
    if (topic && (topic.provider === 'whatsapp' || topic.provider === 'avito')) return { userId: topic.userId, provider: topic.provider, conversation: topic.conversation };
  }
  const target = message.reply_to_message;
  if (!target || target.from?.id !== ctx.me.id) return undefined;
  const relayed = await ctx.deps.findRelayed(chatId, target.message_id);
  return relayed && conversationOfRelayed(relayed);
}

/** Whether a group member may answer the customers of a connection routed there. The owner always may. */
export function mayAnswer(route: Pick<RelayRoute, 'answerers'>, memberId: number, ownerTelegramId: number): boolean {
  return memberId === ownerTelegramId || route.answerers === null || route.answerers.includes(memberId);
}

/** Why a provider refused a reply, in the member's words; anything else is a bug and thrown. */
export function reasonOf(ctx: BotContext, error: unknown): string {
  if (error instanceof GreenApiError || error instanceof AvitoError) {
    if (error.failure === 'unauthorized') return ctx.t('reply-reason-unauthorized');
    if (error.failure === 'unreachable') return ctx.t('reply-reason-unreachable');
    return escapeHtml(error.message);
  }
  throw error;
}

export async function isConnected(ctx: BotContext, provider: string, userId: number): Promise<boolean> {
  return provider === 'whatsapp' ? Boolean(await ctx.deps.whatsapp.credentialsOf(userId)) : Boolean(await ctx.deps.avito.status(userId));
}

/** A member's name as signed under a team reply. */
export function memberName(from: { id: number; first_name: string; last_name?: string }): string {
  return escapeHtml([from.first_name, from.last_name].filter(Boolean).join(' ') || String(from.id));
}
