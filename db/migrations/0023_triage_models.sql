CREATE TABLE "triage_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" text NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"train_size" integer NOT NULL,
	"validate_size" integer NOT NULL,
	"scores" jsonb NOT NULL,
	"model" jsonb NOT NULL,
	"active" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "triage_models_active_uq" ON "triage_models" USING btree ("active") WHERE "triage_models"."active";