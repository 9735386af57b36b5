import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import { NotificationListener } from '../../db/listener.js';
import type { Logger } from '../../logger.js';
import { backoffMs } from '../backoff.js';
import { fullChange, mergeChanges, parseFeedNotification, type FeedChange } from './feedChange.js';
import { entryOrder, FEED_DEPTH, type EntryItem, type FeedItem, type FeedPart, type FeedSnapshots } from './feedSnapshot.js';

/** The channel the database triggers (migrations live_feed…) notify: the user, and what changed. */
export const LIVE_FEED_CHANNEL = 'live_feed';

/**
 * Where a page left off, sent back as Last-Event-ID when it reconnects: every event below
 * `eventFloor` reached it in its final state, and every refused request up to `refusedMax`, of
 * those received before `settledBefore` (ms since the epoch). Ids are taken when a row is
 * inserted but seen when it commits: with two web processes a lower id can commit after the page
 * saw a higher one, so the newest rows are sent again whatever their id (the page merges them).
 * Orders and scrapes are few and change in place: they are always sent again.
 */
export interface FeedCursor {
  eventFloor: number;
  refusedMax: number;
  settledBefore: number;
}

/**
 * How long a row may take from its transaction's start (its received time) to its commit. An
 * ingest batch commits within milliseconds; this leaves room for a loaded server and for the web
 * process's clock being ahead of the database's (which would make rows look older than they are).
 */
const COMMIT_SLACK_MS = 60_000;

export function formatCursor(cursor: FeedCursor): string {
  return `e${cursor.eventFloor}.r${cursor.refusedMax}.t${cursor.settledBefore}`;
}

export function parseCursor(value: string | undefined): FeedCursor | undefined {
  // Without `.t` (a page opened before that part existed): nothing is known to be settled.
  const match = /^e(\d{1,18})\.r(\d{1,18})(?:\.t(\d{1,15}))?$/.exec(value ?? '');
  return match ? { eventFloor: Number(match[1]), refusedMax: Number(match[2]), settledBefore: Number(match[3] ?? 0) } : undefined;
}

/** The open HTTP response of one page. */
export interface FeedSink {
  write(chunk: string): void;
  end(): void;
}

export class TooManyStreamsError extends Error {
  constructor(readonly scope: 'user' | 'server') {
    super(scope === 'user' ? 'too many live views are open for this user; close one' : 'the server has as many live views open as it takes; try again later');
    this.name = 'TooManyStreamsError';
  }
}

/** One open page: what it was sent, so that each refresh sends only what changed. */
class FeedStream {
  private readonly sent = new Map<string, { json: string; item: FeedItem }>();
  private first = true;

  constructor(
    readonly userId: number,
    private readonly sink: FeedSink,
    private cursor: FeedCursor,
    private readonly resumed: boolean,
  ) {}

  push(items: FeedItem[]): void {
    const changed: FeedItem[] = [];
    const present = new Set<string>();
    for (const item of items) {
      present.add(item.key);
      // The same object as sent: a row the feed did not read again.
      if (this.sent.get(item.key)?.item === item) continue;
      const json = JSON.stringify(item);
      if (this.first && this.resumed && this.alreadyHas(item)) {
        this.sent.set(item.key, { json, item });
        continue;
      }
      if (this.sent.get(item.key)?.json !== json) {
        changed.push(item);
        this.sent.set(item.key, { json, item });
      }
    }
    // Only the latest few are shown: what fell out of the window is forgotten here too.
    for (const key of this.sent.keys()) if (!present.has(key)) this.sent.delete(key);
    if (changed.length === 0 && !this.first) return;
    this.cursor = this.nextCursor();
    this.sink.write(`id: ${formatCursor(this.cursor)}\nevent: items\ndata: ${JSON.stringify({ initial: this.first, items: changed })}\n\n`);
    this.first = false;
  }

  ping(): void {
    this.sink.write(': ping\n\n');
  }

  end(): void {
    this.sink.end();
  }

  private alreadyHas(item: FeedItem): boolean {
    if (item.type !== 'entry' || Date.parse(item.at) >= this.cursor.settledBefore) return false;
    return item.kind === 'event' ? item.id < this.cursor.eventFloor : item.id <= this.cursor.refusedMax;
  }

  private nextCursor(): FeedCursor {
    let { eventFloor, refusedMax } = this.cursor;
    let lowestOpen = Infinity;
    let highestEvent = eventFloor - 1;
    for (const { item } of this.sent.values()) {
      if (item.type !== 'entry') continue;
      if (item.kind === 'refused') refusedMax = Math.max(refusedMax, item.id);
      else {
        highestEvent = Math.max(highestEvent, item.id);
        if (!item.final) lowestOpen = Math.min(lowestOpen, item.id);
      }
    }
    eventFloor = Math.min(lowestOpen, highestEvent + 1);
    // This frame holds everything committed before the read it came from.
    const settledBefore = Math.max(this.cursor.settledBefore, Date.now() - COMMIT_SLACK_MS);
    return { eventFloor, refusedMax, settledBefore };
  }
}

