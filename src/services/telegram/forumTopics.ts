import { GrammyError, type Api } from 'grammy';
import type { ForumTopicRepository, TopicKey } from '../../../models/relayRoutes.js';

type GrammySignal = Parameters<Api['raw']['getMe']>[0];

/** A message's place in a forum group: the topic of one customer conversation, named for people. */
export interface OutboxTopic {
  userId: number;
  provider: string;
  conversation: string;
  /** What the topic is called; shortened to Telegram's 128 characters. */
  name: string;
}

/** Telegram's longest topic name. */
export const TOPIC_NAME_LIMIT = 128;

export function topicName(name: string): string {
  const flat = name.replace(/\s+/g, ' ').trim() || '…';
  return [...flat].length <= TOPIC_NAME_LIMIT ? flat : `${[...flat].slice(0, TOPIC_NAME_LIMIT - 1).join('')}…`;
}

/**
 * Telegram's answers when a topic was deleted: sending into it gives "message thread not found",
 * editing it TOPIC_ID_INVALID (or TOPIC_DELETED).
 */
export function isTopicGone(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /message thread not found|TOPIC_DELETED|TOPIC_ID_INVALID/i.test(error.description);
}

/**
 * The thread a message for a conversation goes to: its topic, created on first use with
 * createForumTopic, renamed (editForumTopic) when the conversation's name changed. Called by the
 * outbox, which sends one message per chat at a time, so one conversation never gets two topics.
 */
export class ForumTopics {
  constructor(
    private readonly topics: ForumTopicRepository,
    private readonly api: Api,
  ) {}

  async threadFor(chatId: number, topic: OutboxTopic, signal: GrammySignal): Promise<number> {
    const key: TopicKey = { chatId, userId: topic.userId, provider: topic.provider, conversation: topic.conversation };
    const name = topicName(topic.name);
    const known = await this.topics.find(key);
    if (!known) return this.create(key, name, signal);
    if (known.name !== name) {
      try {
        await this.api.raw.editForumTopic({ chat_id: chatId, message_thread_id: known.threadId, name }, signal);
      } catch (error) {
        if (isTopicGone(error)) {
          await this.topics.forget(chatId, known.threadId);
          return this.create(key, name, signal);
        }
        if (!(error instanceof GrammyError && /TOPIC_NOT_MODIFIED/i.test(error.description))) throw error;
      }
      await this.topics.rename(key, name);
    }
    return known.threadId;
  }

  /** The topic was deleted in Telegram: the conversation's next message opens a new one. */
  async forget(chatId: number, threadId: number): Promise<void> {
    await this.topics.forget(chatId, threadId);
  }

  private async create(key: TopicKey, name: string, signal: GrammySignal): Promise<number> {
    const created = await this.api.raw.createForumTopic({ chat_id: key.chatId, name }, signal);
    await this.topics.save(key, created.message_thread_id, name);
    return created.message_thread_id;
  }
}
