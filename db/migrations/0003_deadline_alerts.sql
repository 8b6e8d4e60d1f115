CREATE TABLE "deadline_alerts" (
	"complaint_id" uuid NOT NULL,
	"state_entered_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_alerts_complaint_id_state_entered_at_kind_pk" PRIMARY KEY("complaint_id","state_entered_at","kind")
);
--> statement-breakpoint
ALTER TABLE "deadline_alerts" ADD CONSTRAINT "deadline_alerts_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;