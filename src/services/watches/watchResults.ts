import type pg from 'pg';
import { placeChange, snapshotOf, type PlaceChange, type PlaceSnapshot } from '../../../handlers/mapsPlaceChanges.js';
import type { Place } from '../../../handlers/mapsPlace.js';
import type { Translator } from '../../i18n.js';
import { enqueueStreamItem } from '../telegram/outbox.js';
import { WEBHOOKS_CHANNEL } from '../webhooks/dispatcher.js';
import { watchCardHtml } from './watchMessages.js';

/** What storing a watch run's result needs of the job (a scrape_jobs row of source 'watch'). */
export interface WatchRunJob {
  id: string;
  watch_id: string | null;
  chat_id: string;
  language: string;
  max_results: number;
  webhook_url: string | null;
}

export interface WatchResultDeps {
  t: Translator;
  retrySeconds: number;
  resultTimeoutMs: number;
  timestamp(): string;
  webhookResult(place: Place): Record<string, unknown>;
}

/**
 * One place read by a watch run: compared with what the watch saw last time, kept as the new
 * snapshot, and streamed (card and webhook, numbered by change) only when something changed.
 * All in one commit, so a resumed run neither repeats nor loses a change.
 */
export async function storeWatchResult(client: pg.PoolClient, deps: WatchResultDeps, job: WatchRunJob, place: Place, position: number): Promise<PlaceChange | null> {
  // Shared lock: a watch deleted meanwhile (its run is being stopped) reports nothing more.
  const { rows: watch } = await client.query<{ rating_threshold: number | null }>('SELECT rating_threshold FROM maps_watches WHERE id = $1 FOR SHARE', [job.watch_id]);
  if (!watch[0]) {
    await client.query(`INSERT INTO scrape_results (job_id, position, place_id, data) VALUES ($1, $2, $3, $4)`, [job.id, position, place.place_id, JSON.stringify(place)]);
    return null;
  }
  const { rows: seen } = await client.query<{ snapshot: PlaceSnapshot }>('SELECT snapshot FROM maps_watch_places WHERE watch_id = $1 AND place_id = $2', [
    job.watch_id,
    place.place_id,
  ]);
  const change = placeChange(seen[0]?.snapshot ?? null, place, watch[0].rating_threshold);
  await client.query(`INSERT INTO scrape_results (job_id, position, place_id, data, change) VALUES ($1, $2, $3, $4, $5)`, [
    job.id,
    position,
    place.place_id,
    JSON.stringify(place),
    change ? JSON.stringify(change) : null,
  ]);
  await client.query(
    `INSERT INTO maps_watch_places (watch_id, place_id, snapshot) VALUES ($1, $2, $3)
     ON CONFLICT (watch_id, place_id) DO UPDATE SET snapshot = EXCLUDED.snapshot, last_seen_at = now()`,
    [job.watch_id, place.place_id, JSON.stringify(snapshotOf(place))],
  );
  if (!change) return null;
  const { rows: counted } = await client.query<{ count: number }>(
    `UPDATE scrape_jobs SET result_count = (SELECT count(*) FROM scrape_results WHERE job_id = $1 AND change IS NOT NULL) WHERE id = $1 RETURNING result_count AS count`,
    [job.id],
  );
  const seq = counted[0]?.count ?? 1;
  if (job.webhook_url) {
    const payload = {
      job_id: job.id,
      watch_id: job.watch_id,
      status: 'processing',
      current_result: seq,
      // Changes cannot be known in advance: the most this run can report (the places it reads).
      total_expected: job.max_results,
      ...change,
      result: deps.webhookResult(place),
      timestamp: deps.timestamp(),
    };
    await client.query(
      `INSERT INTO webhook_deliveries (job_id, seq, url, message_id, payload, timeout_ms, deadline_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7)) ON CONFLICT (job_id, seq) DO NOTHING`,
      [job.id, seq, job.webhook_url, `msg_${job.id}_${seq}`, JSON.stringify(payload), deps.resultTimeoutMs, deps.retrySeconds],
    );
    await client.query(`SELECT pg_notify('${WEBHOOKS_CHANNEL}', '')`);
  }
  await enqueueStreamItem(client, { chatId: Number(job.chat_id), html: watchCardHtml(deps.t, job.language, place, seq, change) }, `scrape:${job.id}`);
  return change;
}
