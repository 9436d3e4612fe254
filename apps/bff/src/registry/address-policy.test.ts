import { describe, expect, it } from "vitest";
import { addressAllowed, classifyAddress } from "./address-policy";

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["20.50.2.1", "public"],
    ["2001:4860:4860::8888", "public"],
    ["127.0.0.1", "loopback"],
    ["127.10.0.3", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.10.1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["100.64.0.1", "sharedCgnat"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["[::1]", "loopback"],
    ["not-an-ip", "reserved"],
  ])("%s is %s", (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it("172.32.0.1 is outside 172.16/12", () => expect(classifyAddress("172.32.0.1")).toBe("public"));
});

describe("addressAllowed", () => {
  it("allows loopback only when the policy says so, and never the metadata address under 'loopback'", () => {
    expect(addressAllowed("127.0.0.1", "none")).toBe(false);
    expect(addressAllowed("127.0.0.1", "loopback")).toBe(true);
    expect(addressAllowed("169.254.169.254", "loopback")).toBe(false);
    expect(addressAllowed("10.0.0.1", "loopback")).toBe(false);
    expect(addressAllowed("10.0.0.1", "all")).toBe(true);
    expect(addressAllowed("52.1.1.1", "none")).toBe(true);
  });
});
