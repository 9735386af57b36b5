-- The web view's live feed: whatever process writes a user's event, refusal, trade signal or
-- scrape, the web processes holding that user's open pages hear of it on channel 'live_feed'
-- (payload: the user id). One NOTIFY per user and statement: a batch of inserts costs one each,
-- and PostgreSQL folds identical notifications of one transaction into one.
CREATE FUNCTION live_feed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('live_feed', user_id::text) FROM (SELECT DISTINCT user_id FROM changed_rows) users_changed;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER inbound_events_live_feed_insert AFTER INSERT ON inbound_events
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION live_feed_notify();
--> statement-breakpoint
CREATE TRIGGER inbound_events_live_feed_update AFTER UPDATE ON inbound_events
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION live_feed_notify();
--> statement-breakpoint
CREATE TRIGGER refused_requests_live_feed_insert AFTER INSERT ON refused_requests
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION live_feed_notify();
--> statement-breakpoint
CREATE TRIGGER trade_signals_live_feed_insert AFTER INSERT ON trade_signals
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION live_feed_notify();
--> statement-breakpoint
CREATE TRIGGER trade_signals_live_feed_update AFTER UPDATE ON trade_signals
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION live_feed_notify();
--> statement-breakpoint
CREATE TRIGGER scrape_jobs_live_feed_insert AFTER INSERT ON scrape_jobs
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION live_feed_notify();
--> statement-breakpoint
CREATE TRIGGER scrape_jobs_live_feed_update AFTER UPDATE ON scrape_jobs
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION live_feed_notify();
