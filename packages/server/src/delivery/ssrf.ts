import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from "node:dns";
import ipaddr from "ipaddr.js";

/** Only globally routable unicast addresses are public; loopback, private, link-local, CGNAT… are not. */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  let address = ipaddr.parse(ip);
  if (address.kind() === "ipv6") {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) address = v6.toIPv4Address();
    // The deprecated IPv4-compatible form (::a.b.c.d, e.g. ::7f00:1) can reach the IPv4 address on some stacks;
    // nothing public uses it, so it is never a public target.
    else if (v6.parts.slice(0, 6).every((part) => part === 0)) return false;
  }
  return address.range() === "unicast";
}

export class BlockedTargetError extends Error {
  constructor(host: string, addresses: string[]) {
    super(
      `refused to deliver to ${host} (${addresses.join(", ") || "no address"}): not a public address; ` +
        "the operator can allow private targets with --allow-private-targets",
    );
    this.name = "BlockedTargetError";
  }
}

/** Checks a URL whose host is an IP literal: those never go through DNS, so the lookup hook cannot see them. */
export function assertPublicLiteral(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host) && !isPublicAddress(host)) throw new BlockedTargetError(host, [host]);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net.connect that drops non-public addresses and connects only to the ones it checked, so a
 * DNS answer cannot change between the check and the connection.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    const allowed = addresses.filter((entry) => isPublicAddress(entry.address));
    const [first] = allowed;
    if (!first) {
      callback(
        new BlockedTargetError(
          hostname,
          addresses.map((entry) => entry.address),
        ),
        [],
      );
      return;
    }
    if ((options as LookupAllOptions).all) callback(null, allowed);
    else callback(null, first.address, first.family);
  });
}
