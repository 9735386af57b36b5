import type { RelayRouteRepository } from '../../../models/relayRoutes.js';
import type { Queryable, OutgoingMessage } from '../telegram/outbox.js';
import { deliveryFor } from './notificationPolicy.js';
import { QUICK_REPLY_OPEN, type QuickReplies } from './quickReplies.js';
import type { RelayNotifications } from './relayNotifications.js';

/** A customer conversation: who it is with, for the forum topic's name. */
export interface Conversation {
  provider: string;
  id: string;
  name: string;
}

/**
 * Puts a relayed message where its connection is routed: the owner's private chat, or the group
 * the owner chose, in the conversation's topic when that group is a forum; and delivers it as the
 * connection's notification settings say (loud, silent, kept while paused).
 */
export class RelayTargets {
  constructor(
    private readonly routes: RelayRouteRepository,
    private readonly notifications: RelayNotifications,
    private readonly quickReplies?: QuickReplies,
  ) {}

  /**
   * `client`: the event's transaction. `quickReplyLabel`: the text of the one button that opens
   * the connection's saved answers, put under the message's last part when there are any (a
   * connection without saved answers gets no button: relayed messages stay light).
   */
  async place(
    client: Queryable,
    userId: number,
    privateChatId: number,
    conversation: Conversation,
    messages: (chatId: number) => OutgoingMessage[],
    options: { quickReplyLabel?: string } = {},
  ): Promise<OutgoingMessage[]> {
    const [route, settings] = [await this.routes.findForRelay(client, userId, conversation.provider), await this.notifications.forDelivery(client, userId, conversation.provider)];
    const delivery = deliveryFor(settings, new Date());
    const how: Partial<OutgoingMessage> = delivery === 'held' ? { held: true } : delivery === 'silent' ? { silent: true } : {};
    const placed = messages(route?.chatId ?? privateChatId);
    const topic = route?.forum ? { topic: { userId, provider: conversation.provider, conversation: conversation.id, name: conversation.name } } : {};
    const button =
      options.quickReplyLabel !== undefined && this.quickReplies && (await this.quickReplies.any(client, userId, conversation.provider))
        ? { buttons: { inline_keyboard: [[{ text: options.quickReplyLabel, callback_data: QUICK_REPLY_OPEN }]] } }
        : {};
    return placed.map((message, index) => ({ ...message, ...topic, ...how, ...(index === placed.length - 1 ? button : {}) }));
  }
}
