import { describe, expect, it } from "vitest";
import { osOfNodeAgentSku } from "./node-agent-sku";

describe("osOfNodeAgentSku", () => {
  it.each([
    ["batch.node.ubuntu 20.04", "linux"],
    ["batch.node.ubuntu 16.04", "linux"],
    ["batch.node.centos 7", "linux"],
    ["batch.node.el 8", "linux"],
    ["batch.node.windows amd64", "windows"],
    ["Batch.Node.Windows amd64", "windows"],
    ["something else", undefined],
    ["", undefined],
  ])("%j -> %s", (sku, os) => expect(osOfNodeAgentSku(sku)).toBe(os));
});
