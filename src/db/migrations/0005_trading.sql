CREATE TABLE "bybit_keys" (
	"user_id" bigint NOT NULL,
	"account" text NOT NULL,
	"api_key" text NOT NULL,
	"api_secret" text NOT NULL,
	"masked_key" text NOT NULL,
	"info" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bybit_keys_user_id_account_pk" PRIMARY KEY("user_id","account")
);
--> statement-breakpoint
CREATE TABLE "trade_signals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"alert" jsonb NOT NULL,
	"settings" jsonb NOT NULL,
	"order_link_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"outcome" jsonb,
	"last_error" text,
	"received_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "trade_signals_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "trading_settings" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"market" text DEFAULT 'linear' NOT NULL,
	"amount_usdt" numeric DEFAULT 10 NOT NULL,
	"leverage" integer DEFAULT 1 NOT NULL,
	"account" text DEFAULT 'demo' NOT NULL,
	"default_symbol" text,
	"max_lag_seconds" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bybit_keys" ADD CONSTRAINT "bybit_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_settings" ADD CONSTRAINT "trading_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trade_signals_open_idx" ON "trade_signals" USING btree ("user_id","id") WHERE status IN ('pending', 'placing');--> statement-breakpoint
CREATE INDEX "trade_signals_user_idx" ON "trade_signals" USING btree ("user_id","id");