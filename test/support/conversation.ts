import type { FakeTelegram, FakeUser, SentMessage } from './fakeTelegram.js';

/** Sends a message as the user and waits for the first bot message to them, sent after it, that matches. */
export async function say(
  telegram: FakeTelegram,
  user: FakeUser,
  text: string,
  predicate: (m: SentMessage) => boolean = () => true,
  options: { replyTo?: number; timeoutMs?: number } = {},
): Promise<SentMessage> {
  const asked = Date.now();
  telegram.sendUserMessage(user, text, options.replyTo !== undefined ? { replyTo: options.replyTo } : {});
  return telegram.waitForMessage(user.id, (m) => m.at >= asked && predicate(m), options.timeoutMs ?? 8000);
}

/** The text or caption a user sees in a bot message. */
export function shown(message: SentMessage): string {
  return message.plainText ?? message.text ?? message.caption ?? '';
}

/** Whether the user's chat still shows a message with exactly this text (false once deleted). */
export function chatShows(telegram: FakeTelegram, chatId: number, text: string): boolean {
  return telegram.chat(chatId).messages.some((m) => 'text' in m && m.text === text);
}

export { waitUntil } from './until.js';
