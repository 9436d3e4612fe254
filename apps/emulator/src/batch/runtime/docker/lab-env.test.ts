import { describe, expect, it } from "vitest";
import { labFromEnv } from "./lab-env";

describe("labFromEnv", () => {
  const base = { LAB_REGISTRY: "127.0.0.1:5123", LAB_REGISTRY_USER: "batchlab", LAB_REGISTRY_PASSWORD: "pw" };

  it("is absent unless the registry, user and password are all set", () => {
    expect(labFromEnv({})).toBeUndefined();
    expect(labFromEnv({ ...base, LAB_REGISTRY_PASSWORD: "" })).toBeUndefined();
    expect(labFromEnv({ LAB_REGISTRY: "127.0.0.1:5123", LAB_REGISTRY_USER: "u" })).toBeUndefined();
  });

  it("derives the image names from the registry when the runner filtered them out", () => {
    expect(labFromEnv(base)).toEqual({
      registry: "127.0.0.1:5123",
      user: "batchlab",
      password: "pw",
      imagePlain: "127.0.0.1:5123/lab/busybox:latest",
      imageEntrypoint: "127.0.0.1:5123/lab/busybox-entrypoint:latest",
    });
  });

  it("prefers the image names the lab printed", () => {
    const lab = labFromEnv({ ...base, LAB_IMAGE_PLAIN: "r/p:1", LAB_IMAGE_ENTRYPOINT: "r/e:1" });
    expect(lab).toMatchObject({ imagePlain: "r/p:1", imageEntrypoint: "r/e:1" });
  });
});
