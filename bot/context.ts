import type { I18n, I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { ApiKeyRepository } from '../models/apiKeys.js';
import type { EndpointRepository } from '../models/endpoints.js';
import type { PromptRepository } from '../models/prompts.js';
import type { ForumTopicRepository, RelayRouteRepository } from '../models/relayRoutes.js';
import type { User } from '../models/schema.js';
import type { UserRepository } from '../models/users.js';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import type { AvitoService } from '../src/services/avito/avitoService.js';
import type { RelayedEvent } from '../src/services/relay/relayedEvents.js';
import type { LostGroups } from '../src/services/relay/lostGroups.js';
import type { QuickReplies } from '../src/services/relay/quickReplies.js';
import type { RelayNotifications } from '../src/services/relay/relayNotifications.js';
import type { SecretBox } from '../src/services/secrets/secretBox.js';
import type { WhatsAppService } from '../src/services/whatsapp/whatsappService.js';
import type { ScrapeJobs } from '../src/services/scraper/scrapeJobs.js';
import type { Watches } from '../src/services/watches/watches.js';
import type { EventLog } from '../src/services/events/eventLog.js';
import type { ReplayConfirm } from '../src/services/events/replayConfirm.js';
import type { Replays } from '../src/services/events/replays.js';
import type { SystemStats } from '../src/services/metrics/systemStats.js';
import type { OutgoingMessage } from '../src/services/telegram/outbox.js';
import type { BybitKeyRepository, TradeSignalRepository, TradingSettingsRepository } from '../models/trading.js';
import type { TradingService } from '../src/services/trading/service.js';
import type { CardActions } from '../src/services/trading/cards/cardActions.js';
import type { AccountReports } from '../src/services/trading/account/accountReports.js';
import type { PositionCloser } from '../src/services/trading/account/positionClose.js';

/** What the bot's core features use; wired in src/app.ts. */
export interface CoreBotDeps {
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
  /** The event a relayed message came from, so a reply can go back to its sender. */
  findRelayed(chatId: number, telegramMessageId: number): Promise<RelayedEvent | undefined>;
  /** Which group each messenger connection is routed to, and who there may answer. */
  relayRoutes: RelayRouteRepository;
  /** The forum topic of each customer conversation in a routed group. */
  forumTopics: ForumTopicRepository;
  /** Loud, silent or paused, and quiet hours, per messenger connection. */
  relayNotifications: RelayNotifications;
  /** Each connection's saved answers, and the tokens that make a quick-reply press send once. */
  quickReplies: QuickReplies;
  /** Brings a group's connections back to their owners' private chats when the bot is removed. */
  lostGroups: Pick<LostGroups, 'lost'>;
  /** Wakes this process's Telegram outbox after messages were released (a no-op without one). */
  wakeOutbox?(): void;
  /** What admins see with /stats, read from the shared database. */
  systemStats(): Promise<SystemStats>;
  /** /events: what reached the user's URLs, and replays of it. */
  events: { log: EventLog; replays: Replays; confirm: ReplayConfirm };
}

/** What the integration modules (src/modules) give their bot features. */
export interface IntegrationBotDeps {
  /** WhatsApp (Green API) and Avito connections. */
  whatsapp: WhatsAppService;
  avito: AvitoService;
  /** Trading settings, Bybit keys (checked with Bybit before saving) and signals. */
  trading: {
    service: Pick<TradingService, 'checkKey' | 'instrument' | 'decideConfirmation'>;
    settings: TradingSettingsRepository;
    keys: BybitKeyRepository;
    signals: TradeSignalRepository;
    /** The buttons of the live trade cards. */
    cards: Pick<CardActions, 'press'>;
    /** /positions, /balance, /pnl and the daily summary's settings. */
    reports: AccountReports;
    /** The Close buttons of /positions. */
    closer: Pick<PositionCloser, 'close'>;
  };
  apiKeys: ApiKeyRepository;
  scrapes: ScrapeJobs;
  /** Saved searches run again on a schedule (/watch, /watches). */
  watches: Watches;
}

/** Every key of IntegrationBotDeps, so start-up can say which one no module provides. */
export const integrationBotDeps = ['whatsapp', 'avito', 'trading', 'apiKeys', 'scrapes', 'watches'] as const satisfies ReadonlyArray<keyof IntegrationBotDeps>;

export type BotDeps = CoreBotDeps & IntegrationBotDeps;

export interface HookbotFlavor {
  /** The registered user behind this update, when there is one. */
  user: User | undefined;
  deps: BotDeps;
  isAdmin: boolean;
}

export type BotContext = Context & I18nFlavor & HookbotFlavor;
