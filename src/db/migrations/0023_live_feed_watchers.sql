CREATE TABLE "live_feed_watchers" (
	"user_id" bigint NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_feed_watchers_user_id_holder_pk" PRIMARY KEY("user_id","holder")
);
--> statement-breakpoint
ALTER TABLE "live_feed_watchers" ADD CONSTRAINT "live_feed_watchers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Notify only for users with a live view open somewhere. A NOTIFY makes its transaction take a
-- database-wide lock at commit, held through the commit's flush: notifying on every write of
-- every user serialized the commits of all alerts, view or not.
CREATE OR REPLACE FUNCTION live_feed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('live_feed', users_changed.user_id::text)
     FROM (SELECT DISTINCT user_id FROM changed_rows) users_changed
    WHERE EXISTS (SELECT 1 FROM live_feed_watchers w WHERE w.user_id = users_changed.user_id AND w.expires_at > now());
  RETURN NULL;
END
$$;
