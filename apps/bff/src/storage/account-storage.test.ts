import { describe, expect, it } from "vitest";
import { AccountStorage, MAX_SAS_MS, outputSasExpiry } from "./account-storage";

const now = new Date("2026-12-04T12:00:00Z");
const hours = (d: Date) => (d.getTime() - now.getTime()) / 3_600_000;

describe("outputSasExpiry", () => {
  it("gives a day, or the wall-clock limit plus an hour, never more than a week", () => {
    expect(hours(outputSasExpiry(now))).toBe(24);
    expect(hours(outputSasExpiry(now, "PT2H"))).toBe(24);
    expect(hours(outputSasExpiry(now, "P2D"))).toBe(49);
    expect(hours(outputSasExpiry(now, "P30D"))).toBe(MAX_SAS_MS / 3_600_000);
    // Not a duration Batch takes: the default, not a guess.
    expect(hours(outputSasExpiry(now, "P1M"))).toBe(24);
  });
});

describe("AccountStorage.containerOf", () => {
  const azure = new AccountStorage({ accountName: "contoso", blobEndpoint: "https://contoso.blob.core.windows.net/", key: Buffer.from("k").toString("base64") });
  const azurite = new AccountStorage({ accountName: "contosodata", blobEndpoint: "http://127.0.0.1:4402/contosodata/", key: Buffer.from("k").toString("base64") });

  it("names the container of a URL in the account, with or without a SAS", () => {
    expect(azure.containerOf("https://contoso.blob.core.windows.net/results?sv=x&sig=y")).toBe("results");
    expect(azure.containerOf("https://CONTOSO.blob.core.windows.net/results/")).toBe("results");
    expect(azurite.containerOf("http://127.0.0.1:4402/contosodata/results")).toBe("results");
    expect(azure.containerUrl("results")).toBe("https://contoso.blob.core.windows.net/results");
  });

  it("is undefined for another account, a blob path or a name that is not a container's", () => {
    expect(azure.containerOf("https://other.blob.core.windows.net/results")).toBeUndefined();
    expect(azure.containerOf("https://contoso.blob.core.windows.net.evil.test/results")).toBeUndefined();
    expect(azure.containerOf("https://contoso.blob.core.windows.net/results/run1")).toBeUndefined();
    expect(azurite.containerOf("http://127.0.0.1:4402/contosodatax/results")).toBeUndefined();
    expect(azure.containerOf("not a url")).toBeUndefined();
  });
});
