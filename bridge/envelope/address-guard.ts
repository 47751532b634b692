import { isIP } from 'node:net';

/** An address the bridge will not connect to as given. */
export class AddressRefusedError extends Error {
  constructor(url: string, reason: string) {
    super(`refusing to connect to ${redactUrl(url)}: ${reason}`);
    this.name = 'AddressRefusedError';
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * rosbridge on ROS 2 has no authentication of its own: anyone who reaches its port can drive
 * the robot. So the bridge talks to loopback freely, and to anything else only over TLS
 * (wss://) with a token for the authenticating proxy in front of rosbridge.
 */
export function checkBridgeAddress(url: string, token: string | undefined): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AddressRefusedError(url, 'not a URL (expected ws://127.0.0.1:9090 or wss://host:port)');
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new AddressRefusedError(url, `scheme ${parsed.protocol} is not ws: or wss:`);
  }
  if (parsed.username || parsed.password) throw new AddressRefusedError(url, 'credentials in the URL; pass --token instead');
  if (isLoopbackHost(parsed.hostname)) return parsed;
  if (parsed.protocol !== 'wss:') throw new AddressRefusedError(url, 'a non-loopback address needs wss:// (TLS) and a token');
  if (!token) throw new AddressRefusedError(url, 'a non-loopback address needs a token (--token or EROSION_BRIDGE_TOKEN)');
  return parsed;
}

/** The URL without query, user info or anything that could carry a secret, for logs and records. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
