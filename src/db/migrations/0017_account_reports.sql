CREATE TABLE "position_closes" (
	"user_id" bigint NOT NULL,
	"account" text NOT NULL,
	"symbol" text NOT NULL,
	"position_idx" integer NOT NULL,
	"busy_until" timestamp with time zone,
	CONSTRAINT "position_closes_user_id_account_symbol_position_idx_pk" PRIMARY KEY("user_id","account","symbol","position_idx")
);
--> statement-breakpoint
CREATE TABLE "trading_reports" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"summary_hour" integer,
	"time_zone" text,
	"summary_sent_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "position_closes" ADD CONSTRAINT "position_closes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_reports" ADD CONSTRAINT "trading_reports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;