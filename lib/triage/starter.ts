/**
 * The starter model: trained on the project's own labelled set (tests/fixtures/triage) by
 * `npm run triage:starter`, shipped as lib/triage/starter-model.json, and parsed once per process.
 * It serves the default categories until a business's own closed forms train a model of its own.
 */
import starter from './starter-model.json';
import { TriageModel, type TriageModelJson } from './model';

let model: TriageModel | null = null;

export const starterVersion: string = (starter as { version: string }).version;

export function starterModel(): TriageModel {
  model ??= TriageModel.fromJSON((starter as unknown as { model: TriageModelJson }).model);
  return model;
}
