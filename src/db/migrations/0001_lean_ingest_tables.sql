ALTER TABLE "inbound_dedupe" DROP CONSTRAINT "inbound_dedupe_endpoint_id_endpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "inbound_events" DROP CONSTRAINT "inbound_events_endpoint_id_endpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "inbound_events" DROP CONSTRAINT "inbound_events_user_id_users_id_fk";
--> statement-breakpoint
DROP INDEX "inbound_dedupe_expires_idx";--> statement-breakpoint
DROP INDEX "inbound_events_user_idx";