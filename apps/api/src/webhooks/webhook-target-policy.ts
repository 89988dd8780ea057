import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { BlockList, isIP, LookupFunction } from 'node:net';

/**
 * Where a webhook may be sent. A webhook URL is chosen by whoever can edit endpoints, and the
 * request goes out from inside our network: without these rules it would be a way to make the
 * billing server call its own admin ports, the cloud's metadata service or the office LAN (SSRF).
 *
 * Refused unless the admin setting `webhooks.allow_private_targets` is on: every address that is
 * not globally reachable unicast, per the IANA special-purpose registries (RFC 6890 and updates),
 * checked for every address a hostname resolves to, IPv4 and IPv6 alike. IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`) is judged by its IPv4 address. The literals below are that registry, not
 * places we connect to.
 */
const NON_PUBLIC_RANGES: ReadonlyArray<{
  network: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
  kind: string;
}> = [
  { network: '0.0.0.0', prefix: 8, family: 'ipv4', kind: 'a "this network" (unspecified)' },
  { network: '10.0.0.0', prefix: 8, family: 'ipv4', kind: 'a private (RFC 1918)' },
  { network: '100.64.0.0', prefix: 10, family: 'ipv4', kind: 'a carrier-grade NAT (shared)' },
  { network: '127.0.0.0', prefix: 8, family: 'ipv4', kind: 'a loopback' },
  { network: '169.254.0.0', prefix: 16, family: 'ipv4', kind: 'a link-local' },
  { network: '172.16.0.0', prefix: 12, family: 'ipv4', kind: 'a private (RFC 1918)' },
  { network: '192.0.0.0', prefix: 24, family: 'ipv4', kind: 'an IETF protocol' },
  { network: '192.0.2.0', prefix: 24, family: 'ipv4', kind: 'a documentation' },
  { network: '192.88.99.0', prefix: 24, family: 'ipv4', kind: 'a 6to4 relay' },
  { network: '192.168.0.0', prefix: 16, family: 'ipv4', kind: 'a private (RFC 1918)' },
  { network: '198.18.0.0', prefix: 15, family: 'ipv4', kind: 'a benchmarking' },
  { network: '198.51.100.0', prefix: 24, family: 'ipv4', kind: 'a documentation' },
  { network: '203.0.113.0', prefix: 24, family: 'ipv4', kind: 'a documentation' },
  { network: '224.0.0.0', prefix: 4, family: 'ipv4', kind: 'a multicast' },
  { network: '240.0.0.0', prefix: 4, family: 'ipv4', kind: 'a reserved (or broadcast)' },
  { network: '::', prefix: 128, family: 'ipv6', kind: 'an unspecified' },
  { network: '::1', prefix: 128, family: 'ipv6', kind: 'a loopback' },
  { network: '::', prefix: 96, family: 'ipv6', kind: 'an IPv4-compatible (deprecated)' },
  { network: '64:ff9b::', prefix: 96, family: 'ipv6', kind: 'a NAT64' },
  { network: '64:ff9b:1::', prefix: 48, family: 'ipv6', kind: 'a NAT64 (local-use)' },
  { network: '100::', prefix: 64, family: 'ipv6', kind: 'a discard-only' },
  { network: '2001::', prefix: 23, family: 'ipv6', kind: 'an IETF protocol (Teredo, ORCHID, …)' },
  { network: '2001:db8::', prefix: 32, family: 'ipv6', kind: 'a documentation' },
  { network: '2002::', prefix: 16, family: 'ipv6', kind: 'a 6to4' },
  { network: 'fc00::', prefix: 7, family: 'ipv6', kind: 'a unique-local (private)' },
  { network: 'fe80::', prefix: 10, family: 'ipv6', kind: 'a link-local' },
  { network: 'fec0::', prefix: 10, family: 'ipv6', kind: 'a site-local (deprecated)' },
  { network: 'ff00::', prefix: 8, family: 'ipv6', kind: 'a multicast' },
];

const RANGES = NON_PUBLIC_RANGES.map((range) => {
  const list = new BlockList();
  list.addSubnet(range.network, range.prefix, range.family);
  return { list, kind: range.kind };
});

export const PRIVATE_TARGETS_HINT =
  'webhooks are sent only to public addresses unless an admin allows private targets (Settings → Webhooks)';

/**
 * What kind of non-public address `address` is (`"a loopback"`), or null for a public one. An
 * address that is not an IP at all counts as non-public: nothing unknown gets through.
 */
export function nonPublicAddressKind(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 0) return 'an unrecognised';
  const family = version === 4 ? 'ipv4' : 'ipv6';
  for (const range of RANGES) if (range.list.check(bare, family)) return range.kind;
  return null;
}

/** Why `value` cannot be a webhook URL at all (whatever it resolves to), or null. */
export function webhookUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return 'url must be a URL';
  if (value.length > 2000) return 'url must be at most 2000 characters';
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'url must be a valid absolute URL, e.g. https://hooks.example.com/nextpanel';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
  if (url.username || url.password)
    return 'url must not contain credentials; the signature authenticates each delivery';
  if (url.hash || value.includes('#')) return 'url must not contain a fragment (#...)';
  if (!url.hostname) return 'url must name a host';
  return null;
}

export type AddressResolver = (hostname: string) => Promise<LookupAddress[]>;

export const resolveAllAddresses: AddressResolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/**
 * Why a delivery to `url` must not be attempted (a non-public address, or a hostname that does
 * not resolve), or null when it may go. Checked when an endpoint is saved and again before every
 * delivery, since DNS answers change; the delivery's own connection re-checks what it connects to.
 */
export async function webhookTargetProblem(
  url: string,
  resolve: AddressResolver = resolveAllAddresses,
): Promise<string | null> {
  const syntax = webhookUrlProblem(url);
  if (syntax) return syntax;
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(hostname)) {
    const kind = nonPublicAddressKind(hostname);
    return kind ? `${hostname} is ${kind} address; ${PRIVATE_TARGETS_HINT}` : null;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `${hostname} could not be resolved${code ? ` (${code})` : ''}`;
  }
  if (addresses.length === 0) return `${hostname} could not be resolved`;
  for (const { address } of addresses) {
    const kind = nonPublicAddressKind(address);
    if (kind) return `${hostname} resolves to ${address}, ${kind} address; ${PRIVATE_TARGETS_HINT}`;
  }
  return null;
}

/**
 * A `lookup` for `http.request` that refuses to connect to a non-public address: it closes the
 * gap between our check and the connection's own DNS query (DNS rebinding), since what the
 * socket connects to is exactly what this function approved.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
    if (error) return callback(error, options.all ? [] : '');
    const refused = addresses.find(({ address }) => nonPublicAddressKind(address) !== null);
    if (refused || addresses.length === 0) {
      const problem: NodeJS.ErrnoException = Object.assign(
        new Error(
          refused
            ? `${hostname} resolves to ${refused.address}, ${nonPublicAddressKind(refused.address)} address; ${PRIVATE_TARGETS_HINT}`
            : `${hostname} could not be resolved`,
        ),
        { code: 'EWEBHOOKTARGET' },
      );
      return callback(problem, options.all ? [] : '');
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};
