import { BlockList, isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

const lists = new WeakMap<readonly string[], BlockList>();

/** The proxies' addresses and ranges (`10.0.0.0/8`, `::1`) as a BlockList, built once per setting. */
function proxyList(proxies: readonly string[]): BlockList {
  let list = lists.get(proxies);
  if (!list) {
    list = new BlockList();
    for (const entry of proxies) {
      const [address = "", bits] = entry.split("/");
      const family = isIP(address) === 6 ? "ipv6" : "ipv4";
      if (bits === undefined) list.addAddress(address, family);
      else list.addSubnet(address, Number(bits), family);
    }
    lists.set(proxies, list);
  }
  return list;
}

function isListed(list: BlockList, address: string): boolean {
  const plain = address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const family = isIP(plain);
  return family !== 0 && list.check(plain, family === 6 ? "ipv6" : "ipv4");
}

function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

/**
 * The client's address: the peer's, or "local" for in-process requests (`app.request`). When the peer is one of
 * `trustedProxies`, the address that proxy was called from: `X-Forwarded-For` read from the right, skipping the
 * trusted hops, so a client cannot pick its address by sending the header itself (its values sit left of the
 * ones the proxies append). With no proxy trusted, the header is ignored.
 */
export function clientAddress(c: Context, trustedProxies: readonly string[] = []): string {
  const peer = peerAddress(c);
  if (trustedProxies.length === 0) return peer;
  const list = proxyList(trustedProxies);
  if (!isListed(list, peer)) return peer;
  const hops = (c.req.header("X-Forwarded-For") ?? "").split(",").map((hop) => hop.trim());
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index] as string;
    if (isIP(hop) === 0) return peer;
    if (!isListed(list, hop)) return hop;
  }
  return hops.find((hop) => hop !== "") ?? peer;
}
