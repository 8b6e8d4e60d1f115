-- The history of a form is evidence: once written it is never changed or removed.
CREATE OR REPLACE FUNCTION kesu_refuse_history_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'complaint_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER complaint_events_append_only
  BEFORE UPDATE OR DELETE ON complaint_events
  FOR EACH ROW EXECUTE FUNCTION kesu_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER complaint_events_no_truncate
  BEFORE TRUNCATE ON complaint_events
  FOR EACH STATEMENT EXECUTE FUNCTION kesu_refuse_history_change();
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
