import { describe, expect, it } from "vitest";
import { hasSasSignature, withoutSas } from "./sas";

describe("SAS URLs", () => {
  it("finds the signature in any position and case", () => {
    expect(hasSasSignature("https://a.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=abc%3D")).toBe(true);
    expect(hasSasSignature("https://a.blob.core.windows.net/c?SIG=abc")).toBe(true);
    expect(hasSasSignature("https://a.blob.core.windows.net/c?sv=1&sp=r")).toBe(false);
    expect(hasSasSignature("https://a.blob.core.windows.net/c?design=x")).toBe(false);
    expect(hasSasSignature("https://a.blob.core.windows.net/c#sig=x")).toBe(false);
  });
  it("drops the whole query of a SAS URL and keeps other URLs", () => {
    expect(withoutSas("http://127.0.0.1:4402/acct/out?sv=2022&se=2026&sp=cw&sig=secret")).toBe(
      "http://127.0.0.1:4402/acct/out",
    );
    expect(withoutSas("https://example.com/file.txt?version=3")).toBe(
      "https://example.com/file.txt?version=3",
    );
    expect(withoutSas("https://example.com/file.txt")).toBe("https://example.com/file.txt");
  });
});
