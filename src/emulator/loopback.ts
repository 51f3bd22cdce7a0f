// Loopback names: the only hosts a request to the emulator may name (so a DNS-rebound name of a web page never
// gets through) and the only hosts the emulator itself sends anything to (local targets).
// IPv4-mapped 127.0.0.1 counts too, in both spellings (URL parsers write it in hex): no DNS name arrives as it.
const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]']);

/** A `Host` header naming loopback, with or without a port: `127.0.0.1:4566`, `localhost`, `[::1]:80`. Names in
 * `extra` (the address the emulator was told to bind to) count too. */
export function isLoopbackHost(host: string | undefined, extra: readonly string[] = []): boolean {
  if (host === undefined) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(host);
  const name = match?.[1]?.toLowerCase();
  return name !== undefined && (LOOPBACK_HOSTNAMES.has(name) || extra.includes(name));
}

/** An http(s) URL whose host is a loopback name. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.username === '' && LOOPBACK_HOSTNAMES.has(parsed.hostname);
  } catch {
    return false;
  }
}
