import fs from 'node:fs';
import path from 'node:path';
import { test as base } from '@playwright/test';

export * from '@playwright/test';

/**
 * The browser tests run two at a time against one server. A test that reads what any other
 * test may be writing at that moment (the newest audit entries, the desk's unread count, the
 * server log, a whole list paged through) carries the tag `@alone`: it waits until no other test
 * runs and keeps the others waiting until it ends. A lock in files, shared by the workers
 * (separate processes): each running test holds `shared-<pid>`, an `@alone` test `alone`.
 */
const lockDir = path.resolve(import.meta.dirname, '../test-results/.locks');
const aloneLock = path.join(lockDir, 'alone');
const sharedLock = path.join(lockDir, `shared-${process.pid}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** The process that holds a lock file, or null when it is gone (a worker that died holds nothing). */
const holder = (file: string): number | null => {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8'));
    return pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
};
const othersRunning = () => fs.readdirSync(lockDir).some((f) => f.startsWith('shared-') && f !== path.basename(sharedLock) && holder(path.join(lockDir, f)));

async function takeAlone() {
  for (;;) {
    try {
      fs.writeFileSync(aloneLock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      if (!holder(aloneLock)) fs.rmSync(aloneLock, { force: true });
      await sleep(100);
    }
  }
  // New tests now wait; the ones under way finish first.
  while (othersRunning()) await sleep(100);
}

async function takeShared() {
  // Announce first, then look: an `@alone` test that took its lock meanwhile sees this file.
  for (;;) {
    fs.writeFileSync(sharedLock, String(process.pid));
    if (!holder(aloneLock)) return;
    fs.rmSync(sharedLock, { force: true });
    while (holder(aloneLock)) await sleep(100);
  }
}

export const test = base.extend<{ testLock: void }>({
  testLock: [
    async ({}, use, testInfo) => {
      fs.mkdirSync(lockDir, { recursive: true });
      const alone = testInfo.tags.includes('@alone');
      await (alone ? takeAlone() : takeShared());
      try {
        await use();
      } finally {
        fs.rmSync(alone ? aloneLock : sharedLock, { force: true });
      }
    },
    // Waiting for the other test to end is not this test's time.
    { auto: true, timeout: 300_000 },
  ],
});
