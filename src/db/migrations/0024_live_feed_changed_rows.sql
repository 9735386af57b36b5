-- The live feed's notifications name what changed, so that a page is sent what changed without
-- reading the user's whole feed again. Payload "<user id>:<part><ids>":
--   e<event ids>   events stored or updated
--   r<ids>         requests refused
--   o<event ids>   trade signals (the orders, and the events they belong to)
--   s              scrape jobs
-- The ids are comma-separated; past 50 rows of one user in one statement they are left out, and
-- the whole part is read. Still only for users with a live view open somewhere (see 0023).
-- PL/pgSQL plans a trigger function once per table it is attached to, so each branch's columns
-- are those of its own table.
CREATE OR REPLACE FUNCTION live_feed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'scrape_jobs' THEN
    PERFORM pg_notify('live_feed', c.user_id || ':s')
       FROM (SELECT DISTINCT user_id FROM changed_rows) c
      WHERE EXISTS (SELECT 1 FROM live_feed_watchers w WHERE w.user_id = c.user_id AND w.expires_at > now());
  ELSIF TG_TABLE_NAME = 'trade_signals' THEN
    PERFORM pg_notify('live_feed', c.user_id || ':o' || CASE WHEN c.n <= 50 THEN c.ids ELSE '' END)
       FROM (SELECT user_id, count(*) AS n, string_agg(DISTINCT event_id::text, ',') AS ids FROM changed_rows GROUP BY user_id) c
      WHERE EXISTS (SELECT 1 FROM live_feed_watchers w WHERE w.user_id = c.user_id AND w.expires_at > now());
  ELSE
    PERFORM pg_notify('live_feed', c.user_id || ':' || CASE WHEN TG_TABLE_NAME = 'refused_requests' THEN 'r' ELSE 'e' END
                                   || CASE WHEN c.n <= 50 THEN c.ids ELSE '' END)
       FROM (SELECT user_id, count(*) AS n, string_agg(DISTINCT id::text, ',') AS ids FROM changed_rows GROUP BY user_id) c
      WHERE EXISTS (SELECT 1 FROM live_feed_watchers w WHERE w.user_id = c.user_id AND w.expires_at > now());
  END IF;
  RETURN NULL;
END
$$;
