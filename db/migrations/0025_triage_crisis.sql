CREATE TABLE "frequent_problem_forms" (
	"complaint_id" uuid PRIMARY KEY NOT NULL,
	"problem_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "frequent_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"confidence_percent" integer DEFAULT 60 NOT NULL,
	"frequent_count" integer DEFAULT 3 NOT NULL,
	"frequent_days" integer DEFAULT 7 NOT NULL,
	"centre_head_user_id" uuid
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "crisis" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "crisis_alerted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "frequent_problem_forms" ADD CONSTRAINT "frequent_problem_forms_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frequent_problem_forms" ADD CONSTRAINT "frequent_problem_forms_problem_id_frequent_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."frequent_problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frequent_problems" ADD CONSTRAINT "frequent_problems_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_settings" ADD CONSTRAINT "triage_settings_centre_head_user_id_users_id_fk" FOREIGN KEY ("centre_head_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "frequent_problem_forms_problem_idx" ON "frequent_problem_forms" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "frequent_problems_at_idx" ON "frequent_problems" USING btree ("site_id","at");--> statement-breakpoint
CREATE INDEX "complaints_crisis_idx" ON "complaints" USING btree ("received_at") WHERE "complaints"."crisis";--> statement-breakpoint
-- Webhooks (migration 0022): a form flagged as a crisis (lib/triage/crisis.ts writes a
-- 'crisis_flagged' history row, at intake or later) is the event 'form.crisis_flagged'.
CREATE OR REPLACE FUNCTION kesu_webhook_from_history() RETURNS trigger AS $$
DECLARE
  v_type text;
  v_number text;
  v_data jsonb;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE active) THEN
    RETURN NULL;
  END IF;
  IF NEW.type = 'create' THEN
    v_type := 'form.created';
  ELSIF NEW.type = 'survey' THEN
    v_type := 'survey.answered';
  ELSIF NEW.type = 'crisis_flagged' THEN
    v_type := 'form.crisis_flagged';
  ELSIF NEW.from_state IS DISTINCT FROM NEW.to_state THEN
    v_type := 'form.state_changed';
  ELSE
    RETURN NULL;
  END IF;
  SELECT number INTO v_number FROM complaints WHERE id = NEW.complaint_id;
  v_data := jsonb_build_object(
    'number', v_number,
    'event', NEW.type,
    'fromState', NEW.from_state,
    'toState', NEW.to_state,
    'version', NEW.version,
    'at', to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  );
  IF v_type = 'form.created' THEN
    v_data := v_data || jsonb_build_object('channel', NEW.payload->'channel');
  ELSIF v_type = 'survey.answered' THEN
    v_data := v_data || jsonb_build_object('rating', NEW.payload->'rating');
  END IF;
  PERFORM kesu_webhook_enqueue(v_type, 'event:' || NEW.id, v_data, NEW.at);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
