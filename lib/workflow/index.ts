/**
 * Kesu's procedure as plain data and pure functions (DESIGN §2–3): no database, React or Next.
 *
 * Applying an event (the command layer):
 *   1. `checkEvent(actor, form, event)` — refusals carry an i18n code (messages/<locale>/workflow.json "refusals").
 *   2. `eventSchemas[event].safeParse(input)` — on failure refuse with code 'invalid_input'.
 *   3. `decide(form, event, parsed, ctx)` — next state, column patch, effects, history payload.
 *   4. In one transaction: check and bump `version`, append the history row (from, to, payload,
 *      customerVisible), write the patch, carry out the effects (remedies, accountability,
 *      pending ledger, notification outbox).
 *
 * Pending proposal → ledger: `propose_pending` stores `{ reason, explanation }` in its history
 * payload. When the GM fires `approve_pending`, pass that proposal as `ctx.pendingProposal`
 * (`latestPendingProposal(history)` finds it); `decide` throws without it. It returns a
 * `ledger_open` effect with the proposal and the next contact date, and copies both into the
 * approve_pending payload so the ledger row can be rebuilt from the history alone.
 */
export * from './states';
export * from './transitions';
export * from './types';
export * from './calendar';
export * from './sla';
export * from './schemas';
export * from './guards';
export * from './decide';
