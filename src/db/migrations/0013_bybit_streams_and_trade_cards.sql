CREATE TABLE "bybit_executions" (
	"exec_id" text PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"account" text NOT NULL,
	"category" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"order_id" text NOT NULL,
	"order_link_id" text NOT NULL,
	"stop_order_type" text NOT NULL,
	"exec_price" text NOT NULL,
	"exec_qty" text NOT NULL,
	"exec_fee" text NOT NULL,
	"closed_size" text NOT NULL,
	"exec_time" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bybit_position_protection" (
	"user_id" bigint NOT NULL,
	"account" text NOT NULL,
	"symbol" text NOT NULL,
	"stop_loss" text NOT NULL,
	"take_profit" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bybit_position_protection_user_id_account_symbol_pk" PRIMARY KEY("user_id","account","symbol")
);
--> statement-breakpoint
CREATE TABLE "bybit_streams" (
	"user_id" bigint NOT NULL,
	"account" text NOT NULL,
	"holder" text,
	"lease_until" timestamp with time zone,
	"caught_up_to" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bybit_streams_user_id_account_pk" PRIMARY KEY("user_id","account")
);
--> statement-breakpoint
CREATE TABLE "trade_cards" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"account" text NOT NULL,
	"category" text NOT NULL,
	"symbol" text NOT NULL,
	"link_base" text NOT NULL,
	"chat_id" bigint NOT NULL,
	"language" text NOT NULL,
	"outbox_id" bigint NOT NULL,
	"state" jsonb NOT NULL,
	"closed" boolean DEFAULT false NOT NULL,
	"busy_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trade_cards_link_base_unique" UNIQUE("link_base")
);
--> statement-breakpoint
ALTER TABLE "bybit_executions" ADD CONSTRAINT "bybit_executions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bybit_position_protection" ADD CONSTRAINT "bybit_position_protection_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bybit_streams" ADD CONSTRAINT "bybit_streams_user_id_account_bybit_keys_user_id_account_fk" FOREIGN KEY ("user_id","account") REFERENCES "public"."bybit_keys"("user_id","account") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_cards" ADD CONSTRAINT "trade_cards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bybit_executions_user_idx" ON "bybit_executions" USING btree ("user_id","exec_time");--> statement-breakpoint
CREATE INDEX "trade_cards_open_idx" ON "trade_cards" USING btree ("user_id","account","symbol","id") WHERE NOT closed;