import { BlockList, isIP } from "node:net";
import type { PrivateAddressPolicy } from "../config";

export type AddressClass = "public" | "loopback" | "private" | "linkLocal" | "sharedCgnat" | "unspecified" | "reserved";

const ranges: [AddressClass, string, number, "ipv4" | "ipv6"][] = [
  ["loopback", "127.0.0.0", 8, "ipv4"],
  ["loopback", "::1", 128, "ipv6"],
  ["private", "10.0.0.0", 8, "ipv4"],
  ["private", "172.16.0.0", 12, "ipv4"],
  ["private", "192.168.0.0", 16, "ipv4"],
  ["private", "fc00::", 7, "ipv6"],
  // Includes the cloud metadata endpoint 169.254.169.254.
  ["linkLocal", "169.254.0.0", 16, "ipv4"],
  ["linkLocal", "fe80::", 10, "ipv6"],
  ["sharedCgnat", "100.64.0.0", 10, "ipv4"],
  ["unspecified", "0.0.0.0", 8, "ipv4"],
  ["unspecified", "::", 128, "ipv6"],
  ["reserved", "192.0.0.0", 24, "ipv4"],
  ["reserved", "198.18.0.0", 15, "ipv4"],
  ["reserved", "224.0.0.0", 3, "ipv4"], // multicast and 240/4
  ["reserved", "ff00::", 8, "ipv6"],
  ["reserved", "64:ff9b:1::", 48, "ipv6"],
];

const lists = new Map<AddressClass, BlockList>();
for (const [cls, net, prefix, family] of ranges) {
  const list = lists.get(cls) ?? new BlockList();
  list.addSubnet(net, prefix, family);
  lists.set(cls, list);
}

/** "::ffff:10.0.0.1" is 10.0.0.1 to the kernel: judge the embedded IPv4 address. */
const unmapped = (address: string): string => {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
};

export const classifyAddress = (address: string): AddressClass => {
  const ip = unmapped(address.replace(/^\[|\]$/g, ""));
  const family = isIP(ip);
  if (family === 0) return "reserved";
  for (const [cls, list] of lists) if (list.check(ip, family === 4 ? "ipv4" : "ipv6")) return cls;
  return "public";
};

/** Whether configuration lets the probe connect to this address (the local stack allows loopback). */
export const addressAllowed = (address: string, policy: PrivateAddressPolicy): boolean => {
  const cls = classifyAddress(address);
  if (cls === "public") return true;
  if (policy === "all") return true;
  return policy === "loopback" && cls === "loopback";
};
