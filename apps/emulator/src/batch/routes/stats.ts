/**
 * $expand=stats. The emulator measures no CPU or I/O, so those are zero; what it knows (wall
 * clock of finished tasks, succeeded/failed/retry counts) is real.
 */
import type { Engine } from "../engine";
import { isoNow } from "../model/clock";
import { formatDuration } from "../model/duration";
import type { JobRecord, JobScheduleRecord, PoolRecord, TaskWire } from "../model/types";

const zeroIo = {
  readIOps: 0,
  writeIOps: 0,
  readIOGiB: 0,
  writeIOGiB: 0,
  userCPUTime: "PT0S",
  kernelCPUTime: "PT0S",
};

const taskWall = (t: TaskWire) => {
  const { startTime, endTime } = t.executionInfo;
  if (!startTime) return 0;
  return (endTime ? Date.parse(endTime) : Date.now()) - Date.parse(startTime);
};

export function taskStats(t: TaskWire) {
  return {
    url: `${t.url}/stats`,
    startTime: t.creationTime,
    lastUpdateTime: isoNow(),
    ...zeroIo,
    wallClockTime: formatDuration(taskWall(t)),
    waitTime: "PT0S",
  };
}

/** Wall clock, task outcomes and retries of the given jobs' tasks. */
function taskTotals(engine: Engine, jobs: JobRecord[]) {
  let wall = 0;
  let retries = 0;
  let succeeded = 0;
  let failed = 0;
  for (const job of jobs) {
    for (const t of engine.state.tasksOf(job.wire.id.toLowerCase()).values()) {
      wall += taskWall(t.wire);
      retries += t.wire.executionInfo.retryCount;
    }
    const counts = engine.state.countsOf(job.wire.id.toLowerCase()).tasks;
    succeeded += counts.succeeded;
    failed += counts.failed;
  }
  return {
    ...zeroIo,
    wallClockTime: formatDuration(wall),
    numSucceededTasks: succeeded,
    numFailedTasks: failed,
    numTaskRetries: retries,
    waitTime: "PT0S",
  };
}

export function jobStats(engine: Engine, job: JobRecord) {
  return {
    url: `${job.wire.url}/stats`,
    startTime: job.wire.creationTime,
    lastUpdateTime: isoNow(),
    ...taskTotals(engine, [job]),
  };
}

/** Over the jobs the schedule still has (a deleted job's tasks no longer count). */
export function jobScheduleStats(engine: Engine, schedule: JobScheduleRecord, jobs: JobRecord[]) {
  return {
    url: `${schedule.wire.url}/stats`,
    startTime: schedule.wire.creationTime,
    lastUpdateTime: isoNow(),
    ...taskTotals(engine, jobs),
  };
}

export function poolStats(pool: PoolRecord) {
  const now = isoNow();
  return {
    url: `${pool.wire.url}/stats`,
    startTime: pool.wire.creationTime,
    lastUpdateTime: now,
    usageStats: { startTime: pool.wire.creationTime, lastUpdateTime: now, dedicatedCoreTime: "PT0S" },
  };
}
