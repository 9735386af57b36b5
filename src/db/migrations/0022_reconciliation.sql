CREATE TABLE "bybit_order_reports" (
	"user_id" bigint NOT NULL,
	"order_id" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bybit_order_reports_user_id_order_id_pk" PRIMARY KEY("user_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "trade_reconciliation" (
	"user_id" bigint NOT NULL,
	"account" text NOT NULL,
	"symbol" text NOT NULL,
	"expected_side" text DEFAULT '' NOT NULL,
	"bybit_side" text DEFAULT '' NOT NULL,
	"bybit_size" text DEFAULT '0' NOT NULL,
	"divergence" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trade_reconciliation_user_id_account_symbol_pk" PRIMARY KEY("user_id","account","symbol")
);
--> statement-breakpoint
ALTER TABLE "trade_cards" ADD COLUMN "breakeven_state" text;--> statement-breakpoint
ALTER TABLE "trade_cards" ADD COLUMN "breakeven_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trade_signals" ADD COLUMN "same_side_checked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bybit_order_reports" ADD CONSTRAINT "bybit_order_reports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_reconciliation" ADD CONSTRAINT "trade_reconciliation_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;