import { describe, expect, it } from "vitest";
import { QueryClient } from "@tanstack/react-query";
import type { TaskDetails } from "@batch-studio/shared";
import { jobKeys } from "./keys";
import {
  isFollowed,
  listingWithSize,
  taskFileObserver,
  taskWithState,
  withStreamedSizes,
  type Listing,
} from "./liveTask";

const ref = { account: "acct", job: "j1", task: "t1" };
const listing = (stdout: number): Listing => ({
  items: [
    { name: "stdout.txt", isDirectory: false, size: stdout },
    { name: "stderr.txt", isDirectory: false, size: 0 },
  ],
});
const running: TaskDetails = { id: "t1", state: "running", commandLine: "x", env: [] };

describe("listingWithSize", () => {
  it("sets the file's size, adds a file the listing has not seen yet, and makes up no listing", () => {
    expect(listingWithSize(listing(22), "stdout.txt", 66)).toEqual(listing(66));
    const same = listing(22);
    expect(listingWithSize(same, "stdout.txt", 22)).toBe(same);
    expect(listingWithSize({ items: [] }, "stdout.txt", 5)).toEqual({
      items: [{ name: "stdout.txt", isDirectory: false, size: 5 }],
    });
    expect(listingWithSize(undefined, "stdout.txt", 5)).toBeUndefined();
  });
});

describe("taskWithState", () => {
  it("takes the stream's state and exit code, and keeps the object when nothing changed", () => {
    expect(taskWithState(running, "completed", 3)).toEqual({ ...running, state: "completed", exitCode: 3 });
    expect(taskWithState(running, "running")).toBe(running);
    expect(taskWithState(running, undefined)).toBe(running);
    expect(taskWithState(undefined, "completed", 0)).toBeUndefined();
  });
});

describe("taskFileObserver", () => {
  const setup = () => {
    const client = new QueryClient();
    client.setQueryData(jobKeys.task("acct", "j1", "t1"), running);
    client.setQueryData(jobKeys.taskFiles("acct", "j1", "t1"), listing(22));
    return { client, observer: taskFileObserver(client, { ...ref, path: "stdout.txt" }) };
  };

  it("writes the file's size and the task's state into the cache entries the page reads", () => {
    const { client, observer } = setup();
    observer.size(66);
    observer.state("completed", 4);
    expect(client.getQueryData(jobKeys.taskFiles("acct", "j1", "t1"))).toEqual(listing(66));
    expect(client.getQueryData(jobKeys.task("acct", "j1", "t1"))).toMatchObject({
      state: "completed",
      exitCode: 4,
    });
  });

  it("while a stream is open, marks the task followed and keeps the streamed size over a lagging listing", () => {
    const { client, observer } = setup();
    expect(isFollowed(client, ref)).toBe(false);
    const close = observer.opened();
    expect(isFollowed(client, ref)).toBe(true);
    observer.size(66);
    // The poll's answer: stdout still at 22 B, stderr grown meanwhile.
    const polled: Listing = {
      items: [listing(22).items[0]!, { name: "stderr.txt", isDirectory: false, size: 9 }],
    };
    expect(withStreamedSizes(client, ref, polled).items.map((f) => f.size)).toEqual([66, 9]);
    close();
    close(); // closing twice is closing once
    expect(isFollowed(client, ref)).toBe(false);
    expect(withStreamedSizes(client, ref, polled)).toBe(polled);
  });

  it("counts two viewers of one task apart: the task stays followed until both close", () => {
    const { client } = setup();
    const a = taskFileObserver(client, { ...ref, path: "stdout.txt" }).opened();
    const b = taskFileObserver(client, { ...ref, path: "stderr.txt" }).opened();
    a();
    expect(isFollowed(client, ref)).toBe(true);
    b();
    expect(isFollowed(client, ref)).toBe(false);
    expect(isFollowed(new QueryClient(), ref)).toBe(false);
  });
});
