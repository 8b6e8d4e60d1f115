CREATE TABLE "privacy_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"retention_years" integer DEFAULT 3 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "legal_hold_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "legal_hold_by_id" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "legal_hold_reason" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_legal_hold_by_id_users_id_fk" FOREIGN KEY ("legal_hold_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_email_idx" ON "complaints" USING btree (lower("customer_email"));--> statement-breakpoint
CREATE INDEX "complaints_customer_name_idx" ON "complaints" USING btree ("customer_name");--> statement-breakpoint
CREATE INDEX "complaints_retention_idx" ON "complaints" USING btree ("state_entered_at") WHERE "complaints"."anonymised_at" is null and "complaints"."status" in ('archived', 'rejected', 'withdrawn');