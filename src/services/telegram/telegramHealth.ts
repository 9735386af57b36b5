import type { Api } from 'grammy';
import { maskUrlSecrets } from '../../logger.js';

/**
 * Whether the bot's last call to Telegram got an answer. The bot's own client (getUpdates,
 * replies, setWebhook) goes through it, so a Telegram that stops answering shows in /ready of
 * the bot-role process within one long poll.
 */
export class TelegramHealth {
  private problem: string | undefined = 'not connected to Telegram yet';

  /** Records, from now on, the outcome of every call made through `api`. */
  constructor(api: Api) {
    api.config.use(async (previous, method, payload, signal) => {
      try {
        const result = await previous(method, payload, signal);
        // A refused token or a failing Telegram is a problem; a refused message (400, 403, 429) is not.
        const refused = !result.ok && (result.error_code === 401 || result.error_code === 404 || result.error_code >= 500);
        this.problem = refused ? `${method}: ${result.error_code} ${result.description}` : undefined;
        return result;
      } catch (error) {
        this.problem = maskUrlSecrets(`${method}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    });
  }

  /** Undefined when Telegram answers; otherwise what went wrong last. */
  failure(): string | undefined {
    return this.problem;
  }
}
