// The server's start-up on Node (imported by instrumentation.ts for the Node runtime only):
// migrations, reference and demo data, the job runner — each step said in the log, so that a
// first start is not a silent minute.
export async function registerNode(): Promise<void> {
  // `next build` loads this file too; the database is opened only by a running server.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startup } = await import('./lib/startup');
  const { DatabaseUnavailableError, dataDir, getDatabase } = await import('./db/client');
  try {
    const started = Date.now();
    console.log(`[kesu] opening the database (${where(dataDir)}) and applying migrations…`);
    const database = await getDatabase();
    if (process.env.KESU_DEMO === '1') {
      // The same question seedDemo asks: demo forms go only into a database without forms.
      const [row] = await database.execute('select exists (select 1 from complaints) as "any"');
      console.log(row?.any ? '[kesu] demo data: present' : '[kesu] creating demo data (demo staff and forms; first start only)…');
    }
    await startup();
    console.log(`[kesu] database ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (process.env.KESU_DEMO === '1') await printDemoLogins();
  } catch (err) {
    // A server without its database can only answer errors: say why once, and stop.
    if (err instanceof DatabaseUnavailableError) {
      console.error(`[kesu] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

/** The demo staff a first-time user signs in as (the README's table, from the seed itself). */
async function printDemoLogins(): Promise<void> {
  const { demoPassword, demoUsers } = await import('./db/seed');
  const width = Math.max(...demoUsers.map((u) => u.login.length));
  const lines = demoUsers.map((u) => {
    const where = 'dept' in u ? ` · ${u.dept}${'position' in u ? ` (${u.position})` : ''}` : '';
    return `[kesu]   ${u.login.padEnd(width)}  ${u.name} · ${u.role}${where}`;
  });
  console.log(`[kesu] demo logins (password ${demoPassword}):\n${lines.join('\n')}`);
}

/** Where the data lives, without the password of a DATABASE_URL. */
function where(dataDir: () => string): string {
  const url = process.env.DATABASE_URL;
  if (url) {
    try {
      const u = new URL(url);
      return `PostgreSQL ${u.host}${u.pathname}`;
    } catch {
      return 'PostgreSQL';
    }
  }
  return `PGlite in ${dataDir()}`;
}
