import { describe, expect, it } from "vitest";
import { parseByteSize, parseRunOptions, type RunOptions } from "./run-options";

function parsed(text: string): RunOptions {
  const result = parseRunOptions(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.message}`);
  return result.options;
}

function refusal(text: string): string {
  const result = parseRunOptions(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused`);
  return result.message;
}

describe("parseRunOptions", () => {
  it("parses the Microsoft Learn example's options", () => {
    const o = parsed("--rm --workdir /");
    expect(o.remove).toBe(true);
    expect(o.workdir).toBe("/");
  });

  it("accepts an empty string", () => {
    expect(parsed("")).toMatchObject({ remove: false, env: [], binds: [] });
    expect(parsed("   ").workdir).toBeUndefined();
  });

  it("takes values as the next word, after '=' and glued to short options", () => {
    expect(parsed("-w /a").workdir).toBe("/a");
    expect(parsed("-w=/b").workdir).toBe("/b");
    expect(parsed("-w/c").workdir).toBe("/c");
    expect(parsed("--workdir=/d").workdir).toBe("/d");
    expect(parsed("--workdir /e").workdir).toBe("/e");
  });

  it("keeps env values with '=' and spaces, and passes through bare names", () => {
    const o = parsed(`-e A=1 --env "B=two words" --env=C=x=y -eD=4 -e PASSED`);
    expect(o.env).toEqual([
      { name: "A", value: "1" },
      { name: "B", value: "two words" },
      { name: "C", value: "x=y" },
      { name: "D", value: "4" },
      { name: "PASSED" },
    ]);
  });

  it("does no shell expansion", () => {
    expect(parsed("-e 'HOME=$HOME' -e X=$(id)").env).toEqual([
      { name: "HOME", value: "$HOME" },
      { name: "X", value: "$(id)" },
    ]);
  });

  it("parses the resource options with docker's units", () => {
    const o = parsed(
      "--memory 512m -m=1g --memory-swap -1 --cpus 1.5 --shm-size 64M --pids-limit 100 --cpu-shares 512",
    );
    expect(o.memoryBytes).toBe(1024 ** 3);
    expect(o.memorySwapBytes).toBe(-1);
    expect(o.nanoCpus).toBe(1_500_000_000);
    expect(o.shmSizeBytes).toBe(64 * 1024 ** 2);
    expect(o.pidsLimit).toBe(100);
    expect(o.cpuShares).toBe(512);
  });

  it("parses entrypoint, user, network and isolation options", () => {
    const o = parsed(
      `--entrypoint /bin/sh -u 1000:1000 --net host --ipc=host --privileged --read-only --init --cap-add SYS_PTRACE --cap-add NET_ADMIN --cap-drop ALL --security-opt seccomp=unconfined -h box`,
    );
    expect(o).toMatchObject({
      entrypoint: "/bin/sh",
      user: "1000:1000",
      network: "host",
      ipc: "host",
      privileged: true,
      readOnly: true,
      init: true,
      capAdd: ["SYS_PTRACE", "NET_ADMIN"],
      capDrop: ["ALL"],
      securityOpt: ["seccomp=unconfined"],
      hostname: "box",
    });
    expect(parsed("--network=none").network).toBe("none");
  });

  it("keeps an empty --entrypoint, which resets the image's", () => {
    expect(parsed(`--entrypoint ""`).entrypoint).toBe("");
    expect(parsed(`--entrypoint=`).entrypoint).toBe("");
  });

  it("parses mounts, tmpfs, labels, hosts and ulimits", () => {
    const o = parsed(
      "-v /data:/data:ro --volume=cache:/cache -v /anon --tmpfs /run --tmpfs /scratch:rw,size=64m -l team=a --label=b --add-host db:10.0.0.2 --dns 1.1.1.1 --ulimit nofile=1024:2048",
    );
    expect(o.binds).toEqual(["/data:/data:ro", "cache:/cache"]);
    expect(o.anonymousVolumes).toEqual(["/anon"]);
    expect(o.tmpfs).toEqual({ "/run": "", "/scratch": "rw,size=64m" });
    expect(o.labels).toEqual({ team: "a", b: "" });
    expect(o.addHosts).toEqual(["db:10.0.0.2"]);
    expect(o.dns).toEqual(["1.1.1.1"]);
    expect(o.ulimits).toEqual([{ Name: "nofile", Soft: 1024, Hard: 2048 }]);
  });

  it("accepts boolean flags written =true / =false", () => {
    expect(parsed("--rm=false").remove).toBe(false);
    expect(parsed("--privileged=true").privileged).toBe(true);
    expect(refusal("--rm=yes")).toMatch(/--rm takes no value/);
  });

  it("names an unknown option", () => {
    expect(refusal("--rm --frobnicate 3")).toBe("unknown container run option --frobnicate");
    expect(refusal("--gpus=all")).toBe("unknown container run option --gpus");
    expect(refusal("-t")).toBe("unknown container run option -t");
    expect(refusal("-it")).toBe("unknown container run option -i");
  });

  it("refuses options the runtime owns, with the reason", () => {
    expect(refusal("--name x")).toMatch(/--name is not allowed: the emulator names/);
    expect(refusal("-d")).toMatch(/-d is not allowed/);
  });

  it("refuses stray words, missing values and bad values", () => {
    expect(refusal("--rm busybox")).toMatch(/unexpected argument "busybox"/);
    expect(refusal("--workdir")).toBe("--workdir needs a value");
    expect(refusal("-w relative")).toMatch(/absolute path/);
    expect(refusal("--memory lots")).toMatch(/--memory needs a size/);
    expect(refusal("--cpus -1")).toMatch(/--cpus needs a positive number/);
    expect(refusal("--cpus 0")).toMatch(/--cpus needs a positive number/);
    expect(refusal("-e =x")).toMatch(/-e needs NAME=value/);
    expect(refusal("-v :/x")).toMatch(/SOURCE:TARGET/);
    expect(refusal("-v /a:rel")).toMatch(/must be absolute/);
    expect(refusal("--ulimit nofile")).toMatch(/NAME=SOFT/);
  });

  it("reports unbalanced quotes instead of throwing", () => {
    expect(refusal(`-e "A=1`)).toMatch(/cannot be split: unterminated " quote/);
  });
});

describe("parseByteSize", () => {
  it("reads docker's binary units, case-insensitively", () => {
    expect(parseByteSize("1024")).toBe(1024);
    expect(parseByteSize("1k")).toBe(1024);
    expect(parseByteSize("1KB")).toBe(1024);
    expect(parseByteSize("1.5g")).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize("2GiB")).toBe(2 * 1024 ** 3);
    expect(parseByteSize("12b")).toBe(12);
  });

  it("refuses what is not a size", () => {
    for (const bad of ["", "m", "-1m", "1x", "1 gigabyte", "1e9"])
      expect(parseByteSize(bad), bad).toBeUndefined();
  });
});
