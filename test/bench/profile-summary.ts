/**
 * `npx tsx test/bench/profile-summary.ts FILE.cpuprofile [top]`: where a CPU profile written by
 * `npm run bench -- --profile DIR` spent its time, by package (or folder of our own code) and by
 * function, as shares of the busy time (idle left out).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a script belongs to: node_modules/<name>, a folder of our own server, Node itself, or V8's own work. */
export function ownerOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packaged) return packaged[1]!;
  if (url.startsWith("node:")) return "node (" + url.slice(5).split("/")[0] + ")";
  const own = /\/dist\/server\/([^/]+)\//.exec(url) ?? /\/server\/([^/]+)\//.exec(url);
  if (own) return `ours: ${own[1]}`;
  return url;
}

export function summarise(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  // Self time per node, from the samples and the time between them.
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const busy = [...self].filter(([id]) => byId.get(id)?.callFrame.functionName !== "(idle)").reduce((sum, [, time]) => sum + time, 0);
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, time] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") continue;
    const owner = ownerOf(url, functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + time);
    const name = `${functionName || "(anonymous)"} ${owner}${url ? `:${lineNumber + 1}` : ""}`;
    functions.set(name, (functions.get(name) ?? 0) + time);
  }
  const share = (time: number) => `${((100 * time) / busy).toFixed(1).padStart(5)}%`;
  const list = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => `${share(time)}  ${name}`)
      .join("\n");
  return `busy ${(busy / 1e6).toFixed(1)} s of CPU\n\nby package:\n${list(owners)}\n\nby function (self time):\n${list(functions)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("Usage: npx tsx test/bench/profile-summary.ts FILE.cpuprofile [top]\n");
    process.exit(2);
  }
  process.stdout.write(`${summarise(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, top ? Number(top) : 25)}\n`);
}
