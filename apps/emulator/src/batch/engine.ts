/** What every part of one emulated account shares: configuration, state, runtime and the cap. */
import type { GalleryImageFact } from "@batch-studio/shared";
import type { AccountApplications } from "../applications/application-catalog";
import type { StorageAccountAccess } from "../storage/local-storage";
import type { TaskRuntime } from "./runtime/task-runtime";
import type { AccountState } from "./state/account-state";
import type { ConcurrencyGate } from "./scheduler/concurrency-gate";
import type { NodeAgentLog } from "./scheduler/node-agent-log";

/** How long allocation steps take; tiny in tests, a few seconds in demos. */
export interface TimeScale {
  /** creating -> starting (VM allocation). Default 1500 ms. */
  nodeAllocateMs?: number;
  /** starting -> idle / waitingforstarttask (boot), also reboot and reimage. Default 1500 ms. */
  nodeBootMs?: number;
  /** Short bookkeeping transitions: leavingpool, pool and job deletion, stopping. Default 500 ms. */
  stepMs?: number;
  /**
   * How long one minute of a job schedule's `recurrenceInterval` and `startWindow` lasts.
   * Default 60000 ms (real time); tests shrink it so a PT1M recurrence comes round quickly.
   */
  scheduleMinuteMs?: number;
}

export interface EngineConfig {
  accountName: string;
  region: string;
  dataDir: string;
  publicUrl: string;
  supportedImages: object[];
  galleryLookup?: (imageId: string) => Promise<GalleryImageFact | undefined>;
  runtime: TaskRuntime;
  timeScale: Required<TimeScale>;
  /** Prefix of every execution id of this account, so runtime.cleanup finds our leftovers. */
  executionPrefix: string;
  /** The account's auto-storage account, when it has one. */
  autoStorage?: StorageAccountAccess;
  /** The account's ARM applications (their packages are blobs in the auto-storage account). */
  applications?: AccountApplications;
}

export interface Engine {
  config: EngineConfig;
  state: AccountState;
  gate: ConcurrencyGate;
  /** Per-node agent-like events, for ComputeNode_UploadBatchServiceLogs. */
  agentLog: NodeAgentLog;
}

export const entityUrl = (config: EngineConfig, ...segments: string[]) =>
  `${config.publicUrl}/${segments.map((s) => encodeURIComponent(s)).join("/")}`;
