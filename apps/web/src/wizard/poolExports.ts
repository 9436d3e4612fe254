import type { ExportTab } from "../components/ExportFiles";
import { exportAzCli, exportCSharp, exportPython, exportRestJson, type PoolSpec } from "@batch-studio/shared";


/** The review step's export tabs: each a set of files to show, copy and download. */
export function poolExports(spec: PoolSpec, account?: { name: string; resourceGroup: string }): ExportTab[] {
  const az = exportAzCli(spec, account ? { accountName: account.name, resourceGroup: account.resourceGroup } : {});
  return [
    { id: "rest", label: "REST JSON", files: [{ name: `${spec.id}.json`, content: exportRestJson(spec) }] },
    {
      id: "az",
      label: "az CLI",
      files: [
        { name: "create-pool.sh", content: az.command },
        { name: az.fileName, content: az.fileContent },
      ],
    },
    { id: "python", label: "Python", files: [{ name: "create_pool.py", content: exportPython(spec) }] },
    { id: "csharp", label: "C#", files: [{ name: "CreatePool.cs", content: exportCSharp(spec) }] },
  ];
}
