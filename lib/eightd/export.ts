import 'server-only';
import { translator } from '@/lib/export/labels';
import { tableBuffer } from '@/lib/export/writers';
import type { ExportTable } from '@/lib/export/table';
import type { EightDView } from './read';
import { disciplineFields, disciplines, type Discipline } from './schemas';

/** A discipline's text as the report reads it (D4 with its whys, numbered). */
export function disciplineText(view: EightDView, d: Discipline, t: (key: string, values?: Record<string, string | number>) => string): string {
  const r = view.report;
  const field = (name: string) => (r as unknown as Record<string, string | null>)[name] ?? '';
  if (d === 'd4') return [r.rootCause ?? '', ...r.whys.map((w, i) => t('lines.why', { n: i + 1, text: w }))].filter(Boolean).join('\n');
  if (d === 'd7') return disciplineFields.d7.map((f) => (field(f) ? t('lines.labelled', { label: t(`fields.${f}`), text: field(f) }) : '')).filter(Boolean).join('\n');
  return field(disciplineFields[d][0]);
}

/** The report as one sheet: each discipline with its text, deadline, completion and who completed it. */
export function eightdTables(view: EightDView, locale: string, timeZone: string): ExportTable[] {
  const t = translator(locale, 'eightd');
  return [
    {
      title: t('title'),
      timeZone,
      columns: [
        { header: t('columns.discipline'), type: 'text', width: 22 },
        { header: t('columns.content'), type: 'text', width: 70 },
        { header: t('columns.due'), type: 'datetime' },
        { header: t('columns.done'), type: 'datetime' },
        { header: t('columns.doneBy'), type: 'text' },
      ],
      rows: [
        [view.report.title, view.forms.map((f) => f.number).join(', '), null, null, null],
        ...disciplines.map((d) => {
          const step = view.steps.find((s) => s.discipline === d);
          return [`${d.toUpperCase()} ${t(`disciplines.${d}`)}`, disciplineText(view, d, t), step?.dueAt, step?.doneAt, step?.doneBy];
        }),
      ],
    },
  ];
}

export function eightdWorkbook(view: EightDView, locale: string, timeZone: string): Promise<Buffer> {
  return tableBuffer(eightdTables(view, locale, timeZone));
}