/** What a user's pages show, as last read: kept so that a change reads only what it touched. */
interface FeedView {
  language: string;
  entries: Map<string, EntryItem>;
  orders: FeedItem[];
  scrapes: FeedItem[];
}

interface Watch {
  streams: Set<FeedStream>;
  refreshing: boolean;
  /** What changed since the last read began. */
  pending: FeedChange | undefined;
  view: FeedView | undefined;
  /** Reads in a row that failed (the database away): the next is tried after the shared backoff. */
  failures: number;
}

export interface LiveFeedOptions {
  pool: pg.Pool;
  log: Logger;
  snapshots: FeedSnapshots;
  maxPerUser: number;
  maxTotal: number;
  /**
   * A comment line this often keeps proxies (nginx: proxy_read_timeout 60 s) from closing an idle
   * stream; the rows saying which users this process watches are renewed as often.
   */
  heartbeatMs?: number;
}

/** A watcher row not renewed for this long is one of a process that died: triggers ignore it. */
const WATCH_TTL_SECONDS = 120;
/**
 * A write whose trigger ran just before a page's watch was registered did not notify, and may
 * commit after the page's first read: the page reads once more this long after registering.
 */
const LATE_WRITER_MS = 2_000;

/**
 * The live pages open on this web process, by user. Whichever process writes a user's rows, the
 * database triggers NOTIFY `live_feed` if some process watches that user (live_feed_watchers);
 * every web process listens, and the ones holding that user's pages read the user's latest rows
 * once and send each page what it has not seen.
 */
export class LiveFeed {
  private readonly watches = new Map<number, Watch>();
  private total = 0;
  private listener: NotificationListener | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  /** Per user, the registration being written: one at a time, each writing the state it finds. */
  private readonly registering = new Map<number, Promise<void>>();

  constructor(private readonly options: LiveFeedOptions) {}

  async start(): Promise<void> {
    this.listener = new NotificationListener({
      pool: this.options.pool,
      log: this.options.log,
      name: 'live feed',
      channels: [LIVE_FEED_CHANNEL],
      onNotification: (message) => {
        const notified = parseFeedNotification(message.payload ?? '');
        if (notified) this.changed(notified.userId, notified.change);
      },
      // Whatever was written while nobody listened: every open page is brought up to date.
      onConnected: (_client, reconnected) => {
        if (reconnected) for (const userId of this.watches.keys()) this.changed(userId, fullChange());
      },
    });
    await this.listener.start();
    this.heartbeat = setInterval(() => {
      for (const watch of this.watches.values()) for (const stream of watch.streams) stream.ping();
      this.renewWatches();
    }, this.options.heartbeatMs ?? 25_000);
    this.heartbeat.unref();
  }

  get openStreams(): number {
    return this.total;
  }

  /** Opens a page's stream; it gets its first items at once. Throws TooManyStreamsError past the limits. */
  open(userId: number, sink: FeedSink, resume: FeedCursor | undefined): { close(): void } {
    const existing = this.watches.get(userId);
    const watch: Watch = existing ?? { streams: new Set(), refreshing: false, pending: undefined, view: undefined, failures: 0 };
    if (watch.streams.size >= this.options.maxPerUser) throw new TooManyStreamsError('user');
    if (this.total >= this.options.maxTotal) throw new TooManyStreamsError('server');
    const stream = new FeedStream(userId, sink, resume ?? { eventFloor: 0, refusedMax: 0, settledBefore: 0 }, resume !== undefined);
    watch.streams.add(stream);
    this.watches.set(userId, watch);
    this.total += 1;
    if (existing) {
      this.changed(userId, fullChange());
    } else {
      // Registered first, so that writes from now on notify; then read what is there.
      void this.register(userId).finally(() => {
        this.changed(userId, fullChange());
        setTimeout(() => this.changed(userId, fullChange()), LATE_WRITER_MS).unref();
      });
    }
    let closed = false;
    return {
      close: () => {
        if (closed) return;
        closed = true;
        this.total -= 1;
        watch.streams.delete(stream);
        if (watch.streams.size === 0 && this.watches.get(userId) === watch) {
          this.watches.delete(userId);
          void this.register(userId);
        }
      },
    };
  }

