import { exportAzCli, exportCSharp, exportPython, exportRestJson, type PoolSpec } from "@batch-studio/shared";
import { azOptions } from "../api/accountInfo";
import { exportTabs, type ExportTab } from "../components/ExportFiles";

/** The review step's export tabs: each a set of files to show, copy and download. */
export function poolExports(spec: PoolSpec, account?: { name: string; resourceGroup: string }): ExportTab[] {
  const az = exportAzCli(spec, azOptions(account));
  return exportTabs("pool", `${spec.id}.json`, { rest: exportRestJson(spec), az, python: exportPython(spec), csharp: exportCSharp(spec) });
}
