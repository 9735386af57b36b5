CREATE TABLE "scrape_cells" (
	"job_id" text NOT NULL,
	"seq" integer NOT NULL,
	"parent_seq" integer,
	"depth" integer DEFAULT 0 NOT NULL,
	"south" double precision NOT NULL,
	"west" double precision NOT NULL,
	"north" double precision NOT NULL,
	"east" double precision NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"feed_links" integer,
	"new_places" integer,
	"finished_at" timestamp with time zone,
	CONSTRAINT "scrape_cells_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
ALTER TABLE "scrape_jobs" ADD COLUMN "area" jsonb;--> statement-breakpoint
ALTER TABLE "scrape_cells" ADD CONSTRAINT "scrape_cells_job_id_scrape_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."scrape_jobs"("id") ON DELETE cascade ON UPDATE no action;