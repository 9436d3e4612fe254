/**
 * A pool's `networkConfiguration.endpointConfiguration.inboundNATPools`, checked as the REST
 * reference (InboundNATPool, NetworkSecurityGroupRule, PoolEndpointConfiguration;
 * 2022-10-01.16.0) says Batch refuses them with 400: at most 5 NAT pools; names of letters, digits,
 * `_`, `.` and `-`, starting with a letter or digit, ending with a letter, digit or `_`, at most 77,
 * unique; backend ports 1-65535 but not 22, 3389, 29876 or 29877, unique; frontend ranges within
 * 1-65534, clear of 50000-55000, at least 40 ports, not overlapping; at most 25 network security
 * group rules in all, priorities 150-4096 and unique; none with NoPublicIPAddresses.
 */
import { invalidProperty, missingProperty } from "../http/batch-error";
import {
  arrayField,
  bodyObjectAt,
  enumField,
  intField,
  objectField,
  requiredString,
  stringField,
  type Obj,
} from "./fields";

export interface NetworkSecurityGroupRuleWire {
  priority: number;
  access: "allow" | "deny";
  sourceAddressPrefix: string;
  sourcePortRanges?: string[];
}

export interface InboundNatPoolWire {
  name: string;
  protocol: "tcp" | "udp";
  backendPort: number;
  frontendPortRangeStart: number;
  frontendPortRangeEnd: number;
  networkSecurityGroupRules?: NetworkSecurityGroupRuleWire[];
}

const MAX_NAT_POOLS = 5;
const MAX_NSG_RULES = 25;
const MIN_RANGE_PORTS = 40;
const RESERVED_BACKEND = [22, 3389, 29876, 29877];
const RESERVED_FRONTEND = { from: 50000, to: 55000 };
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
/** Service tags such as Internet or AzureLoadBalancer. */
const TAG = /^[A-Za-z][A-Za-z0-9.]*$/;

function required(o: Obj, name: string, path: string, min: number, max: number): number {
  const v = intField(o, name, path, min, max);
  if (v === undefined) throw missingProperty(`${path}.${name}`);
  return v;
}

function sourcePrefix(rule: Obj, path: string): string {
  const v = requiredString(rule, "sourceAddressPrefix", path);
  const [ip, bits, extra] = v.split("/");
  const cidr =
    extra === undefined && IPV4.test(ip!) && (bits === undefined || /^(?:[12]?\d|3[0-2])$/.test(bits));
  if (v === "*" || cidr || (bits === undefined && TAG.test(v))) return v;
  throw invalidProperty(
    `${path}.sourceAddressPrefix`,
    "Expected an IP address, an IP subnet (such as 192.168.1.0/24), a service tag, or *.",
    v,
  );
}

function sourcePortRanges(rule: Obj, path: string): string[] | undefined {
  const list = arrayField(rule, "sourcePortRanges", path);
  if (!list) return undefined;
  const spans: [number, number][] = [];
  return list.map((entry, i) => {
    const at = `${path}.sourcePortRanges[${i}]`;
    const m = typeof entry === "string" ? /^(?:\*|(\d{1,5})(?:-(\d{1,5}))?)$/.exec(entry) : null;
    const lo = m?.[1] === undefined ? 0 : Number(m[1]);
    const hi = m?.[2] === undefined ? (m?.[1] === undefined ? 65535 : lo) : Number(m[2]);
    if (!m || hi > 65535 || lo > hi)
      throw invalidProperty(
        at,
        "Expected *, a port (22) or a port range (100-200) within 0-65535.",
        String(entry),
      );
    if (spans.some(([a, b]) => lo <= b && a <= hi))
      throw invalidProperty(at, "Source port ranges must not overlap.", String(entry));
    spans.push([lo, hi]);
    return entry as string;
  });
}