  /** Ends every stream (their pages reconnect, to another process behind the proxy) and stops listening. */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const watch of this.watches.values()) for (const stream of watch.streams) stream.end();
    this.watches.clear();
    this.total = 0;
    await Promise.all(this.registering.values());
    await this.options.pool
      .query('DELETE FROM live_feed_watchers WHERE holder = $1', [this.holder])
      .catch((error: unknown) => this.options.log.warn({ err: error }, 'live feed: watcher rows not removed; they expire'));
    await this.listener?.close();
  }

  /**
   * Writes whether this process watches `userId` as it is when the write runs (a row while a page
   * is open, none after the last closed), after any write for the user still under way.
   */
  private register(userId: number): Promise<void> {
    const { pool, log } = this.options;
    const previous = this.registering.get(userId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        if (this.watches.has(userId)) {
          await pool.query(
            `INSERT INTO live_feed_watchers (user_id, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
             ON CONFLICT (user_id, holder) DO UPDATE SET expires_at = excluded.expires_at`,
            [userId, this.holder, WATCH_TTL_SECONDS],
          );
        } else {
          await pool.query('DELETE FROM live_feed_watchers WHERE user_id = $1 AND holder = $2', [userId, this.holder]);
        }
      } catch (error) {
        // The next renewal writes it again; meanwhile the page still gets its reads on reconnects.
        log.warn({ userId, err: error }, 'live feed: watch not registered yet');
      }
    });
    this.registering.set(userId, next);
    void next.finally(() => {
      if (this.registering.get(userId) === next) this.registering.delete(userId);
    });
    return next;
  }

  /** Keeps this process's watcher rows alive, and clears rows that processes which died left behind. */
  private renewWatches(): void {
    const { pool, log } = this.options;
    const users = [...this.watches.keys()];
    pool
      .query(
        `WITH renewed AS (
           INSERT INTO live_feed_watchers (user_id, holder, expires_at)
           SELECT w.user_id, $2, now() + make_interval(secs => $3) FROM unnest($1::bigint[]) AS w(user_id)
             JOIN users u ON u.id = w.user_id
           ON CONFLICT (user_id, holder) DO UPDATE SET expires_at = excluded.expires_at
           RETURNING 1
         )
         DELETE FROM live_feed_watchers WHERE expires_at < now() - make_interval(secs => $3)`,
        [users, this.holder, WATCH_TTL_SECONDS],
      )
      .catch((error: unknown) => log.warn({ err: error }, 'live feed: watches not renewed; trying again'));
  }

  /** A user's rows changed: one read at a time per user, and one more for what changed meanwhile. */
  private changed(userId: number, change: FeedChange): void {
    const watch = this.watches.get(userId);
    if (!watch) return;
    watch.pending = mergeChanges(watch.pending, change);
    if (watch.refreshing) return;
    watch.refreshing = true;
    void (async () => {
      try {
        while (watch.pending && watch.streams.size > 0) {
          const pending = watch.pending;
          watch.pending = undefined;
          const items = await this.read(userId, watch, pending);
          for (const stream of watch.streams) stream.push(items);
        }
        watch.failures = 0;
      } catch (error) {
        watch.failures += 1;
        // What was read before may have missed the failed read's changes: read it all again.
        watch.view = undefined;
        this.options.log.warn({ userId, error: error instanceof Error ? error.message : String(error) }, 'live feed: could not read the latest rows; trying again');
        setTimeout(() => this.changed(userId, fullChange()), backoffMs(watch.failures)).unref();
      } finally {
        watch.refreshing = false;
      }
    })();
  }

  /**
   * Reads what `change` names into the user's view, and returns the whole view. The entries named
   * by id are read alone and merged: at tens of alerts a second, reading the user's latest forty
   * entries again for each of them was most of the cost of a live page.
   */
  private async read(userId: number, watch: Watch, change: FeedChange): Promise<FeedItem[]> {
    const { snapshots } = this.options;
    const previous = change.full ? undefined : watch.view;
    const language = previous?.language ?? (await snapshots.language(userId));
    const view: FeedView = previous ?? { language, entries: new Map(), orders: [], scrapes: [] };
    const wants = (part: FeedPart) => !previous || change.parts.has(part);
    const changedEntries = previous ? change.entries : undefined;
    const [entries, orders, scrapes] = await Promise.all([
      wants('entries') ? snapshots.entries(userId, language, changedEntries) : undefined,
      wants('orders') ? snapshots.orders(userId, language) : undefined,
      wants('scrapes') ? snapshots.scrapes(userId, language) : undefined,
    ]);
    if (entries && !changedEntries) view.entries = new Map(entries.map((item) => [item.key, item]));
    if (entries && changedEntries) {
      for (const item of entries) view.entries.set(item.key, item);
      if (view.entries.size > FEED_DEPTH.entries) {
        const latest = [...view.entries.values()].sort(entryOrder).slice(0, FEED_DEPTH.entries);
        view.entries = new Map(latest.map((item) => [item.key, item]));
      }
    }
    if (orders) view.orders = orders;
    if (scrapes) view.scrapes = scrapes;
    watch.view = view;
    return [...view.entries.values(), ...view.orders, ...view.scrapes];
  }
}
