CREATE TABLE "inbound_mail" (
	"message_id" text PRIMARY KEY NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"complaint_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_key" text NOT NULL,
	"event_type" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_event_uq" UNIQUE("endpoint_id","event_key")
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"kind" text DEFAULT 'standard' NOT NULL,
	"events" text[] NOT NULL,
	"secret" text NOT NULL,
	"allow_private" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"description" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbound_mail" ADD CONSTRAINT "inbound_mail_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_mail_at_idx" ON "inbound_mail" USING btree ("at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at" DESC NULLS LAST);--> statement-breakpoint
-- Outbound webhooks: each event is queued for every active endpoint that subscribed to its type, in
-- the transaction that wrote it (a history row, an overdue alert), once per endpoint
-- (webhook_deliveries_event_uq). The body carries the form's number and the step, no personal data.
CREATE OR REPLACE FUNCTION kesu_webhook_enqueue(p_type text, p_key text, p_data jsonb, p_at timestamptz) RETURNS void AS $$
BEGIN
  INSERT INTO webhook_deliveries (endpoint_id, event_key, event_type, body)
  SELECT e.id, p_key, p_type,
         jsonb_build_object(
           'type', p_type,
           'timestamp', to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'data', p_data
         )::text
  FROM webhook_endpoints e
  WHERE e.active AND p_type = ANY (e.events)
  ON CONFLICT ON CONSTRAINT webhook_deliveries_event_uq DO NOTHING;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
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
--> statement-breakpoint
CREATE TRIGGER complaint_events_webhooks
  AFTER INSERT ON complaint_events
  FOR EACH ROW EXECUTE FUNCTION kesu_webhook_from_history();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kesu_webhook_from_alert() RETURNS trigger AS $$
DECLARE
  v_form record;
BEGIN
  IF NEW.kind <> 'overdue' OR NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE active) THEN
    RETURN NULL;
  END IF;
  SELECT number, status, step_due_at INTO v_form FROM complaints WHERE id = NEW.complaint_id;
  PERFORM kesu_webhook_enqueue(
    'form.overdue',
    'overdue:' || NEW.complaint_id || ':' || to_char(NEW.state_entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    jsonb_build_object(
      'number', v_form.number,
      'status', v_form.status,
      'stepDueAt', to_char(v_form.step_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    ),
    NEW.at
  );
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER deadline_alerts_webhooks
  AFTER INSERT ON deadline_alerts
  FOR EACH ROW EXECUTE FUNCTION kesu_webhook_from_alert();