/** The validated NAT pools of a PoolAddParameter body, or undefined when it has none. */
export function inboundNatPoolsOf(body: Obj): InboundNatPoolWire[] | undefined {
  const network = objectField(body, "networkConfiguration");
  const endpoints = network && objectField(network, "endpointConfiguration", "networkConfiguration");
  if (!network || !endpoints) return undefined;
  const path = "networkConfiguration.endpointConfiguration";
  const list = arrayField(endpoints, "inboundNATPools", path);
  if (!list) throw missingProperty(`${path}.inboundNATPools`);
  if (list.length > MAX_NAT_POOLS)
    throw invalidProperty(
      `${path}.inboundNATPools`,
      `A pool may have at most ${MAX_NAT_POOLS} inbound NAT pools.`,
    );
  const ip = objectField(network, "publicIPAddressConfiguration", "networkConfiguration");
  const provision = ip && stringField(ip, "provision", "networkConfiguration.publicIPAddressConfiguration");
  if (list.length > 0 && provision?.toLowerCase() === "nopublicipaddresses")
    throw invalidProperty(
      `${path}.inboundNATPools`,
      "Inbound NAT pools cannot be specified when publicIPAddressConfiguration.provision is NoPublicIPAddresses.",
    );

  const names = new Set<string>();
  const backends = new Set<number>();
  const ranges: [number, number][] = [];
  const priorities = new Set<number>();
  let rules = 0;
  return list.map((raw, i) => {
    const at = `${path}.inboundNATPools[${i}]`;
    const o = bodyObjectAt(raw, at);
    const name = requiredString(o, "name", at);
    if (name.length > 77 || !NAME.test(name))
      throw invalidProperty(
        `${at}.name`,
        "Names may hold letters, digits, underscores, periods and hyphens, must start with a letter or digit, end with a letter, digit or underscore, and have at most 77 characters.",
        name,
      );
    if (names.has(name.toLowerCase()))
      throw invalidProperty(`${at}.name`, "Names must be unique within a pool.", name);
    names.add(name.toLowerCase());
    const protocol = enumField(o, "protocol", ["tcp", "udp"] as const, at);
    if (!protocol) throw missingProperty(`${at}.protocol`);

    const backendPort = required(o, "backendPort", at, 1, 65535);
    if (RESERVED_BACKEND.includes(backendPort))
      throw invalidProperty(
        `${at}.backendPort`,
        "Ports 22, 3389, 29876 and 29877 are reserved.",
        String(backendPort),
      );
    if (backends.has(backendPort))
      throw invalidProperty(
        `${at}.backendPort`,
        "Backend ports must be unique within a pool.",
        String(backendPort),
      );
    backends.add(backendPort);

    const start = required(o, "frontendPortRangeStart", at, 1, 65534);
    const end = required(o, "frontendPortRangeEnd", at, 1, 65534);
    for (const [field, port] of [
      ["frontendPortRangeStart", start],
      ["frontendPortRangeEnd", end],
    ] as const)
      if (port >= RESERVED_FRONTEND.from && port <= RESERVED_FRONTEND.to)
        throw invalidProperty(
          `${at}.${field}`,
          "Ports 50000 to 55000 are reserved by the Batch service.",
          String(port),
        );
    if (end - start + 1 < MIN_RANGE_PORTS)
      throw invalidProperty(
        `${at}.frontendPortRangeEnd`,
        `Each frontend port range must contain at least ${MIN_RANGE_PORTS} ports.`,
        String(end),
      );
    if (start < RESERVED_FRONTEND.from && end > RESERVED_FRONTEND.to)
      throw invalidProperty(
        `${at}.frontendPortRangeEnd`,
        "The range must not span the reserved ports 50000 to 55000.",
        String(end),
      );
    if (ranges.some(([a, b]) => start <= b && a <= end))
      throw invalidProperty(
        `${at}.frontendPortRangeStart`,
        "Frontend port ranges within a pool must not overlap.",
        String(start),
      );
    ranges.push([start, end]);

    const nat: InboundNatPoolWire = {
      name,
      protocol,
      backendPort,
      frontendPortRangeStart: start,
      frontendPortRangeEnd: end,
    };
    const ruleList = arrayField(o, "networkSecurityGroupRules", at);
    if (ruleList) {
      nat.networkSecurityGroupRules = ruleList.map((r, j) => {
        const rat = `${at}.networkSecurityGroupRules[${j}]`;
        if (++rules > MAX_NSG_RULES)
          throw invalidProperty(
            rat,
            `A pool may have at most ${MAX_NSG_RULES} network security group rules in all.`,
          );
        const rule = bodyObjectAt(r, rat);
        const priority = required(rule, "priority", rat, 150, 4096);
        if (priorities.has(priority))
          throw invalidProperty(
            `${rat}.priority`,
            "Priorities must be unique within a pool.",
            String(priority),
          );
        priorities.add(priority);
        const access = enumField(rule, "access", ["allow", "deny"] as const, rat);
        if (!access) throw missingProperty(`${rat}.access`);
        const ports = sourcePortRanges(rule, rat);
        return {
          priority,
          access,
          sourceAddressPrefix: sourcePrefix(rule, rat),
          ...(ports ? { sourcePortRanges: ports } : {}),
        };
      });
    }
    return nat;
  });
}
