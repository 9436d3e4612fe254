import { exportAzCli, exportCSharp, exportPython, exportRestJson, type PoolSpec } from "@batch-studio/shared";

export interface ExportFile {
  id: "rest" | "az" | "python" | "csharp";
  label: string;
  files: { name: string; content: string }[];
}

/** The review step's export tabs: each a set of files to show, copy and download. */
export function poolExports(spec: PoolSpec, account?: { name: string; resourceGroup: string }): ExportFile[] {
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
