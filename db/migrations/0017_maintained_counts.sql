CREATE TABLE "form_counts" (
	"kind" text NOT NULL,
	"site_id" uuid NOT NULL,
	"department_id" uuid,
	"user_id" uuid,
	"status" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "form_counts_key" UNIQUE NULLS NOT DISTINCT("kind","site_id","user_id","department_id","status")
);
--> statement-breakpoint
CREATE TABLE "report_days" (
	"site_id" uuid NOT NULL,
	"day" date NOT NULL,
	"category_id" uuid,
	"department_id" uuid,
	"channel" text NOT NULL,
	"forms" integer NOT NULL,
	"resolved" integer NOT NULL,
	"on_time" integer NOT NULL,
	"not_founded" integer NOT NULL,
	"repeats" integer NOT NULL,
	CONSTRAINT "report_days_key" UNIQUE NULLS NOT DISTINCT("site_id","day","category_id","department_id","channel")
);
--> statement-breakpoint
-- The dashboards' counts and the report's daily summaries are kept by triggers, so that every
-- writer keeps them in its own transaction: the change routine and intake (lib/complaints), the
-- seed, the bench generator, privacy's updates, a restore. The terminal states below are
-- lib/workflow's `terminalStates`: a change of the procedure's states needs a migration here.

-- The form_counts keys a form counts under (see db/schema.ts formCounts).
CREATE OR REPLACE FUNCTION kesu_form_count_keys(c complaints)
  RETURNS TABLE (kind text, site_id uuid, department_id uuid, user_id uuid, status text)
  LANGUAGE sql IMMUTABLE AS $$
  SELECT 'state', c.site_id, c.department_id, NULL::uuid, c.status
  UNION ALL
  SELECT 'manager', c.site_id, c.department_id, c.customer_manager_id, c.status
   WHERE c.customer_manager_id IS NOT NULL AND c.status NOT IN ('archived', 'rejected', 'withdrawn')
  UNION ALL
  SELECT 'instruction', c.site_id, c.department_id, NULL::uuid, c.status
   WHERE c.major AND c.gm_instructed_at IS NULL AND c.status NOT IN ('archived', 'rejected', 'withdrawn')
$$;
--> statement-breakpoint
-- What a form adds to its report_days row; `repeats` asks complaint_links (one primary-key probe).
CREATE OR REPLACE FUNCTION kesu_report_day_of(c complaints)
  RETURNS TABLE (site_id uuid, day date, category_id uuid, department_id uuid, channel text,
                 forms int, resolved int, on_time int, not_founded int, repeats int)
  LANGUAGE sql STABLE AS $$
  SELECT c.site_id, (c.received_at AT TIME ZONE 'UTC')::date, c.category_id, c.department_id, c.channel,
         1,
         (c.resolved_at IS NOT NULL)::int,
         coalesce(c.resolved_at <= c.resolution_due_at, false)::int,
         coalesce(c.status = 'rejected' AND c.founded = false, false)::int,
         (EXISTS (SELECT 1 FROM complaint_links l WHERE l.complaint_id = c.id))::int
$$;
--> statement-breakpoint
-- Adds one form's contributions (sign +1) or takes them away (-1): the old row's keys and the new
-- row's, netted, upserted in key order so that two transactions always lock counters in the same
-- order (no deadlock between a change from A to B and one from B to A).
CREATE OR REPLACE FUNCTION kesu_keep_form_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO form_counts AS f (kind, site_id, department_id, user_id, status, n)
  SELECT x.kind, x.site_id, x.department_id, x.user_id, x.status, sum(x.d)::int
    FROM (
      SELECT k.*, -1 AS d FROM kesu_form_count_keys(OLD) k WHERE TG_OP <> 'INSERT'
      UNION ALL
      SELECT k.*, 1 AS d FROM kesu_form_count_keys(NEW) k WHERE TG_OP <> 'DELETE'
    ) x
   GROUP BY x.kind, x.site_id, x.user_id, x.department_id, x.status
  HAVING sum(x.d) <> 0
   ORDER BY x.kind, x.site_id, x.user_id, x.department_id, x.status
  ON CONFLICT ON CONSTRAINT form_counts_key DO UPDATE SET n = f.n + excluded.n;

  INSERT INTO report_days AS r (site_id, day, category_id, department_id, channel, forms, resolved, on_time, not_founded, repeats)
  SELECT x.site_id, x.day, x.category_id, x.department_id, x.channel,
         sum(x.d * x.forms)::int, sum(x.d * x.resolved)::int, sum(x.d * x.on_time)::int, sum(x.d * x.not_founded)::int, sum(x.d * x.repeats)::int
    FROM (
      SELECT v.*, -1 AS d FROM kesu_report_day_of(OLD) v WHERE TG_OP <> 'INSERT'
      UNION ALL
      SELECT v.*, 1 AS d FROM kesu_report_day_of(NEW) v WHERE TG_OP <> 'DELETE'
    ) x
   GROUP BY x.site_id, x.day, x.category_id, x.department_id, x.channel
  HAVING sum(x.d * x.forms) <> 0 OR sum(x.d * x.resolved) <> 0 OR sum(x.d * x.on_time) <> 0
      OR sum(x.d * x.not_founded) <> 0 OR sum(x.d * x.repeats) <> 0
   ORDER BY x.site_id, x.day, x.category_id, x.department_id, x.channel
  ON CONFLICT ON CONSTRAINT report_days_key DO UPDATE SET
    forms = r.forms + excluded.forms, resolved = r.resolved + excluded.resolved, on_time = r.on_time + excluded.on_time,
    not_founded = r.not_founded + excluded.not_founded, repeats = r.repeats + excluded.repeats;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER complaints_keep_counts_insert_delete
  AFTER INSERT OR DELETE ON complaints
  FOR EACH ROW EXECUTE FUNCTION kesu_keep_form_counts();
