import type { I18n, I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { ApiKeyRepository } from '../models/apiKeys.js';
import type { EndpointRepository } from '../models/endpoints.js';
import type { PromptRepository } from '../models/prompts.js';
import type { User } from '../models/schema.js';
import type { UserRepository } from '../models/users.js';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import type { AvitoService } from '../src/services/avito/avitoService.js';
import type { RelayedEvent } from '../src/services/relay/relayedEvents.js';
import type { SecretBox } from '../src/services/secrets/secretBox.js';
import type { WhatsAppService } from '../src/services/whatsapp/whatsappService.js';
import type { ScrapeJobs } from '../src/services/scraper/scrapeJobs.js';
import type { OutgoingMessage } from '../src/services/telegram/outbox.js';
import type { BybitKeyRepository, TradeSignalRepository, TradingSettingsRepository } from '../models/trading.js';
import type { TradingService } from '../src/services/trading/service.js';

/** What the bot's features may use; wired in src/app.ts. */
export interface BotDeps {
  config: Config;
  users: UserRepository;
  endpoints: EndpointRepository;
  /** Questions waiting for the user's answer (see bot/prompts.ts). */
  prompts: PromptRepository;
  i18n: I18n;
  log: Logger;
  /** Messages the bot sends on its own (not replies): durable, ordered, rate-limited. */
  notify(messages: OutgoingMessage[]): Promise<void>;
  /** Seals and opens secrets stored at rest (API keys, provider tokens). */
  secrets: SecretBox;
  /** Issue #5: WhatsApp (Green API) and Avito connections, and the event a relayed message came from. */
  whatsapp: WhatsAppService;
  avito: AvitoService;
  findRelayed(chatId: number, telegramMessageId: number): Promise<RelayedEvent | undefined>;
  /** Issue #3: trading settings, Bybit keys (checked with Bybit before saving) and signals. */
  trading: {
    service: Pick<TradingService, 'checkKey' | 'instrument'>;
    settings: TradingSettingsRepository;
    keys: BybitKeyRepository;
    signals: TradeSignalRepository;
  };
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
