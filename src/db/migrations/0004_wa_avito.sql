CREATE TABLE "avito_connections" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"account_id" bigint NOT NULL,
	"access_token" text,
	"token_expires_at" timestamp with time zone,
	"subscribed" boolean DEFAULT false NOT NULL,
	"mode" text DEFAULT 'push' NOT NULL,
	"last_push_at" timestamp with time zone,
	"last_message_at" timestamp with time zone,
	"last_polled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whatsapp_connections" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"id_instance" text NOT NULL,
	"api_url" text NOT NULL,
	"api_token" text NOT NULL,
	"webhook_token" text NOT NULL,
	"state" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "avito_connections" ADD CONSTRAINT "avito_connections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD CONSTRAINT "whatsapp_connections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "telegram_outbox_sent_message_idx" ON "telegram_outbox" USING btree ("chat_id","telegram_message_id") WHERE telegram_message_id IS NOT NULL;