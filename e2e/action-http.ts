import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';

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
