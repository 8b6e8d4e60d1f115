/**
 * The client's address, as the portal's server (scripts/server.mjs) resolved it from the socket
 * and, behind a trusted proxy, from X-Forwarded-For. Every per-address limit reads it here and
 * nowhere else: headers a client sets (X-Forwarded-For, X-Real-IP) are never read directly.
 * Under `next dev` or `next start` there is no such header and every client is 'unknown'.
 */
export const clientAddressHeader = 'x-kesu-client-ip';

export function clientAddress(headers: Headers): string {
  const value = headers.get(clientAddressHeader)?.trim();
  return value ? value.slice(0, 64) : 'unknown';
}
