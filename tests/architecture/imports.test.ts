// The structure the design card asks for, checked on the import lines so it cannot erode
// unnoticed: lib/workflow is the procedure alone, lib/public builds on lib/complaints (never
// the other way round), pages and components read the database only through lib/, and the lib
// modules that reach the database are server-only.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sources } from './sources';

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

  // Pages, layouts, route handlers, server actions and components reach the database only
  // through lib/: they import nothing from db/ (not even the client) and never build a query.
  it('app/ and components/ do not touch the database: no db/ import at all, no drizzle-orm', () => {
    const views = [...sources('app'), ...sources('components')];
    expect(views.length).toBeGreaterThan(20);
    expect(offending(views, (s) => s.startsWith('db/') || s.startsWith('drizzle-orm'))).toEqual([]);
  });

  // One link: components/ui/link.tsx, which does not prefetch (each prefetch runs a page's
  // layout on the server; a view of /desk once cost 16–21 of them).
  it('links go through components/ui/link.tsx, never next/link directly', () => {
    const views = [...sources('app'), ...sources('components')].filter((f) => f !== 'components/ui/link.tsx');
    expect(offending(views, (s) => s === 'next/link')).toEqual([]);
  });

  // A lib module that can reach the database stays out of any client bundle: `server-only`
  // makes the build fail if a client component ever imports it. A module that takes only
  // dataDir() (a folder path) from db/client does not reach the database.
  it('lib modules that take a database handle from db/client import server-only', () => {
    const handles = sources('lib').filter((f) => {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      const names = [...text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"](?:@\/db\/client|[./]+db\/client)['"]/g)].flatMap((m) =>
        m[1].split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter(Boolean),
      );
      return names.some((n) => n !== 'dataDir');
    });
    expect(handles.length).toBeGreaterThan(30);
    const missing = handles.filter((f) => !/^import 'server-only';$/m.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(missing).toEqual([]);
  });
});
