CREATE TABLE "eightd_forms" (
	"complaint_id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"attached_at" timestamp with time zone NOT NULL,
	"attached_by_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eightd_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"department_id" uuid,
	"title" text NOT NULL,
	"opened_by_id" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_id" uuid,
	"team" text,
	"problem" text,
	"containment" text,
	"root_cause" text,
	"whys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"corrective_actions" text,
	"verification" text,
	"prevention_standards" text,
	"prevention_training" text,
	"prevention_supplier" text,
	"closure" text
);
--> statement-breakpoint
CREATE TABLE "eightd_steps" (
	"report_id" uuid NOT NULL,
	"discipline" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_id" uuid,
	CONSTRAINT "eightd_steps_report_id_discipline_pk" PRIMARY KEY("report_id","discipline")
);
--> statement-breakpoint
ALTER TABLE "eightd_forms" ADD CONSTRAINT "eightd_forms_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eightd_forms" ADD CONSTRAINT "eightd_forms_report_id_eightd_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."eightd_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eightd_forms" ADD CONSTRAINT "eightd_forms_attached_by_id_users_id_fk" FOREIGN KEY ("attached_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eightd_reports" ADD CONSTRAINT "eightd_reports_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eightd_reports" ADD CONSTRAINT "eightd_reports_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eightd_reports" ADD CONSTRAINT "eightd_reports_opened_by_id_users_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eightd_reports" ADD CONSTRAINT "eightd_reports_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eightd_steps" ADD CONSTRAINT "eightd_steps_report_id_eightd_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."eightd_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eightd_steps" ADD CONSTRAINT "eightd_steps_done_by_id_users_id_fk" FOREIGN KEY ("done_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eightd_forms_report_idx" ON "eightd_forms" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "eightd_reports_site_closed_idx" ON "eightd_reports" USING btree ("site_id","closed_at");