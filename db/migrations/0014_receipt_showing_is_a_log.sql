DROP INDEX "complaint_events_version_uq";--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_version_idx" ON "complaint_events" USING btree ("complaint_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_events_version_uq" ON "complaint_events" USING btree ("complaint_id","version") WHERE "complaint_events"."type" <> 'access_code_viewed';