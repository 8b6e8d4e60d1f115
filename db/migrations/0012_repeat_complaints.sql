CREATE TABLE "complaint_links" (
	"complaint_id" uuid NOT NULL,
	"earlier_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_links_complaint_id_earlier_id_reason_pk" PRIMARY KEY("complaint_id","earlier_id","reason")
);
--> statement-breakpoint
DROP INDEX "complaints_plate_idx";--> statement-breakpoint
ALTER TABLE "complaint_links" ADD CONSTRAINT "complaint_links_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_links" ADD CONSTRAINT "complaint_links_earlier_id_complaints_id_fk" FOREIGN KEY ("earlier_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_links_earlier_idx" ON "complaint_links" USING btree ("earlier_id");--> statement-breakpoint
CREATE INDEX "complaints_plate_key_idx" ON "complaints" USING btree (upper(regexp_replace("plate", '[[:space:]　·•.-]', '', 'g')));--> statement-breakpoint
CREATE INDEX "complaints_text_key_idx" ON "complaints" USING btree ("category_id",md5(lower(regexp_replace("description", '[[:space:][:punct:]　，。！？、；：“”‘’（）【】《》…—～·]', '', 'g'))));--> statement-breakpoint
-- Phones stored as typed ("139 2233 4455", "+86 139-2233-4455", "0755-1234 5678") become E.164,
-- the form the intake now stores (lib/validation/phone.ts, libphonenumber-js, CN by default).
-- SQL has no libphonenumber: these rules cover the Chinese forms of numbers (mobile 1[3-9] + 9
-- digits, with or without 86 / +86 / 0086; landline 0 + area code + number; 400/800 numbers)
-- and any number already written with + or 00 and its country code. A value that fits none of
-- them is left as it was (still found by its digits). The digits index of migration 0006
-- (complaints_phone_digits_idx) is an expression over customer_phone: it follows the update.
CREATE FUNCTION kesu_e164_cn(raw text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE
    WHEN plus AND d ~ '^[1-9][0-9]{6,14}$' THEN '+' || d
    WHEN d ~ '^00[1-9][0-9]{6,14}$' THEN '+' || substr(d, 3)
    WHEN d ~ '^861[3-9][0-9]{9}$' THEN '+' || d
    WHEN d ~ '^1[3-9][0-9]{9}$' THEN '+86' || d
    WHEN d ~ '^0[1-9][0-9]{8,10}$' THEN '+86' || substr(d, 2)
    WHEN d ~ '^[48]00[0-9]{7}$' THEN '+86' || d
  END
  FROM (
    SELECT regexp_replace(t, '[^0-9]', '', 'g') AS d, t ~ '^\s*\+' AS plus
    FROM (SELECT translate(raw, '０１２３４５６７８９＋', '0123456789+') AS t) full_width
  ) parts
$$;
--> statement-breakpoint
UPDATE "complaints" SET "customer_phone" = kesu_e164_cn("customer_phone")
WHERE kesu_e164_cn("customer_phone") IS NOT NULL AND kesu_e164_cn("customer_phone") <> "customer_phone";
--> statement-breakpoint
-- Text messages not sent yet go to the number in its new form too.
UPDATE "notifications" SET "address" = kesu_e164_cn("address")
WHERE "channel" = 'sms' AND "sent_at" IS NULL AND kesu_e164_cn("address") IS NOT NULL AND kesu_e164_cn("address") <> "address";
--> statement-breakpoint
DROP FUNCTION kesu_e164_cn(text);
--> statement-breakpoint
-- Statistics for the new index expressions and the updated phones (PGlite has no autovacuum).
ANALYZE "complaints";
