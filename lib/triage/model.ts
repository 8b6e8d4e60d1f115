/**
 * The triage model: four classifiers over one set of features (lib/triage/features.ts) — category,
 * owning department, severity and crisis — and the rules of DESIGN §2a that no learned weight may
 * overrule (a crisis is always urgent). Pure: text in, suggestion out.
 */
import { analyse } from './features';
import { LinearModel, type LinearModelJson, type TrainOptions } from './linear';
import { categoryCodes, departmentCodes, severityCodes, type LabelledComplaint, type TriageInput } from './labels';
import { crisisSignalNames, type SignalName } from './signals';

export interface LabelSuggestion {
  /** the most probable label */
  code: string;
  /** its probability, 0–1 */
  confidence: number;
  /** every label's probability (they sum to one) */
  probabilities: Record<string, number>;
}

export interface Suggestion {
  category: LabelSuggestion;
  department: LabelSuggestion;
  severity: LabelSuggestion;
  crisis: { flag: boolean; confidence: number; signals: SignalName[] };
}

export interface TriageModelJson {
  format: 1;
  crisisThreshold: number;
  heads: { category: LinearModelJson; department: LinearModelJson; severity: LinearModelJson; crisis: LinearModelJson };
}

/** Below this probability of `true` a form is not flagged; recall matters more than precision. */
export const defaultCrisisThreshold = 0.35;

function label(model: LinearModel, probs: number[]): LabelSuggestion {
  let best = 0;
  for (let i = 1; i < probs.length; i++) if (probs[i] > probs[best]) best = i;
  return {
    code: model.classes[best],
    confidence: probs[best],
    probabilities: Object.fromEntries(model.classes.map((c, i) => [c, probs[i]])),
  };
}

/** Classes for a head: the default codes first, then any other code seen in the data. */
function classesOf(defaults: readonly string[], seen: string[]): string[] {
  const present = new Set(seen);
  return [...defaults.filter((c) => present.has(c)), ...[...present].filter((c) => !defaults.includes(c)).sort()];
}

export class TriageModel {
  constructor(
    private readonly heads: { category: LinearModel; department: LinearModel; severity: LinearModel; crisis: LinearModel },
    readonly crisisThreshold = defaultCrisisThreshold,
  ) {}

  /** The categories this model can suggest. */
  get categories(): string[] {
    return this.heads.category.classes;
  }

  static train(data: LabelledComplaint[], opts: TrainOptions & { crisisThreshold?: number } = {}): TriageModel {
    if (!data.length) throw new Error('No training data');
    const rows = data.map((d) => analyse(d).features);
    const head = (defaults: readonly string[], labels: string[]) => ({ labels, classes: classesOf(defaults, labels) });
    const [category, department, severity, crisis] = LinearModel.trainHeads(
      rows,
      [
        head(categoryCodes, data.map((d) => d.category)),
        head(departmentCodes, data.map((d) => d.department)),
        head(severityCodes, data.map((d) => d.severity)),
        { labels: data.map((d) => String(d.crisis)), classes: ['false', 'true'] },
      ],
      opts,
    );
    return new TriageModel(
      { category, department, severity, crisis },
      opts.crisisThreshold ?? defaultCrisisThreshold,
    );
  }

  suggest(input: TriageInput): Suggestion {
    const { features, signals } = analyse(input);
    const pCrisis = this.heads.crisis.predict(features)[1];
    const crisisSignals = crisisSignalNames.filter((n) => signals.has(n));
    const flag = pCrisis >= this.crisisThreshold;
    const severity = label(this.heads.severity, this.heads.severity.predict(features));
    // §2a: a crisis is always urgent.
    if (flag && severity.code !== 'urgent' && 'urgent' in severity.probabilities) {
      severity.code = 'urgent';
      severity.confidence = Math.max(severity.probabilities.urgent, pCrisis);
    }
    return {
      category: label(this.heads.category, this.heads.category.predict(features)),
      department: label(this.heads.department, this.heads.department.predict(features)),
      severity,
      crisis: { flag, confidence: flag ? pCrisis : 1 - pCrisis, signals: crisisSignals },
    };
  }

  /**
   * This model with the crisis classifier of `other`. A business's closed forms carry no crisis
   * label of their own, so a model trained on them keeps the starter's crisis classifier.
   */
  withCrisisFrom(other: TriageModel): TriageModel {
    return new TriageModel({ ...this.heads, crisis: other.heads.crisis }, other.crisisThreshold);
  }

  toJSON(): TriageModelJson {
    return {
      format: 1,
      crisisThreshold: this.crisisThreshold,
      heads: {
        category: this.heads.category.toJSON(),
        department: this.heads.department.toJSON(),
        severity: this.heads.severity.toJSON(),
        crisis: this.heads.crisis.toJSON(),
      },
    };
  }

  static fromJSON(json: TriageModelJson): TriageModel {
    if (json.format !== 1) throw new Error(`Unknown triage model format ${String(json.format)}`);
    return new TriageModel(
      {
        category: LinearModel.fromJSON(json.heads.category),
        department: LinearModel.fromJSON(json.heads.department),
        severity: LinearModel.fromJSON(json.heads.severity),
        crisis: LinearModel.fromJSON(json.heads.crisis),
      },
      json.crisisThreshold,
    );
  }
}
