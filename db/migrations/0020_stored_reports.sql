CREATE TABLE "stored_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"site_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"figures" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stored_reports" ADD CONSTRAINT "stored_reports_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stored_reports_round_uq" ON "stored_reports" USING btree ("kind","site_id","period_from");--> statement-breakpoint
CREATE INDEX "stored_reports_site_idx" ON "stored_reports" USING btree ("site_id","due_at" DESC NULLS LAST,"id" DESC NULLS LAST);