import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const DOVECOT = '/usr/sbin/dovecot';
export const hasDovecot = () => fs.existsSync(DOVECOT) && fs.existsSync('/usr/bin/doveadm');

export interface Dovecot {
  url: string;
  user: string;
  /** Delivers one raw message into the user's INBOX with dovecot's own tool (doveadm save). */
  deliver(raw: string): Promise<void>;
  /** How many messages of the INBOX carry no \Seen flag. */
  unseen(): Promise<number>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A private dovecot IMAP server for one test file: its own configuration, mail, runtime and
 * log folders in a temp dir, listening on 127.0.0.1 on a free port, one user with a static
 * password, no TLS. It runs as the current user (when that is root, as the packaged `dovecot`
 * user, since dovecot refuses mail access with uid 0), so no system configuration is touched.
 */
export async function startDovecot(): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-dovecot-'));
  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  const uid = isRoot ? Number((await run('id', ['-u', 'dovecot'])).stdout.trim()) : process.getuid!();
  const gid = isRoot ? Number((await run('id', ['-g', 'dovecot'])).stdout.trim()) : process.getgid!();
  const me = isRoot ? 'dovecot' : os.userInfo().username;
  for (const sub of ['run', 'state', 'mail', 'home']) fs.mkdirSync(path.join(dir, sub));
  if (isRoot) for (const sub of ['mail', 'home']) fs.chownSync(path.join(dir, sub), uid, gid);
  if (isRoot) fs.chmodSync(dir, 0o755);
  const config = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    config,
    `
instance_name = kesu-test-${port}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = ${Math.min(uid, 100)}
default_login_user = ${isRoot ? 'dovenull' : me}
default_internal_user = ${me}
${isRoot ? '' : `default_internal_group = ${os.userInfo().username}\n`}
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  const child = spawn(DOVECOT, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const until = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > until) {
      const logText = fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : '';
      child.kill();
      throw new Error(`dovecot did not start: ${output} ${logText}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const user = 'service';
  const asUser = isRoot ? { uid, gid } : {};
  return {
    url: `imap://${user}:secret@127.0.0.1:${port}/INBOX`,
    user,
    async deliver(raw) {
      await new Promise<void>((resolve, reject) => {
        const p = spawn('/usr/bin/doveadm', ['-c', config, 'save', '-u', user, '-m', 'INBOX'], { stdio: ['pipe', 'ignore', 'pipe'], ...asUser });
        let err = '';
        p.stderr.on('data', (d) => (err += d));
        p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`doveadm save failed (${code}): ${err}`))));
        p.stdin.end(raw.replace(/\r?\n/g, '\r\n'));
      });
    },
    async unseen() {
      const { stdout } = await run('/usr/bin/doveadm', ['-c', config, 'search', '-u', user, 'mailbox', 'INBOX', 'UNSEEN'], asUser);
      return stdout.split('\n').filter((l) => l.trim()).length;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
