import type { PoolSpec } from "../pool-spec";
import { exportRestJson } from "./rest-json";
import { passwordEnvVars } from "./secrets";

export interface AzCliExport {
  fileName: string;
  fileContent: string;
  /** A bash snippet: sign in, fill in passwords, create the pool. */
  command: string;
}

export interface AzCliOptions {
  accountName?: string;
  resourceGroup?: string;
}

/** `az batch pool create --json-file pool.json` with the file it reads. */
export const exportAzCli = (spec: PoolSpec, options: AzCliOptions = {}): AzCliExport => {
  const fileName = "pool.json";
  const account = options.accountName ?? "<batch-account>";
  const group = options.resourceGroup ?? "<resource-group>";
  const secrets = passwordEnvVars(spec);
  const lines = [
    "# Sign in with Microsoft Entra ID; `az batch account login` without --shared-key-auth keeps the Entra token.",
  ];
  if (spec.image.kind === "gallery") {
    lines.push("# Shared Image Gallery pools need Entra sign-in: Shared Key authentication fails for them.");
  }
  lines.push("az login", `az batch account login --name ${account} --resource-group ${group}`, "");
  let file = fileName;
  if (secrets.length > 0) {
    lines.push(
      `# ${fileName} holds \${…} placeholders for registry passwords; type them (not echoed) and fill them in.`,
    );
    for (const name of secrets) lines.push(`read -rsp "${name}: " ${name} && echo && export ${name}`);
    file = "pool.filled.json";
    lines.push(`envsubst '${secrets.map((n) => `$${n}`).join(" ")}' < ${fileName} > ${file}`, "");
  }
  lines.push(`az batch pool create --json-file ${file}`);
  if (secrets.length > 0) lines.push(`rm ${file}`);
  return { fileName, fileContent: exportRestJson(spec), command: `${lines.join("\n")}\n` };
};
