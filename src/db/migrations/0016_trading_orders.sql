CREATE TABLE "limit_orders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"signal_id" bigint NOT NULL,
	"account" text NOT NULL,
	"category" text NOT NULL,
	"symbol" text NOT NULL,
	"order_link_id" text NOT NULL,
	"side" text NOT NULL,
	"qty" text NOT NULL,
	"price" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "limit_orders_signal_id_unique" UNIQUE("signal_id")
);
--> statement-breakpoint
ALTER TABLE "trade_signals" ADD COLUMN "protection" jsonb;--> statement-breakpoint
ALTER TABLE "trade_signals" ADD COLUMN "confirm_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trade_signals" ADD COLUMN "confirm_card" bigint;--> statement-breakpoint
ALTER TABLE "trading_settings" ADD COLUMN "protection" jsonb;--> statement-breakpoint
ALTER TABLE "trading_settings" ADD COLUMN "sizing_mode" text DEFAULT 'fixed' NOT NULL;--> statement-breakpoint
ALTER TABLE "trading_settings" ADD COLUMN "sizing_percent" numeric;--> statement-breakpoint
ALTER TABLE "trading_settings" ADD COLUMN "confirm" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "limit_orders" ADD CONSTRAINT "limit_orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "limit_orders_due_idx" ON "limit_orders" USING btree ("expires_at") WHERE status = 'open';