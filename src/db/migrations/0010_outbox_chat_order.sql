DROP INDEX "inbound_events_pending_idx";--> statement-breakpoint
DROP INDEX "telegram_outbox_pending_idx";--> statement-breakpoint
ALTER TABLE "telegram_outbox" ADD COLUMN "chat_order" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "inbound_events_pending_user_idx" ON "inbound_events" USING btree ("user_id","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "telegram_outbox_pending_order_idx" ON "telegram_outbox" USING btree ("chat_id","chat_order","id") WHERE status = 'pending';