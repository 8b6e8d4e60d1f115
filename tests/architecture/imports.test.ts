// The structure the design card asks for, checked on the import lines so it cannot erode
// unnoticed: lib/workflow is the procedure alone, lib/public builds on lib/complaints (never
// the other way round), and pages and components read the database only through lib/.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(rel));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** The modules a file imports, with '@/' and relative paths resolved to project paths. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((s) => (s.startsWith('@/') ? s.slice(2) : s.startsWith('.') ? path.join(path.dirname(file), s) : s));
}

function offending(files: string[], forbidden: (spec: string) => boolean): string[] {
  return files.flatMap((f) => importsOf(f).filter(forbidden).map((s) => `${f} → ${s}`));
}

describe('module structure', () => {
  it('finds the files it checks', () => {
    expect(sources('lib/workflow').length).toBeGreaterThan(5);
    expect(importsOf('lib/public/tracking.ts')).toContain('lib/complaints/outbox');
  });

  it('lib/workflow holds the procedure and nothing else: no database, framework or other lib module', () => {
    const bad = offending(sources('lib/workflow'), (s) => /^(db|lib\/(?!workflow|validation))|^(next|react|drizzle-orm|pg)\b/.test(s));
    expect(bad).toEqual([]);
  });

  it('lib/complaints does not import lib/public (the arrows run one way)', () => {
    expect(offending(sources('lib/complaints'), (s) => s.startsWith('lib/public'))).toEqual([]);
  });

  // A view may be handed a connection (getDb) to pass to lib/; it never builds a query or
  // names a table.
  it('pages, layouts and components do not query: no db/ schema, no drizzle-orm', () => {
    const views = [...sources('app'), ...sources('components')].filter((f) => f.startsWith('components/') || /\/(page|layout|not-found|forbidden)\.tsx$/.test(f));
    expect(views.length).toBeGreaterThan(20);
    expect(offending(views, (s) => (s.startsWith('db/') && s !== 'db/client') || s.startsWith('drizzle-orm'))).toEqual([]);
  });
});
