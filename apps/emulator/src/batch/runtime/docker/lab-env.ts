/**
 * Test support: the container lab's settings (scripts/container-lab.sh up), read from the environment.
 * Tests that need Docker and the registry skip when the lab is absent, unless REQUIRE_DOCKER=1, in
 * which case they fail with a message saying how to bring the lab up.
 */
import { describe, it } from "vitest";

export interface Lab {
  /** host:port of the lab registry. */
  registry: string;
  user: string;
  password: string;
  /** <registry>/lab/busybox:latest: no ENTRYPOINT, CMD or WORKDIR. */
  imagePlain: string;
  /** <registry>/lab/busybox-entrypoint:latest: ENTRYPOINT prints "entrypoint ran in <cwd>" then runs its arguments; WORKDIR /app. */
  imageEntrypoint: string;
}

export function labFromEnv(env: Record<string, string | undefined> = process.env): Lab | undefined {
  const { LAB_REGISTRY: registry, LAB_REGISTRY_USER: user, LAB_REGISTRY_PASSWORD: password } = env;
  if (!registry || !user || !password) return undefined;
  return {
    registry,
    user,
    password,
    // The image names follow from the registry (scripts/lab/images.sh); a task runner that filters the
    // environment (turbo's strict mode) may pass the registry settings but not these two.
    imagePlain: env.LAB_IMAGE_PLAIN || `${registry}/lab/busybox:latest`,
    imageEntrypoint: env.LAB_IMAGE_ENTRYPOINT || `${registry}/lab/busybox-entrypoint:latest`,
  };
}

const LAB_MISSING =
  'REQUIRE_DOCKER=1 but the container lab is not configured (LAB_REGISTRY, LAB_REGISTRY_USER, LAB_REGISTRY_PASSWORD, DOCKER_HOST): run eval "$(bash scripts/container-lab.sh up)" first';

/** describe() for tests that need the lab; `lab()` may only be called inside tests and hooks. */
export function describeWithLab(name: string, body: (lab: () => Lab) => void): void {
  const lab = labFromEnv();
  if (!lab && process.env.REQUIRE_DOCKER === "1") {
    describe(name, () => {
      it("needs the container lab", () => {
        throw new Error(LAB_MISSING);
      });
    });
    return;
  }
  describe.skipIf(!lab)(name, () =>
    body(() => {
      if (!lab) throw new Error(LAB_MISSING);
      return lab;
    }),
  );
}
