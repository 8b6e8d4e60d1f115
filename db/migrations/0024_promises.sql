CREATE TABLE "cover_alerts" (
	"complaint_id" uuid NOT NULL,
	"absent_user_id" uuid NOT NULL,
	"absent_until" timestamp with time zone NOT NULL,
	"cover_user_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "cover_alerts_complaint_id_absent_user_id_absent_until_pk" PRIMARY KEY("complaint_id","absent_user_id","absent_until")
);
--> statement-breakpoint
CREATE TABLE "progress_days" (
	"complaint_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "progress_days_complaint_id_day_kind_pk" PRIMARY KEY("complaint_id","day","kind")
);
--> statement-breakpoint
CREATE TABLE "progress_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"auto_send_at" text DEFAULT '16:00' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"what" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"customer_visible" boolean DEFAULT false NOT NULL,
	"made_by_id" uuid NOT NULL,
	"made_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"outcome_reason" text,
	"outcome_at" timestamp with time zone,
	"outcome_by_id" uuid,
	"warned_at" timestamp with time zone,
	"due_alerted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "cover_alerts" ADD CONSTRAINT "cover_alerts_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_alerts" ADD CONSTRAINT "cover_alerts_absent_user_id_users_id_fk" FOREIGN KEY ("absent_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_alerts" ADD CONSTRAINT "cover_alerts_cover_user_id_users_id_fk" FOREIGN KEY ("cover_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_days" ADD CONSTRAINT "progress_days_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_made_by_id_users_id_fk" FOREIGN KEY ("made_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_outcome_by_id_users_id_fk" FOREIGN KEY ("outcome_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "promises_complaint_idx" ON "promises" USING btree ("complaint_id","due_at");--> statement-breakpoint
CREATE INDEX "promises_open_due_idx" ON "promises" USING btree ("due_at") WHERE "promises"."outcome" is null;