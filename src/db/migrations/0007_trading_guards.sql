ALTER TABLE "trading_settings" ADD COLUMN "price_tolerance_percent" numeric;--> statement-breakpoint
ALTER TABLE "trading_settings" ADD COLUMN "max_order_value_usdt" numeric;