ALTER TABLE "categories" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "read_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("recipient_user_id") WHERE "notifications"."channel" = 'inbox' and "notifications"."read_at" is null;--> statement-breakpoint
-- Custom: notices queued before the inbox had an unread state count as read, so the first
-- page after the upgrade does not greet every staff member with their whole history as unread.
UPDATE "notifications" SET "read_at" = "created_at" WHERE "channel" = 'inbox' AND "read_at" IS NULL;
