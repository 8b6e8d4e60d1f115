import dns from 'node:dns/promises';
import net from 'node:net';

/** Loopback, private, link-local, carrier-grade NAT and unspecified ranges: refused unless allowed. */
const privateRanges = new net.BlockList();
for (const [addr, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) privateRanges.addSubnet(addr, prefix, 'ipv4');
for (const [addr, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  privateRanges.addSubnet(addr, prefix, 'ipv6');
}

export function isPrivateAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return privateRanges.check(mapped[1], 'ipv4');
  return privateRanges.check(ip, net.isIPv6(ip) ? 'ipv6' : 'ipv4');
}

export type UrlProblem = 'invalid_url' | 'private_address' | 'unresolvable';

/**
 * Whether a webhook may be sent to this URL: http(s) only, and, unless `allowPrivate`, every
 * address the host resolves to is public. Checked when the URL is registered and again before
 * each delivery (a name may resolve elsewhere later).
 */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<UrlProblem | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'invalid_url';
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return 'invalid_url';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return 'unresolvable';
    }
  }
  return addresses.some(isPrivateAddress) ? 'private_address' : null;
}
