import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, APIResponse } from '@playwright/test';

/**
 * Server actions called as an attacker would: a POST with the action's id in `Next-Action`.
 * The ids come from the build under test (.next/server/server-reference-manifest.json).
 */
export function actionId(exportedName: string, file?: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join('.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName: string; filename: string }>;
  };
  const hit = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName && (!file || v.filename === file));
  if (!hit) throw new Error(`no server action ${exportedName} in the build`);
  return hit[0];
}

export async function callAction(
  request: APIRequestContext,
  { page, id, args, headers = {} }: { page: string; id: string; args: unknown[]; headers?: Record<string, string> },
) {
  return request.post(page, {
    headers: { 'Next-Action': id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', ...headers },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

/** The action's returned state from a React Server Components reply (row 0 refers to it). */
export async function actionState<T = { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string[]>; data?: unknown }>(res: APIResponse): Promise<T> {
  const rows = new Map<string, string>();
  for (const line of (await res.text()).split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  const head = JSON.parse(rows.get('0') ?? '{}') as { a?: unknown };
  if (typeof head.a === 'string' && head.a.startsWith('$@')) return JSON.parse(rows.get(head.a.slice(2)) ?? 'null') as T;
  return head.a as T;
}
