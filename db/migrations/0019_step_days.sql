CREATE TABLE "step_days" (
	"site_id" uuid NOT NULL,
	"day" date NOT NULL,
	"department_id" uuid,
	"step" text NOT NULL,
	"done" integer NOT NULL,
	"on_time" integer NOT NULL,
	"reopens" integer NOT NULL,
	CONSTRAINT "step_days_key" UNIQUE NULLS NOT DISTINCT("site_id","day","department_id","step")
);
--> statement-breakpoint
-- One step left: the state the form was in, by the deadline it carried there (OLD.step_due_at,
-- set by lib/workflow), left at NEW.state_entered_at (the moment of the transition). A step that
-- ended in a withdrawal was not done; a form sent back from follow-up, archive or rejection is a
-- reopen. Steps left before this migration are not in the table (their deadlines were not kept).
CREATE OR REPLACE FUNCTION kesu_keep_step_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'withdrawn' THEN
    RETURN NULL;
  END IF;
  INSERT INTO step_days AS s (site_id, day, department_id, step, done, on_time, reopens)
  VALUES (OLD.site_id, (NEW.state_entered_at AT TIME ZONE 'UTC')::date, OLD.department_id, OLD.status, 1,
          (OLD.step_due_at IS NULL OR NEW.state_entered_at <= OLD.step_due_at)::int,
          (OLD.status IN ('follow_up', 'archived', 'rejected') AND NEW.status IN ('investigating', 'received'))::int)
  ON CONFLICT ON CONSTRAINT step_days_key DO UPDATE SET
    done = s.done + excluded.done, on_time = s.on_time + excluded.on_time, reopens = s.reopens + excluded.reopens;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER complaints_keep_step_days
  AFTER UPDATE ON complaints
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION kesu_keep_step_days();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kesu_clear_step_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM step_days;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER complaints_clear_step_days
  AFTER TRUNCATE ON complaints
  FOR EACH STATEMENT EXECUTE FUNCTION kesu_clear_step_days();
