// The edge compilation replaces NEXT_RUNTIME and drops this branch, so the Node-only start-up
// (the database, process.exit) is compiled for Node alone (Next's documented pattern; an early
// `return` for the edge runtime is not dropped, and the edge build warned about process.exit).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { registerNode } = await import('./instrumentation-node');
    await registerNode();
  }
}
