import { test } from "@playwright/test";

/** The container lab (scripts/container-lab.sh): a Docker Engine and a private registry on loopback. */
export interface Lab {
  dockerHost: string;
  registry: string;
  user: string;
  password: string;
  /** An image in the private registry with no ENTRYPOINT (busybox). */
  plainImage: string;
  entrypointImage: string;
}

const NAMES = ["DOCKER_HOST", "LAB_REGISTRY", "LAB_REGISTRY_USER", "LAB_REGISTRY_PASSWORD", "LAB_IMAGE_PLAIN", "LAB_IMAGE_ENTRYPOINT"] as const;

export function readLab(env: NodeJS.ProcessEnv = process.env): Lab | { missing: string[] } {
  const missing = NAMES.filter((n) => !env[n]);
  if (missing.length > 0) return { missing };
  return {
    dockerHost: env.DOCKER_HOST!,
    registry: env.LAB_REGISTRY!,
    user: env.LAB_REGISTRY_USER!,
    password: env.LAB_REGISTRY_PASSWORD!,
    plainImage: env.LAB_IMAGE_PLAIN!,
    entrypointImage: env.LAB_IMAGE_ENTRYPOINT!,
  };
}

/**
 * The lab for a journey that needs Docker and the registry. Without it the journey is skipped,
 * unless REQUIRE_DOCKER=1, where a missing lab is a failure that says how to bring it up.
 */
export function requireLab(): Lab {
  const lab = readLab();
  if ("missing" in lab) {
    const why = `the container lab is not configured (${lab.missing.join(", ")} unset); run \`bash scripts/container-lab.sh up\` and \`eval "$(bash scripts/container-lab.sh env)"\``;
    if (process.env.REQUIRE_DOCKER === "1") throw new Error(`REQUIRE_DOCKER=1 but ${why}.`);
    test.skip(true, `Skipped: ${why}.`);
    throw new Error("unreachable: test.skip throws");
  }
  return lab;
}
