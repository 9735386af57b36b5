import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { missingRights } from './teamInbox.js';

/**
 * Telegram tells the bot at once (my_chat_member) when a group removes it or takes away the
 * rights a team inbox needs: the connections routed there come back to their owners' private
 * chats now, instead of on the next message's 403.
 */
export const chatMembership = new Composer<BotContext>();

chatMembership.on('my_chat_member', async (ctx) => {
  const { chat, new_chat_member: member } = ctx.myChatMember;
  if (chat.type !== 'group' && chat.type !== 'supergroup') return;
  if (member.status === 'left' || member.status === 'kicked') {
    await ctx.deps.lostGroups.lost(chat.id, 'removed');
    return;
  }
  const forum = 'is_forum' in chat && chat.is_forum === true;
  if (missingRights(member, forum).length > 0) await ctx.deps.lostGroups.lost(chat.id, 'demoted');
});
