CREATE TABLE "forum_topics" (
	"chat_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"provider" text NOT NULL,
	"conversation" text NOT NULL,
	"thread_id" integer NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forum_topics_chat_id_user_id_provider_conversation_pk" PRIMARY KEY("chat_id","user_id","provider","conversation")
);
--> statement-breakpoint
CREATE TABLE "relay_notifications" (
	"user_id" bigint NOT NULL,
	"provider" text NOT NULL,
	"mode" text DEFAULT 'loud' NOT NULL,
	"quiet_from" integer,
	"quiet_to" integer,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	CONSTRAINT "relay_notifications_user_id_provider_pk" PRIMARY KEY("user_id","provider")
);
--> statement-breakpoint
CREATE TABLE "relay_routes" (
	"user_id" bigint NOT NULL,
	"provider" text NOT NULL,
	"chat_id" bigint NOT NULL,
	"forum" boolean DEFAULT false NOT NULL,
	"answerers" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relay_routes_user_id_provider_pk" PRIMARY KEY("user_id","provider")
);
--> statement-breakpoint
ALTER TABLE "forum_topics" ADD CONSTRAINT "forum_topics_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_notifications" ADD CONSTRAINT "relay_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_routes" ADD CONSTRAINT "relay_routes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "forum_topics_thread_idx" ON "forum_topics" USING btree ("chat_id","thread_id");--> statement-breakpoint
CREATE INDEX "relay_routes_chat_idx" ON "relay_routes" USING btree ("chat_id");