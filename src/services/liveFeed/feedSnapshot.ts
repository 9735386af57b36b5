import type { I18n } from '@grammyjs/i18n';
import type pg from 'pg';
import { describeEvent, describeResult, entryBlock, providerName } from '../events/eventWording.js';
import type { TradingViewAlert } from '../../../handlers/tradingview.js';
import type { EventLog, LogEntry } from '../events/eventLog.js';
import { escapeHtml } from '../telegram/html.js';
import { reasonVariables } from '../trading/messages.js';
import type { Outcome } from '../trading/placeSignal.js';

/** What the web view shows, one row each; `key` is stable across updates of the same thing. */
export type FeedItem =
  | {
      type: 'entry';
      key: string;
      kind: 'event' | 'refused';
      id: number;
      provider: string;
      providerName: string;
      at: string;
      what: string;
      result: string;
      /** Nothing about it will change any more (an event acted on, its trade done; every refusal). */
      final: boolean;
      /** A WhatsApp or Avito message: the page rings for a new one. */
      message: boolean;
    }
  | { type: 'order'; key: string; id: number; at: string; action: string; symbol: string; status: string; result: string; replay: string | null }
  | {
      type: 'scrape';
      key: string;
      id: string;
      query: string;
      status: string;
      statusText: string;
      results: number;
      maxResults: number;
      createdAt: string;
      finishedAt: string | null;
      error: string | null;
    };

/** How many of each the page holds: the latest, like /events and /orders. */
export const FEED_DEPTH = { entries: 40, orders: 20, scrapes: 20 } as const;

/** The bot's texts are Telegram HTML; the page sets text, never markup. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

interface ScrapeRow {
  id: string;
  query: string;
  status: string;
  result_count: number;
  max_results: number;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

interface SignalRow {
  id: string;
  event_id: string;
  status: string;
  alert: TradingViewAlert;
  outcome: Outcome | null;
  replay_of: string | null;
  created_at: Date;
}

/** The parts of a page, each read on its own when only it changed. */
export type FeedPart = 'entries' | 'orders' | 'scrapes';
export const FEED_PARTS: readonly FeedPart[] = ['entries', 'orders', 'scrapes'];

/** Which rows of the entries part changed: events and refused requests, by id. */
export interface ChangedEntries {
  events: number[];
  refused: number[];
}

export type EntryItem = Extract<FeedItem, { type: 'entry' }>;

/** The order /events shows entries in: newest first, an event before a refusal at the same time. */
export function entryOrder(a: EntryItem, b: EntryItem): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.kind !== b.kind) return a.kind === 'event' ? -1 : 1;
  return b.id - a.id;
}

/**
 * Reads what one user's page shows (latest events and refused requests, trade signals, scrapes),
 * part by part, and renders it in the user's language with the bot's own wording.
 */
export class FeedSnapshots {
  constructor(
    private readonly pool: pg.Pool,
    private readonly log: EventLog,
    private readonly i18n: I18n,
  ) {}

  async language(userId: number): Promise<string> {
    const { rows } = await this.pool.query<{ language: string }>('SELECT language FROM users WHERE id = $1', [userId]);
    return rows[0]?.language ?? 'en';
  }

  /** The latest entries; or, given which changed, those rows alone (as they are now). */
  async entries(userId: number, language: string, changed?: ChangedEntries): Promise<EntryItem[]> {
    const entries = changed
      ? await this.log.byIds(userId, changed.events, changed.refused)
      : (await this.log.page(userId, 1, FEED_DEPTH.entries)).entries;
    const t = this.translator(language);
    return entries.map((entry) => entryItem(entry, t, language));
  }

  async orders(userId: number, language: string): Promise<FeedItem[]> {
    const { rows } = await this.pool.query<SignalRow>(
      `SELECT id, event_id, status, alert, outcome, replay_of, created_at FROM trade_signals WHERE user_id = $1 ORDER BY id DESC LIMIT $2`,
      [userId, FEED_DEPTH.orders],
    );
    const t = this.translator(language);
    return rows.map((row) => orderItem(row, t));
  }

  async scrapes(userId: number, language: string): Promise<FeedItem[]> {
    const { rows } = await this.pool.query<ScrapeRow>(
      `SELECT id, query, status, result_count, max_results, error, created_at, finished_at
         FROM scrape_jobs WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2`,
      [userId, FEED_DEPTH.scrapes],
    );
    const t = this.translator(language);
    return rows.map((row) => scrapeItem(row, t));
  }

  private translator(language: string): Translate {
    return (key, variables) => this.i18n.t(language, key, variables);
  }
}

type Translate = (key: string, variables?: Record<string, string | number>) => string;

function entryItem(entry: LogEntry, t: Translate, language: string): EntryItem {
  const base = { type: 'entry', key: `${entry.kind === 'event' ? 'e' : 'r'}${entry.id}`, kind: entry.kind, id: entry.id, provider: entry.provider, providerName: providerName(entry.provider), at: entry.receivedAt.toISOString() } as const;
  if (entry.kind === 'refused') {
    // The chat's block, less its heading (the page has columns for provider and time).
    const [, ...rest] = entryBlock(entry, t, language).split('\n');
    return { ...base, what: '', result: htmlToText(rest.join('\n')), final: true, message: false };
  }
  const tradeOpen = entry.trade !== null && entry.trade.outcome === null && entry.trade.status !== 'skipped';
  const replay = entry.replayOf !== null ? `${htmlToText(t('events-replay-of', { id: String(entry.replayOf) }))} · ` : '';
  return {
    ...base,
    what: replay + htmlToText(describeEvent(entry, t)),
    result: htmlToText(describeResult(entry, t)),
    final: entry.status !== 'pending' && !tradeOpen,
    message: entry.provider === 'avito' || (entry.provider === 'whatsapp' && entry.payload.kind !== 'state'),
  };
}

function orderItem(row: SignalRow, t: Translate): FeedItem {
  const outcome = row.outcome;
  let result: string;
  if (outcome?.status === 'placed') {
    const open = outcome.orders.at(-1);
    result = t('orders-placed', {
      qty: escapeHtml(open?.qty ?? ''),
      price: escapeHtml(open?.avgPrice ?? t('trade-price-unknown')),
      orderId: escapeHtml(open?.orderId || open?.orderLinkId || ''),
    });
  } else if (outcome) {
    result = `${t(`orders-status-${outcome.status}`)}: ${t(`trade-reason-${outcome.reason}`, reasonVariables(outcome.details))}`;
  } else {
    result = t(row.status === 'skipped' ? 'orders-status-skipped' : 'orders-status-pending');
  }
  return {
    type: 'order',
    key: `o${row.id}`,
    id: Number(row.event_id),
    at: row.created_at.toISOString(),
    action: htmlToText(t(`action-${row.alert.action}`)),
    symbol: outcome?.symbol ?? row.alert.symbol ?? htmlToText(t('alert-no-symbol')),
    status: outcome?.status ?? row.status,
    result: htmlToText(result),
    replay: row.replay_of === null ? null : htmlToText(t('orders-replay', { id: row.replay_of })),
  };
}

function scrapeItem(row: ScrapeRow, t: Translate): FeedItem {
  return {
    type: 'scrape',
    key: `s${row.id}`,
    id: row.id,
    query: row.query,
    status: row.status,
    statusText: htmlToText(t(`webview-scrape-${row.status}`)),
    results: row.result_count,
    maxResults: row.max_results,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    error: row.error,
  };
}
