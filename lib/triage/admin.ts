import 'server-only';
/**
 * The admin's triage page (/admin/triage): the model in use with its validated scores beside the
 * most-frequent-class baseline, the stored models, how often the desk took the suggestion, and
 * the settings (confidence to pre-fill, the high-frequency window, the centre's head).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { rowsOf } from '@/lib/privacy/anonymise';
import { requireAdmin, type AdminViewer } from '@/lib/admin/viewer';
import type { LabelScores } from './evaluate';
import { listTriageModels } from './training';
import { loadTriageSettings, storeTriageSettings, type TriageSettings } from './settings';
import { triageSettingsSchema, type TriageSettingsInput } from './settings-schema';
import starterScores from './starter-scores.json';

export type ScoredLabel = 'category' | 'department' | 'severity' | 'crisis';

export interface ModelSummary {
  version: string;
  starter: boolean;
  trainedAt: Date | null;
  trainSize: number;
  validateSize: number;
  labels: Partial<Record<ScoredLabel, LabelScores>>;
}

export interface Acceptance {
  /** Forms whose intake recorded a suggestion, in the period. */
  forms: number;
  /** Of those triaged (department and severity are chosen at the triage step). */
  triaged: number;
  category: number;
  crisis: number;
  department: number;
  severity: number;
}

/** How far back the acceptance rate looks. */
export const acceptanceDays = 90;

/**
 * How often the suggestion was taken: the intake's history row keeps what was suggested and what
 * was chosen (category, crisis); the first triage step's row what was chosen for department and
 * severity. Of the forms received in the last `acceptanceDays` days of the admin's site.
 */
export async function suggestionAcceptance(viewer: AdminViewer, db?: Db, now = new Date()): Promise<Acceptance> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  const since = new Date(now.getTime() - acceptanceDays * 86_400_000);
  const sug = sql`e.payload->'triage'->'suggested'`;
  const chosen = sql`e.payload->'triage'->'chosen'`;
  const rows = await d.execute(sql`
    select count(*)::int as forms,
           count(t.payload)::int as triaged,
           count(*) filter (where ${sug}->'category'->>'code' = ${chosen}->>'category')::int as category,
           count(*) filter (where (${sug}->'crisis'->>'flag') = (${chosen}->>'crisis'))::int as crisis,
           count(*) filter (where dept.code = ${sug}->'department'->>'code')::int as department,
           count(*) filter (where t.payload->>'severity' = ${sug}->'severity'->>'code')::int as severity
      from complaint_events e
      join complaints c on c.id = e.complaint_id
      left join lateral (
        select t.payload from complaint_events t
         where t.complaint_id = e.complaint_id and t.type = 'triage'
         order by t.version limit 1) t on true
      left join departments dept on dept.id::text = t.payload->>'departmentId'
     where e.type = 'create' and e.payload ? 'triage' and e.at >= ${since} and c.site_id = ${viewer.siteId}`);
  return rowsOf<Acceptance>(rows)[0] ?? { forms: 0, triaged: 0, category: 0, crisis: 0, department: 0, severity: 0 };
}

export interface TriageAdminView {
  inUse: ModelSummary;
  models: ModelSummary[];
  settings: TriageSettings;
  acceptance: Acceptance;
  /** Who may be named the centre's head: the active desk and management staff of the site. */
  centreHeadChoices: { id: string; name: string }[];
}

function businessSummary(m: Awaited<ReturnType<typeof listTriageModels>>[number]): ModelSummary & { active: boolean } {
  const scores = m.scores as Partial<Record<ScoredLabel, LabelScores>>;
  return {
    version: m.version,
    starter: false,
    trainedAt: m.trainedAt,
    trainSize: m.trainSize,
    validateSize: m.validateSize,
    // A business model keeps the starter's crisis classifier (closed forms carry no crisis label).
    labels: { category: scores.category, department: scores.department, severity: scores.severity, crisis: starterScores.labels.crisis },
    active: m.active,
  };
}

export const starterSummary: ModelSummary = {
  version: starterScores.version,
  starter: true,
  trainedAt: null,
  trainSize: starterScores.trainSize,
  validateSize: starterScores.validateSize,
  labels: starterScores.labels,
};

export async function loadTriageAdmin(viewer: AdminViewer, db?: Db): Promise<TriageAdminView> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  const [models, settings, acceptance, centreHeadChoices] = await Promise.all([
    listTriageModels(d),
    loadTriageSettings(d),
    suggestionAcceptance(viewer, d),
    d
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.siteId, viewer.siteId), eq(users.active, true), inArray(users.role, ['desk', 'management'])))
      .orderBy(asc(users.name)),
  ]);
  const summaries = models.slice(0, 10).map(businessSummary);
  return { inUse: summaries.find((m) => m.active) ?? starterSummary, models: summaries, settings, acceptance, centreHeadChoices };
}

/** The admin saves the settings; recorded in the audit log. A centre head must be of the admin's site. */
export async function saveTriageSettings(viewer: AdminViewer, input: TriageSettingsInput, db?: Db): Promise<TriageSettings> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  const s = triageSettingsSchema.parse(input);
  const settings: TriageSettings = { ...s, centreHeadUserId: s.centreHeadUserId || null };
  return d.transaction(async (tx) => {
    if (settings.centreHeadUserId) {
      const [head] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, settings.centreHeadUserId), eq(users.siteId, viewer.siteId), eq(users.active, true)));
      if (!head) settings.centreHeadUserId = null;
    }
    const before = await loadTriageSettings(tx);
    await storeTriageSettings(tx, settings);
    await recordAudit(tx, { actorUserId: viewer.id, siteId: viewer.siteId, action: 'triage.settings', targetType: 'triage', before, after: settings });
    return settings;
  });
}

/** Records the admin's request to retrain (the action queues the job). */
export async function recordRetrainRequest(viewer: AdminViewer, db?: Db): Promise<void> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  await recordAudit(d, { actorUserId: viewer.id, siteId: viewer.siteId, action: 'triage.retrain', targetType: 'triage' });
}
