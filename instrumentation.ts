export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` loads this file too; the database is opened only by a running server.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startup } = await import('./lib/startup');
  const { DatabaseUnavailableError } = await import('./db/client');
  try {
    await startup();
  } catch (err) {
    // A server without its database can only answer errors: say why once, and stop.
    if (err instanceof DatabaseUnavailableError) {
      console.error(`[kesu] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