--> statement-breakpoint
-- Most changes of a form (a note, a draft, a receipt shown, anonymisation) touch no counted column:
-- the trigger does not even fire for them.
CREATE TRIGGER complaints_keep_counts_update
  AFTER UPDATE ON complaints
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.site_id IS DISTINCT FROM NEW.site_id
        OR OLD.department_id IS DISTINCT FROM NEW.department_id OR OLD.customer_manager_id IS DISTINCT FROM NEW.customer_manager_id
        OR OLD.major IS DISTINCT FROM NEW.major OR OLD.gm_instructed_at IS DISTINCT FROM NEW.gm_instructed_at
        OR OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.category_id IS DISTINCT FROM NEW.category_id
        OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at
        OR OLD.resolution_due_at IS DISTINCT FROM NEW.resolution_due_at OR OLD.founded IS DISTINCT FROM NEW.founded)
  EXECUTE FUNCTION kesu_keep_form_counts();
--> statement-breakpoint
-- A form becomes a repeat with its first link and stops being one with its last (statement-level:
-- intake inserts all of a form's links in one statement).
CREATE OR REPLACE FUNCTION kesu_keep_repeat_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_days AS r (site_id, day, category_id, department_id, channel, forms, resolved, on_time, not_founded, repeats)
  SELECT c.site_id, (c.received_at AT TIME ZONE 'UTC')::date, c.category_id, c.department_id, c.channel, 0, 0, 0, 0,
         sum(CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END)::int
    FROM complaints c
   WHERE c.id IN (
     SELECT t.complaint_id FROM changed_links t GROUP BY t.complaint_id
     HAVING CASE WHEN TG_OP = 'INSERT'
       -- every link of the form is new: it was no repeat before this statement
       THEN count(*) = (SELECT count(*) FROM complaint_links l WHERE l.complaint_id = t.complaint_id)
       ELSE NOT EXISTS (SELECT 1 FROM complaint_links l WHERE l.complaint_id = t.complaint_id) END)
   GROUP BY 1, 2, 3, 4, 5
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ON CONSTRAINT report_days_key DO UPDATE SET repeats = r.repeats + excluded.repeats;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER complaint_links_keep_repeats_insert
  AFTER INSERT ON complaint_links
  REFERENCING NEW TABLE AS changed_links
  FOR EACH STATEMENT EXECUTE FUNCTION kesu_keep_repeat_counts();
--> statement-breakpoint
CREATE TRIGGER complaint_links_keep_repeats_delete
  AFTER DELETE ON complaint_links
  REFERENCING OLD TABLE AS changed_links
  FOR EACH STATEMENT EXECUTE FUNCTION kesu_keep_repeat_counts();
--> statement-breakpoint
-- Both tables again from the forms (the backfill below; the bench generator after a bulk load).
-- The same keys and contributions as kesu_form_count_keys and kesu_report_day_of, written out
-- set-based: a lateral call of those functions under GROUP BY fails in PostgreSQL's planner
-- ("variable not found in subplan target list"), and one pass per table is faster anyway.
-- tests/counters/maintained.test.ts checks that both ways agree.
CREATE OR REPLACE FUNCTION kesu_recount_maintained() RETURNS void LANGUAGE sql AS $$
  DELETE FROM form_counts;
  INSERT INTO form_counts (kind, site_id, department_id, user_id, status, n)
  SELECT 'state', site_id, department_id, NULL::uuid, status, count(*)::int
    FROM complaints GROUP BY site_id, department_id, status
  UNION ALL
  SELECT 'manager', site_id, department_id, customer_manager_id, status, count(*)::int
    FROM complaints WHERE customer_manager_id IS NOT NULL AND status NOT IN ('archived', 'rejected', 'withdrawn')
   GROUP BY site_id, department_id, customer_manager_id, status
  UNION ALL
  SELECT 'instruction', site_id, department_id, NULL::uuid, status, count(*)::int
    FROM complaints WHERE major AND gm_instructed_at IS NULL AND status NOT IN ('archived', 'rejected', 'withdrawn')
   GROUP BY site_id, department_id, status;
  DELETE FROM report_days;
  INSERT INTO report_days (site_id, day, category_id, department_id, channel, forms, resolved, on_time, not_founded, repeats)
  SELECT c.site_id, (c.received_at AT TIME ZONE 'UTC')::date, c.category_id, c.department_id, c.channel,
         count(*)::int,
         count(c.resolved_at)::int,
         count(*) FILTER (WHERE c.resolved_at <= c.resolution_due_at)::int,
         count(*) FILTER (WHERE c.status = 'rejected' AND c.founded = false)::int,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM complaint_links l WHERE l.complaint_id = c.id))::int
    FROM complaints c
   GROUP BY c.site_id, (c.received_at AT TIME ZONE 'UTC')::date, c.category_id, c.department_id, c.channel;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kesu_clear_maintained() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM form_counts;
  DELETE FROM report_days;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER complaints_clear_counts
  AFTER TRUNCATE ON complaints
  FOR EACH STATEMENT EXECUTE FUNCTION kesu_clear_maintained();
--> statement-breakpoint
SELECT kesu_recount_maintained();
