import type { OsType } from "../validation-context";

/**
 * The OS a node agent SKU runs on: "batch.node.windows amd64" -> windows; every other
 * "batch.node.<distro> <version>" (ubuntu, centos, debian, el, mariner, ...) -> linux.
 */
export const osOfNodeAgentSku = (nodeAgentSkuId: string): OsType | undefined => {
  const id = nodeAgentSkuId.trim().toLowerCase();
  if (!id.startsWith("batch.node.")) return undefined;
  return id.startsWith("batch.node.windows") ? "windows" : "linux";
};

/** The one Windows node agent SKU Batch has. */
export const WINDOWS_NODE_AGENT_SKU = "batch.node.windows amd64";
