import type { I18n, I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { ApiKeyRepository } from '../models/apiKeys.js';
import type { EndpointRepository } from '../models/endpoints.js';
import type { User } from '../models/schema.js';
import type { UserRepository } from '../models/users.js';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import type { ScrapeJobs } from '../src/services/scraper/scrapeJobs.js';
import type { OutgoingMessage } from '../src/services/telegram/outbox.js';

/** What the bot's features may use; wired in src/app.ts. */
export interface BotDeps {
  config: Config;
  users: UserRepository;
  endpoints: EndpointRepository;
  i18n: I18n;
  log: Logger;
  /** Messages the bot sends on its own (not replies): durable, ordered, rate-limited. */
  notify(messages: OutgoingMessage[]): Promise<void>;
  apiKeys: ApiKeyRepository;
  scrapes: ScrapeJobs;
}

export interface HookbotFlavor {
  /** The registered user behind this update, when there is one. */
  user: User | undefined;
  deps: BotDeps;
  isAdmin: boolean;
}

export type BotContext = Context & I18nFlavor & HookbotFlavor;
