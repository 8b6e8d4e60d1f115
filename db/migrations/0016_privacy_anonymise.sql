-- Personal data (lib/privacy): the one narrow exception to the append-only history.
-- A form's history stays append-only (no DELETE, no TRUNCATE, no UPDATE of what happened, when,
-- or by whom), but when a form is anonymised (complaints.anonymised_at set, a person's request
-- or the retention period), its events' payloads and a customer's own name as the actor must be
-- replaced too. The trigger lets an UPDATE through only when ALL of these hold:
--   * the transaction has set `kesu.anonymising` to 'on' (set_config(…, true): transaction-local);
--   * the form is already marked anonymised;
--   * nothing changes but `payload`, and `actor_name` only on a customer's own event.
CREATE OR REPLACE FUNCTION kesu_refuse_history_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND coalesce(current_setting('kesu.anonymising', true), '') = 'on'
     AND (NEW.id, NEW.complaint_id, NEW.version, NEW.type, NEW.from_state, NEW.to_state, NEW.actor_id, NEW.actor_role, NEW.at, NEW.customer_visible)
         IS NOT DISTINCT FROM (OLD.id, OLD.complaint_id, OLD.version, OLD.type, OLD.from_state, OLD.to_state, OLD.actor_id, OLD.actor_role, OLD.at, OLD.customer_visible)
     AND (NEW.actor_name = OLD.actor_name OR OLD.actor_role = 'customer')
     AND EXISTS (SELECT 1 FROM complaints c WHERE c.id = OLD.complaint_id AND c.anonymised_at IS NOT NULL)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'complaint_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A JSON value with every free-text string replaced by '***'. Kept: numbers, booleans, nulls and
-- the strings that are codes, not words (lower-case identifiers such as states, kinds and
-- reasons; form numbers; uuids; sha256 hashes; ISO dates and times), so that the history keeps
-- its shape.
CREATE OR REPLACE FUNCTION kesu_anonymise_jsonb(j jsonb) RETURNS jsonb AS $$
BEGIN
  IF j IS NULL THEN
    RETURN NULL;
  ELSIF jsonb_typeof(j) = 'object' THEN
    RETURN coalesce((SELECT jsonb_object_agg(e.key, kesu_anonymise_jsonb(e.value)) FROM jsonb_each(j) AS e), '{}'::jsonb);
  ELSIF jsonb_typeof(j) = 'array' THEN
    RETURN coalesce((SELECT jsonb_agg(kesu_anonymise_jsonb(e.value) ORDER BY e.n) FROM jsonb_array_elements(j) WITH ORDINALITY AS e(value, n)), '[]'::jsonb);
  ELSIF jsonb_typeof(j) = 'string' THEN
    IF (j #>> '{}') ~ '^([a-z][a-z0-9_]{0,39}|KS-[0-9]{4}-[0-9]{6}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64}|[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?)$' THEN
      RETURN j;
    END IF;
    RETURN to_jsonb('***'::text);
  END IF;
  RETURN j;
END;
$$ LANGUAGE plpgsql IMMUTABLE;
--> statement-breakpoint
-- Staff texts that are kept (root cause, opinions, accountability reasons): only the customer's
-- identifiers written into them are replaced.
CREATE OR REPLACE FUNCTION kesu_scrub(t text, secrets text[]) RETURNS text AS $$
DECLARE
  s text;
  r text := t;
BEGIN
  IF r IS NULL THEN
    RETURN NULL;
  END IF;
  FOREACH s IN ARRAY secrets LOOP
    IF s IS NOT NULL AND length(s) >= 2 THEN
      r := replace(r, s, '***');
    END IF;
  END LOOP;
  RETURN r;
END;
$$ LANGUAGE plpgsql IMMUTABLE;
