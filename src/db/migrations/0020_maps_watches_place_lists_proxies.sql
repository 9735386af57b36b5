CREATE TABLE "maps_watch_places" (
	"watch_id" text NOT NULL,
	"place_id" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maps_watch_places_watch_id_place_id_pk" PRIMARY KEY("watch_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "maps_watches" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"query" text NOT NULL,
	"max_results" integer NOT NULL,
	"language" text NOT NULL,
	"webhook_url" text,
	"frequency" text DEFAULT 'daily' NOT NULL,
	"hour" integer DEFAULT 9 NOT NULL,
	"weekday" integer,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"rating_threshold" double precision,
	"status" text DEFAULT 'active' NOT NULL,
	"next_run_at" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_job_id" text,
	"runs" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scrape_item_errors" (
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"input" text NOT NULL,
	"error" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scrape_item_errors_job_id_position_pk" PRIMARY KEY("job_id","position")
);
--> statement-breakpoint
CREATE TABLE "scrape_proxies" (
	"proxy" text PRIMARY KEY NOT NULL,
	"down_until" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "scrape_jobs" ADD COLUMN "watch_id" text;--> statement-breakpoint
ALTER TABLE "scrape_jobs" ADD COLUMN "places" jsonb;--> statement-breakpoint
ALTER TABLE "scrape_results" ADD COLUMN "change" jsonb;--> statement-breakpoint
ALTER TABLE "maps_watch_places" ADD CONSTRAINT "maps_watch_places_watch_id_maps_watches_id_fk" FOREIGN KEY ("watch_id") REFERENCES "public"."maps_watches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maps_watches" ADD CONSTRAINT "maps_watches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scrape_item_errors" ADD CONSTRAINT "scrape_item_errors_job_id_scrape_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."scrape_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maps_watches_user_idx" ON "maps_watches" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "maps_watches_due_idx" ON "maps_watches" USING btree ("next_run_at") WHERE status = 'active';--> statement-breakpoint
ALTER TABLE "scrape_jobs" ADD CONSTRAINT "scrape_jobs_watch_id_maps_watches_id_fk" FOREIGN KEY ("watch_id") REFERENCES "public"."maps_watches"("id") ON DELETE set null ON UPDATE no action;