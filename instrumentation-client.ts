// Runs in the browser before the app's own modules. zod compiles object parsers with
// `new Function` when it may and probes for it as soon as an object schema is built; the CSP
// forbids eval and reports even the caught probe. zod keeps its settings on
// globalThis.__zod_globalConfig, so `jitless` is set here, before any schema module loads and
// without loading zod itself on pages whose forms do not use it (components/ui/zod-locale.tsx
// sets the same for the pages that do).
const g = globalThis as { __zod_globalConfig?: Record<string, unknown> };
g.__zod_globalConfig = Object.assign(g.__zod_globalConfig ?? {}, { jitless: true });
