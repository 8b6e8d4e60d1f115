import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// One colon style per language: full-width "：" in Chinese, ": " in English. A mix reads as
// careless ("说明: …" next to "原因：…"), and "：" in English text looks like a typo.
const dir = (locale: string) => path.join(process.cwd(), 'messages', locale);

function strings(node: unknown, at: string, out: [string, string][]) {
  if (typeof node === 'string') out.push([at, node]);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) strings(v, at ? `${at}.${k}` : k, out);
  return out;
}

function allStrings(locale: string): [string, string][] {
  return fs
    .readdirSync(dir(locale))
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => strings(JSON.parse(fs.readFileSync(path.join(dir(locale), f), 'utf8')), f.slice(0, -5), []));
}

const cjk = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

/** An ASCII colon in Chinese text: after a Han character or a closing ICU argument among Han text. */
function asciiColonsInChinese(text: string): string[] {
  if (!cjk.test(text)) return [];
  // "10:30", "https://" and "{time}" are not prose colons.
  return [...text.matchAll(/(.{0,6}):(?!\/\/)(?!\d)(.{0,6})/gu)].map((m) => m[0]).filter((m) => !/\d:\d/.test(m));
}

describe('colons', () => {
  it('finds the mixes it is meant to find', () => {
    expect(asciiColonsInChinese('说明: 客户可见')).toHaveLength(1);
    expect(asciiColonsInChinese('下次尝试:{at}')).toHaveLength(1);
    expect(asciiColonsInChinese('说明：客户可见')).toEqual([]);
    expect(asciiColonsInChinese('打开 https://kesu.test 于 10:30')).toEqual([]);
    expect(asciiColonsInChinese('Reason: text')).toEqual([]);
  });

  it('zh-CN uses the full-width colon only', () => {
    const bad = allStrings('zh-CN').filter(([, text]) => asciiColonsInChinese(text).length > 0);
    expect(bad.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('en uses ": " and never the full-width colon', () => {
    const bad = allStrings('en').filter(([, text]) => text.includes('：'));
    expect(bad.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });
});

// Text built in code takes its colon from the formatter (format.labelled), so a hard-coded
// "：" (wrong in English) or "…)}: " after a translated label (wrong in Chinese) is a bug.
function sourceFiles(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('colons built in code', () => {
  const files = ['app', 'components'].flatMap((d) => sourceFiles(path.join(process.cwd(), d)));
  const code = (file: string) =>
    fs.readFileSync(file, 'utf8').split('\n').map((line, i) => [i + 1, line] as const)
      .filter(([, line]) => !/^\s*(\/\/|\*|\/\*|\{\/\*)/.test(line));

  it('no hard-coded full-width colon in pages and components', () => {
    const bad = files.flatMap((f) => code(f).filter(([, l]) => l.replace(/\/\/.*$/, '').includes('：')).map(([n, l]) => `${path.relative(process.cwd(), f)}:${n}: ${l.trim()}`));
    expect(bad).toEqual([]);
  });

  it('no ASCII colon glued after a translated label', () => {
    // {t('total')}: … in JSX, or `${t('lift')}: ${…}` in a template literal.
    const glued = /\b(t|wf|common|a)\([^()]*\)\}:\s/;
    const bad = files.flatMap((f) => code(f).filter(([, l]) => glued.test(l)).map(([n, l]) => `${path.relative(process.cwd(), f)}:${n}: ${l.trim()}`));
    expect(bad).toEqual([]);
  });
});
