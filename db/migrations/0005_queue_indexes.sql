DROP INDEX "complaints_status_due_idx";--> statement-breakpoint
DROP INDEX "complaints_department_status_idx";--> statement-breakpoint
DROP INDEX "pending_items_open_idx";--> statement-breakpoint
CREATE INDEX "accountability_complaint_idx" ON "accountability_entries" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "accountability_created_idx" ON "accountability_entries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "attachments_complaint_idx" ON "attachments" USING btree ("complaint_id","created_at");--> statement-breakpoint
CREATE INDEX "complaint_parties_user_idx" ON "complaint_parties" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "complaints_queue_idx" ON "complaints" USING btree ("status","step_due_at","id");--> statement-breakpoint
CREATE INDEX "complaints_department_queue_idx" ON "complaints" USING btree ("department_id","status","step_due_at","id");--> statement-breakpoint
CREATE INDEX "complaints_manager_open_idx" ON "complaints" USING btree ("customer_manager_id","step_due_at","id") WHERE "complaints"."status" in ('received', 'investigating', 'pending_approval', 'pending', 'management_review', 'negotiation', 'gm_decision', 'accountability', 'follow_up', 'assessment', 'fault_review');--> statement-breakpoint
CREATE INDEX "complaints_gm_instruction_idx" ON "complaints" USING btree ("step_due_at","id") WHERE "complaints"."major" and "complaints"."gm_instructed_at" is null and "complaints"."status" in ('received', 'investigating', 'pending_approval', 'pending', 'management_review', 'negotiation', 'gm_decision', 'accountability', 'follow_up', 'assessment', 'fault_review');--> statement-breakpoint
CREATE INDEX "complaints_resolved_idx" ON "complaints" USING btree ("resolved_at") WHERE "complaints"."resolved_at" is not null;--> statement-breakpoint
CREATE INDEX "complaints_alert_idx" ON "complaints" USING btree ("step_due_at") WHERE "complaints"."status" in ('received', 'investigating', 'pending_approval', 'management_review', 'negotiation', 'gm_decision', 'accountability', 'follow_up', 'assessment', 'fault_review');--> statement-breakpoint
CREATE INDEX "complaints_waiting_idx" ON "complaints" USING btree (coalesce("last_customer_update_at", "received_at"),"id") WHERE "complaints"."status" in ('received', 'investigating', 'pending_approval', 'management_review', 'negotiation', 'gm_decision', 'accountability');--> statement-breakpoint
CREATE INDEX "notifications_complaint_idx" ON "notifications" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_user_id","channel","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pending_contacts_item_idx" ON "pending_contacts" USING btree ("pending_item_id","at");--> statement-breakpoint
CREATE INDEX "pending_items_closed_idx" ON "pending_items" USING btree ("closed_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "pending_items"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "pending_items_complaint_idx" ON "pending_items" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "remedies_complaint_idx" ON "remedies" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "remedies_kind_created_idx" ON "remedies" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "pending_items_open_idx" ON "pending_items" USING btree ("next_contact_on","id") WHERE "pending_items"."closed_at" is null;