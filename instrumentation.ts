export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` loads this file too; the database is opened only by a running server.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startup } = await import('./lib/startup');
  await startup();
}
