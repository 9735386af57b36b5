CREATE TABLE "refused_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"endpoint_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"provider" text NOT NULL,
	"http_status" integer NOT NULL,
	"reason" text NOT NULL,
	"body_start" text NOT NULL,
	"body_bytes" integer NOT NULL,
	"duplicate_of" bigint,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "replay_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"replay_event_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "replay_of" bigint;--> statement-breakpoint
ALTER TABLE "trade_signals" ADD COLUMN "replay_of" bigint;--> statement-breakpoint
ALTER TABLE "replay_requests" ADD CONSTRAINT "replay_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "refused_requests_endpoint_idx" ON "refused_requests" USING btree ("endpoint_id","id");--> statement-breakpoint
CREATE INDEX "inbound_events_endpoint_idx" ON "inbound_events" USING btree ("endpoint_id","id");