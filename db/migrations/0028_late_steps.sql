CREATE TABLE "late_steps" (
	"complaint_id" uuid NOT NULL,
	"step" text NOT NULL,
	"day" date NOT NULL,
	"site_id" uuid NOT NULL,
	"department_id" uuid,
	"left_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "late_steps" ADD CONSTRAINT "late_steps_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "late_steps_day_idx" ON "late_steps" USING btree ("day","step");--> statement-breakpoint
CREATE INDEX "late_steps_complaint_idx" ON "late_steps" USING btree ("complaint_id","step","day");--> statement-breakpoint
-- step_days' trigger (migration 0019) also records each late leaving, one row per form and step.
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
  IF OLD.step_due_at IS NOT NULL AND NEW.state_entered_at > OLD.step_due_at THEN
    INSERT INTO late_steps (complaint_id, step, day, site_id, department_id, left_at, due_at)
    VALUES (OLD.id, OLD.status, (NEW.state_entered_at AT TIME ZONE 'UTC')::date, OLD.site_id, OLD.department_id, NEW.state_entered_at, OLD.step_due_at);
  END IF;
  RETURN NULL;
END;
$$;
