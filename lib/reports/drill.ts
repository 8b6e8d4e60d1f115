import type { DashboardFilters, Period } from './period';

/** What a number narrows the search to, beyond the period and the dashboard's filters. */
export interface Drill {
  category?: string;
  department?: string;
  stage?: 'open' | 'closed';
  overdue?: boolean;
  founded?: 'yes' | 'no';
  repeat?: boolean;
  satisfaction?: number;
  cause?: string;
  /** Forms that left this step late in the period (by the day they left it, not received). */
  late?: string;
  /** A department's load is now, not the period's: no received-date range. */
  anyTime?: boolean;
  from?: string;
  to?: string;
}

/**
 * The staff search (/complaints, keyset-paged) with the filters behind a dashboard number: the
 * forms it counts are exactly the ones listed (lib/complaints/search.ts applies the same
 * conditions as lib/reports/dashboard.ts).
 */
export function drillHref(period: Pick<Period, 'from' | 'to'>, filters: DashboardFilters, drill: Drill = {}): string {
  const q = new URLSearchParams();
  if (drill.late) {
    q.set('late', drill.late);
    q.set('lateFrom', period.from);
    q.set('lateTo', period.to);
  } else if (!drill.anyTime) {
    q.set('from', drill.from ?? period.from);
    q.set('to', drill.to ?? period.to);
  }
  const merged: Record<string, string | undefined> = {
    site: filters.site,
    category: drill.category ?? filters.category,
    department: drill.department ?? filters.department,
    handler: filters.handler,
    channel: filters.channel,
    severity: filters.severity,
    stage: drill.stage,
    overdue: drill.overdue ? '1' : undefined,
    founded: drill.founded,
    repeat: drill.repeat ? '1' : undefined,
    satisfaction: drill.satisfaction ? String(drill.satisfaction) : undefined,
    cause: drill.cause,
  };
  for (const [k, v] of Object.entries(merged)) if (v) q.set(k, v);
  return `/complaints?${q}`;
}
