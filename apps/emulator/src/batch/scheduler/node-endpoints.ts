/**
 * A node's `endpointConfiguration.inboundEndpoints` (REST ComputeNode, InboundEndpoint): one per
 * inbound NAT pool of its pool, named `<natpool>.<index>`, frontend port `rangeStart + index`. The
 * index is the lowest one no other node of the pool holds, so a node that leaves frees its ports
 * for the next one, as a load balancer's NAT pool reuses them. The emulator opens no ports: the
 * address is from TEST-NET-3 (RFC 5737) and the name ends in `.invalid` (RFC 2606), so neither
 * can reach anything by mistake.
 */
import { createHash } from "node:crypto";
import type { NodeRecord, PoolRecord } from "../model/types";
import type { InboundNatPoolWire } from "../validation/inbound-nat-pools";

export interface InboundEndpointWire {
  name: string;
  protocol: "tcp" | "udp";
  publicIPAddress: string;
  publicFQDN: string;
  frontendPort: number;
  backendPort: number;
}

export const natPoolsOf = (pool: PoolRecord): InboundNatPoolWire[] =>
  (pool.wire.networkConfiguration as { endpointConfiguration?: { inboundNATPools?: InboundNatPoolWire[] } })
    ?.endpointConfiguration?.inboundNATPools ?? [];

/** The NAT index a node holds, read back from its first endpoint's name. */
const indexOf = (node: NodeRecord): number | undefined => {
  const eps = (node.wire.endpointConfiguration as { inboundEndpoints?: InboundEndpointWire[] } | undefined)
    ?.inboundEndpoints;
  const n = eps?.[0] ? Number(eps[0].name.slice(eps[0].name.lastIndexOf(".") + 1)) : NaN;
  return Number.isInteger(n) ? n : undefined;
};

/**
 * The endpoints for a node joining `pool` beside `others`. A NAT pool whose range is used up
 * gives the node no endpoint of it (the emulator's choice; Batch sizes the ranges at allocation).
 */
export function inboundEndpointsFor(
  pool: PoolRecord,
  others: readonly NodeRecord[],
  accountName: string,
  region: string,
): InboundEndpointWire[] | undefined {
  const natPools = natPoolsOf(pool);
  if (natPools.length === 0) return undefined;
  const taken = new Set(others.map(indexOf).filter((i) => i !== undefined));
  let index = 0;
  while (taken.has(index)) index++;
  const digest = createHash("sha256").update(`${accountName}/${pool.wire.id}/${pool.seq}`).digest();
  const publicIPAddress = `203.0.113.${1 + (digest[0]! % 254)}`;
  const publicFQDN = `dns${digest.subarray(1, 9).toString("hex")}-${accountName}.${region}.cloudapp.emulator.invalid`;
  return natPools
    .filter((nat) => nat.frontendPortRangeStart + index <= nat.frontendPortRangeEnd)
    .map((nat) => ({
      name: `${nat.name}.${index}`,
      protocol: nat.protocol,
      publicIPAddress,
      publicFQDN,
      frontendPort: nat.frontendPortRangeStart + index,
      backendPort: nat.backendPort,
    }));
}
