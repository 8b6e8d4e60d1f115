import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientMessages, clientNamespaces, fieldErrorNamespaces, pickMessages, type ClientPart } from './client-messages';
import { loadMessages } from './messages';
import { locales } from './locales';
import { defaultLabelNamespaces, adminLabelNamespaces } from '@/lib/validation/messages';

// Every client component must find its messages in the provider of the part it is rendered in:
// a missing namespace shows raw keys. The parts' client files are found by following the imports
// from each part's folder (pages, layouts and everything they import).
const root = path.resolve(import.meta.dirname, '../..');
const parts: Record<ClientPart, { dir: string; skip?: string }> = {
  login: { dir: 'app/login' },
  public: { dir: 'app/(public)' },
  staff: { dir: 'app/(staff)', skip: 'app/(staff)/admin' },
  admin: { dir: 'app/(staff)/admin' },
};

function filesUnder(dir: string, skip?: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (skip && rel === skip) continue;
    if (e.isDirectory()) out.push(...filesUnder(rel, skip));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(rel);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return undefined;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = path.join(root, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return candidate;
  }
  return undefined;
}

const isClient = (file: string) => /^\s*['"]use client['"]/.test(fs.readFileSync(path.join(root, file), 'utf8'));

/** Every file reachable by import from the given ones. */
function reachable(start: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)) {
      const next = resolveImport(file, m[1]);
      if (next) todo.push(next);
    }
  }
  return seen;
}

/** The namespaces a file's useTranslations calls read; '' for the root translator. */
function namespacesOf(source: string): string[] {
  const out: string[] = [];
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of text.matchAll(/useTranslations\(\s*(?:'([^']*)')?\s*\)(?:\(\s*'([^']+)')?/g)) {
    const ns = m[1] ?? '';
    out.push(m[2] ? (ns ? `${ns}.${m[2]}` : m[2]) : ns);
  }
  return out;
}

const covers = (picked: readonly string[], ns: string) => picked.some((p) => ns === p || ns.startsWith(`${p}.`));

describe('client messages', () => {
  for (const [part, { dir, skip }] of Object.entries(parts) as [ClientPart, { dir: string; skip?: string }][]) {
    it(`every useTranslations namespace of ${part}'s client components is passed to them`, () => {
      const picked = clientNamespaces[part];
      const used = new Map<string, string>();
      // The client components rendered in the part, and what they import (hooks included).
      const clientFiles = reachable([...reachable(filesUnder(dir, skip))].filter(isClient));
      expect(clientFiles.size).toBeGreaterThan(0);
      for (const file of clientFiles) {
        const text = fs.readFileSync(path.join(root, file), 'utf8');
        for (const ns of namespacesOf(text)) used.set(ns, file);
      }
      expect(used.size).toBeGreaterThan(0);
      for (const [ns, file] of used) {
        if (ns === '') {
          // The root translator words field errors: every label namespace and the rules.
          for (const p of [...fieldErrorNamespaces, ...defaultLabelNamespaces, ...(part === 'admin' ? adminLabelNamespaces : [])]) {
            expect(covers(picked, p), `${file}: root translator needs ${p}`).toBe(true);
          }
        } else {
          expect(covers(picked, ns), `${file}: useTranslations('${ns}') is not in clientNamespaces.${part}`).toBe(true);
        }
      }
    });
  }

  it('every picked namespace exists in every locale, and a part gets only what it names', () => {
    for (const locale of locales) {
      const all = loadMessages(locale);
      for (const [part, paths] of Object.entries(clientNamespaces) as [ClientPart, readonly string[]][]) {
        const m = clientMessages(all, part);
        for (const p of paths) expect(p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], m), `${locale} ${p}`).toBeDefined();
        expect(JSON.stringify(m).length).toBeLessThan(JSON.stringify(all).length);
      }
      expect(Object.keys(clientMessages(all, 'login'))).toEqual(['login']);
    }
  });

  it('picks dotted paths without their siblings', () => {
    const m = pickMessages({ a: { b: { x: '1' }, c: '2' }, d: '3' }, ['a.b', 'd', 'missing.path']);
    expect(m).toEqual({ a: { b: { x: '1' } }, d: '3' });
  });
});
