CREATE TABLE "avito_chat_cursors" (
	"user_id" bigint NOT NULL,
	"chat_id" text NOT NULL,
	"updated" bigint NOT NULL,
	"last_message_id" text,
	"examined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "avito_chat_cursors_user_id_chat_id_pk" PRIMARY KEY("user_id","chat_id")
);
--> statement-breakpoint
ALTER TABLE "avito_chat_cursors" ADD CONSTRAINT "avito_chat_cursors_user_id_avito_connections_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."avito_connections"("user_id") ON DELETE cascade ON UPDATE no action;