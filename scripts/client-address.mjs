// Which address a request comes from, decided by the custom server (scripts/server.mjs) from
// the socket and — only when a trusted proxy is configured — from X-Forwarded-For. Plain
// JavaScript so that the server can use it without a build step; the app reads the result
// from the internal header only (lib/net/client-address.ts).
import net from 'node:net';

/** The internal header the server sets; any copy a client sends is removed first. */
export const clientAddressHeader = 'x-kesu-client-ip';

/** "::ffff:192.0.2.1" → "192.0.2.1"; anything that is not an IP address → null. */
export function normalizeAddress(value) {
  if (typeof value !== 'string') return null;
  let s = value.trim();
  // "[2001:db8::1]:443" and "192.0.2.1:8080" as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  const zone = s.indexOf('%');
  if (zone > 0) s = s.slice(0, zone);
  if (/^::ffff:\d{1,3}(?:\.\d{1,3}){3}$/i.test(s)) s = s.slice(7);
  const kind = net.isIP(s);
  if (kind === 0) return null;
  return kind === 6 ? s.toLowerCase() : s;
}

/**
 * KESU_TRUSTED_PROXIES: empty → no proxy (the socket is the client); a whole number → that many
 * proxies in front of the portal; otherwise a comma-separated list of addresses and CIDR ranges
 * (e.g. "10.0.0.0/8, ::1", or "loopback" for 127.0.0.0/8 and ::1).
 */
export function parseTrustedProxies(value) {
  const text = String(value ?? '').trim();
  if (text === '' || text === '0') return { kind: 'none' };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const list = new net.BlockList();
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (raw === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [addr, bits, extra] = raw.split('/');
    const ip = normalizeAddress(addr);
    if (!ip || extra !== undefined) throw new Error(`KESU_TRUSTED_PROXIES: "${raw}" is not an address or CIDR range`);
    const type = net.isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip, type);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (type === 'ipv6' ? 128 : 32)) throw new Error(`KESU_TRUSTED_PROXIES: "${raw}" has a bad prefix length`);
      list.addSubnet(ip, prefix, type);
    }
  }
  return { kind: 'list', list };
}

function isTrusted(trust, ip) {
  return trust.kind === 'list' && trust.list.check(ip, net.isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

function headerValues(value) {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
}

/**
 * The client's address. Without a trusted proxy: the socket's peer, whatever the headers say.
 * With one: the chain is X-Forwarded-For's entries followed by the socket's peer, read from the
 * right; with a hop count N the client is the entry N places left of the socket, with a list the
 * right-most entry that is not a trusted proxy. An entry that is not an address ends the walk at
 * the last good one (a proxy appends well-formed entries; a client may prepend anything).
 * X-Real-IP counts only when the socket's peer is trusted and there is no X-Forwarded-For.
 */
export function resolveClientAddress({ remoteAddress, headers }, trust) {
  const socket = normalizeAddress(remoteAddress) ?? 'unknown';
  if (trust.kind === 'none' || socket === 'unknown') return socket;
  const socketTrusted = trust.kind === 'hops' ? trust.hops > 0 : isTrusted(trust, socket);
  if (!socketTrusted) return socket;
  const forwarded = headerValues(headers['x-forwarded-for']);
  if (forwarded.length === 0) {
    const real = normalizeAddress(headerValues(headers['x-real-ip'])[0]);
    return real ?? socket;
  }
  let client = socket;
  let hopsLeft = trust.kind === 'hops' ? trust.hops : Infinity;
  for (let i = forwarded.length - 1; i >= 0; i--) {
    // `client` is a trusted hop here: step one entry further left.
    const ip = normalizeAddress(forwarded[i]);
    if (!ip) return client;
    client = ip;
    hopsLeft -= 1;
    if (trust.kind === 'hops' ? hopsLeft === 0 : !isTrusted(trust, ip)) return client;
  }
  return client; // every entry was a trusted hop: the left-most one is all we know
}

/** For the server: replaces any client-sent copy of the internal header with the resolved address. */
export function stampClientAddress(req, trust) {
  delete req.headers[clientAddressHeader];
  const raw = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== clientAddressHeader) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  req.headers[clientAddressHeader] = resolveClientAddress({ remoteAddress: req.socket.remoteAddress, headers: req.headers }, trust);
}
