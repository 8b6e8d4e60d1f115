import { execFileSync } from 'node:child_process';

/**
 * A TCP port that nobody listens on now, as the operating system hands it out for port 0, so
 * that the test servers never collide with a portal (or another test run) on a fixed port.
 * Synchronous (a short child process) because playwright.config.ts needs it while loading.
 */
export function freePort(): number {
  const script = "const s=require('node:net').createServer();s.listen(0,()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}
