import { Composer } from 'grammy';
import type { BotContext } from './context.js';
import { HTML, isCommand } from './shared.js';

/**
 * Questions the bot asks and answers it waits for (an API key, then its secret...). A feature
 * defines what to do with the answer to a kind of question, then asks with `ask()`; the next
 * plain text message of that user is handed to it. A command abandons the question; `/cancel`
 * says so. Questions live in the database (see PromptRepository), so a restart in between loses
 * nothing.
 */
export type PromptAnswer = (ctx: BotContext & { message: { text: string } }, state: Record<string, unknown>) => Promise<void>;

const answers = new Map<string, PromptAnswer>();

/** Registers the handler for the answers to one kind of question; kinds are `feature:step`. */
export function onAnswer(kind: string, answer: PromptAnswer): void {
  if (answers.has(kind)) throw new Error(`prompt kind "${kind}" is defined twice`);
  answers.set(kind, answer);
}

/** Remembers that the user's next message answers `kind`; ask the question in the same handler. */
export async function ask(ctx: BotContext, kind: string, state: Record<string, unknown> = {}, ttlSeconds = 600): Promise<void> {
  if (!answers.has(kind)) throw new Error(`no answer handler for prompt kind "${kind}"`);
  if (!ctx.from) return;
  await ctx.deps.prompts.ask(ctx.from.id, kind, state, ttlSeconds);
}

export async function endPrompt(ctx: BotContext): Promise<void> {
  if (ctx.from) await ctx.deps.prompts.clear(ctx.from.id);
}

/** Placed before the features: routes answers, and lets commands abandon a question. */
export const prompts = new Composer<BotContext>();

prompts.chatType('private').on('message:text', async (ctx, next) => {
  const pending = await ctx.deps.prompts.pending(ctx.from.id);
  if (!pending) return next();
  if (isCommand(ctx)) {
    await ctx.deps.prompts.clear(ctx.from.id);
    if (/^\/cancel(@\w+)?\s*$/i.test(ctx.message.text)) {
      await ctx.reply(ctx.t('prompt-cancelled'), HTML);
      return;
    }
    return next();
  }
  const answer = answers.get(pending.kind);
  // A kind from an older version that no longer exists: forget it, treat the text as ordinary.
  if (!answer) {
    await ctx.deps.prompts.clear(ctx.from.id);
    return next();
  }
  await answer(ctx as BotContext & { message: { text: string } }, pending.state);
});
