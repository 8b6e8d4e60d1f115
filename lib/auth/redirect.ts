/**
 * Where Auth.js may send someone after signing in or out: only a path on this portal.
 * Anything else — another origin, `//host`, `javascript:`, garbage — goes to the portal's root.
 */
export function safeRedirect(url: string, baseUrl: string): string {
  try {
    const target = new URL(url, baseUrl);
    if (target.origin === new URL(baseUrl).origin) return target.href;
  } catch {
    // not a URL at all
  }
  return baseUrl;
}

/**
 * Whether Auth.js accepts a callbackUrl parameter or cookie at all. It answers a value it
 * does not (e.g. `javascript:…`) with a 500 before our redirect callback runs, so the route
 * refuses such values itself with a 400. Same test as @auth/core's assert.
 */
export function isAcceptableCallbackUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith('/') ? 'http://localhost' : undefined).protocol);
  } catch {
    return false;
  }
}
