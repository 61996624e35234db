/** The table, the ratios and the budgets: what `npm run bench` prints and writes. */
import { PAGE_SHAPES } from "./options.js";
import type { ScenarioResult } from "./scenarios.js";

/** One page shape on PostgreSQL, ours beside PostGraphile's (medians of the same rounds). */
export interface PostGraphileComparison {
  shape: string;
  /** Whether the page asks for `totalCount` (which PostGraphile counts on every request). */
  totalCount: boolean;
  ours: { scenario: string; requestsPerSecond: number; p50Ms: number; p99Ms: number };
  postgraphile: { scenario: string; requestsPerSecond: number; p50Ms: number; p99Ms: number };
  /** Ours over PostGraphile's (of the medians): above 1, we serve more. */
  throughputRatio: number;
  /** Ours over PostGraphile's in each round, the two measured one right after the other: how steady the ratio is. */
  roundThroughputRatios: number[];
  /** Ours over PostGraphile's: below 1, our slowest requests are faster. */
  p99Ratio: number;
}

export interface BenchReport {
  rows: number;
  connections: number;
  durationSeconds: number;
  /** Rounds of each scenario; `scenarios` holds their medians, `samples` every round. */
  repeat: number;
  machine: { cpus: number; node: string };
  startupMs: Record<string, number>;
  scenarios: ScenarioResult[];
  samples: ScenarioResult[];
  /** Orders the add-order scenario was answered 2xx for, and orders that were stored, per engine. */
  addOrderStored: Record<string, { answered: number; stored: number }>;
  ratios: { listLastP50OverListFirstP50?: number; rawFloorOverListFirstThroughput?: number };
  /** On PostgreSQL, each page shape that both servers ran. */
  versusPostGraphile: PostGraphileComparison[];
  budgets: Array<{ budget: string; value: string; met: boolean }>;
  failures: string[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Every add-order answered 2xx is in the database. Requests still in flight when a round's load
 * stops may be stored without their answer being read: at most one per connection per round.
 */
export function everyAnsweredWriteStored({ answered, stored }: { answered: number; stored: number }, run: { connections: number; repeat: number }): boolean {
  return stored >= answered && stored <= answered + run.connections * run.repeat;
}

/** One line per scenario and engine: the median of its rounds (the peak memory is the highest; errors add up). */
export function medians(samples: ScenarioResult[]): ScenarioResult[] {
  const groups = new Map<string, ScenarioResult[]>();
  for (const sample of samples) groups.set(`${sample.scenario}/${sample.engine}`, [...(groups.get(`${sample.scenario}/${sample.engine}`) ?? []), sample]);
  return [...groups.values()].map((group) => {
    const peaks = group.flatMap((sample) => (sample.peakRssMb === undefined ? [] : [sample.peakRssMb]));
    const sum = (pick: (sample: ScenarioResult) => number) => group.reduce((total, sample) => total + pick(sample), 0);
    return {
      scenario: group[0]!.scenario,
      engine: group[0]!.engine,
      requestsPerSecond: median(group.map((sample) => sample.requestsPerSecond)),
      p50Ms: median(group.map((sample) => sample.p50Ms)),
      p99Ms: median(group.map((sample) => sample.p99Ms)),
      errors: sum((sample) => sample.errors),
      non2xx: sum((sample) => sample.non2xx),
      graphqlErrors: sum((sample) => sample.graphqlErrors),
      responses2xx: sum((sample) => sample.responses2xx),
      peakRssMb: peaks.length > 0 ? Math.max(...peaks) : undefined,
    };
  });
}

function find(report: Pick<BenchReport, "scenarios">, scenario: string, engine = "sqlite"): ScenarioResult | undefined {
  return report.scenarios.find((result) => result.scenario === scenario && result.engine === engine);
}

export function ratios(report: Pick<BenchReport, "scenarios">): BenchReport["ratios"] {
  const first = find(report, "list-first");
  const last = find(report, "list-last");
  const floor = find(report, "raw-floor");
  return {
    ...(first && last ? { listLastP50OverListFirstP50: last.p50Ms / first.p50Ms } : {}),
    ...(first && floor ? { rawFloorOverListFirstThroughput: floor.requestsPerSecond / first.requestsPerSecond } : {}),
  };
}

export function versusPostGraphile(report: Pick<BenchReport, "scenarios" | "samples">): PostGraphileComparison[] {
  return PAGE_SHAPES.flatMap((shape) => {
    const ours = find(report, shape.ours, "postgres");
    const theirs = find(report, shape.postgraphile, "postgres");
    if (!ours || !theirs) return [];
    const rounds = (scenario: string) => report.samples.filter((sample) => sample.scenario === scenario && sample.engine === "postgres");
    const theirRounds = rounds(shape.postgraphile);
    const figures = ({ scenario, requestsPerSecond, p50Ms, p99Ms }: ScenarioResult) => ({ scenario, requestsPerSecond, p50Ms, p99Ms });
    return [
      {
        shape: shape.label,
        totalCount: shape.totalCount,
        ours: figures(ours),
        postgraphile: figures(theirs),
        throughputRatio: ours.requestsPerSecond / theirs.requestsPerSecond,
        roundThroughputRatios: rounds(shape.ours).flatMap((sample, i) => (theirRounds[i] ? [sample.requestsPerSecond / theirRounds[i].requestsPerSecond] : [])),
        p99Ratio: ours.p99Ms / theirs.p99Ms,
      },
    ];
  });
}

/** The targets against PostGraphile 5: without a count, 1.25 times its throughput and a lower p99; with one, 50 times. */
function postgraphileBudget(comparison: PostGraphileComparison): BenchReport["budgets"][number] {
  const ratio = comparison.throughputRatio;
  const value = `${ratio.toFixed(2)}×, p99 ${comparison.ours.p99Ms} vs ${comparison.postgraphile.p99Ms} ms`;
  return comparison.totalCount
    ? { budget: `PostgreSQL ${comparison.shape}: ≥ 50 × PostGraphile's req/s`, value, met: ratio >= 50 }
    : {
        budget: `PostgreSQL ${comparison.shape}: ≥ 1.25 × PostGraphile's req/s, lower p99`,
        value,
        met: ratio >= 1.25 && comparison.ours.p99Ms < comparison.postgraphile.p99Ms,
      };
}

/** The budgets; they apply to the full run (1,000,000 rows, SQLite, 16 connections; PostgreSQL beside PostGraphile). */
export function budgets(report: Omit<BenchReport, "budgets" | "failures">): BenchReport["budgets"] {
  const out: BenchReport["budgets"] = [];
  const first = find(report, "list-first");
  const add = find(report, "add-order");
  if (first) {
    out.push({ budget: "list-first ≥ 1,200 req/s", value: first.requestsPerSecond.toFixed(0), met: first.requestsPerSecond >= 1_200 });
    out.push({ budget: "list-first p99 < 40 ms", value: `${first.p99Ms} ms`, met: first.p99Ms < 40 });
  }
  const { listLastP50OverListFirstP50: lastRatio, rawFloorOverListFirstThroughput: floorRatio } = report.ratios;
  if (lastRatio !== undefined) out.push({ budget: "list-last p50 ≤ 1.3 × list-first p50", value: lastRatio.toFixed(2), met: lastRatio <= 1.3 });
  if (floorRatio !== undefined) out.push({ budget: "raw-floor / list-first throughput ≤ 2.2", value: floorRatio.toFixed(2), met: floorRatio <= 2.2 });
  if (add) {
    out.push({ budget: "add-order ≥ 3,000 writes/s", value: add.requestsPerSecond.toFixed(0), met: add.requestsPerSecond >= 3_000 });
    const stored = report.addOrderStored.sqlite;
    if (stored) {
      out.push({
        budget: "every add-order answered is stored",
        value: `${stored.stored} stored for ${stored.answered} answered`,
        met: everyAnsweredWriteStored(stored, report),
      });
    }
  }
  const peaks = report.scenarios.filter((result) => result.engine === "sqlite" && !result.scenario.startsWith("raw") && result.peakRssMb !== undefined);
  if (peaks.length > 0) {
    const peak = Math.max(...peaks.map((result) => result.peakRssMb!));
    out.push({ budget: "server peak RSS ≤ 200 MB", value: `${peak.toFixed(0)} MB`, met: peak <= 200 });
  }
  const startup = report.startupMs.sqlite;
  if (startup !== undefined) out.push({ budget: "start-up to ready ≤ 1.0 s", value: `${(startup / 1000).toFixed(2)} s`, met: startup <= 1_000 });
  for (const comparison of report.versusPostGraphile) out.push(postgraphileBudget(comparison));
  return out;
}

const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

export function formatReport(report: BenchReport): string {
  const lines: string[] = [];
  lines.push(
    `${report.rows.toLocaleString("en")} orders, ${report.connections} connections, ${report.durationSeconds} s per scenario, ` +
      `median of ${report.repeat} interleaved round${report.repeat === 1 ? "" : "s"}, ` +
      `${report.machine.cpus} CPUs, Node ${report.machine.node}`,
  );
  lines.push("");
  const header = ["scenario", "engine", "req/s", "p50 ms", "p99 ms", "errors", "non-2xx", "gql errors", "peak RSS MB"];
  const widths = [26, 9, 9, 8, 8, 7, 8, 11, 12];
  lines.push(header.map((cell, i) => pad(cell, widths[i]!, i > 1)).join(" "));
  for (const result of report.scenarios) {
    const cells = [
      result.scenario,
      result.engine,
      result.requestsPerSecond.toFixed(0),
      result.p50Ms.toFixed(0),
      result.p99Ms.toFixed(0),
      String(result.errors),
      String(result.non2xx),
      String(result.graphqlErrors),
      result.peakRssMb === undefined ? "-" : result.peakRssMb.toFixed(0),
    ];
    lines.push(cells.map((cell, i) => pad(cell, widths[i]!, i > 1)).join(" "));
  }
  if (report.versusPostGraphile.length > 0) {
    lines.push("");
    lines.push("PostgreSQL, ours beside PostGraphile 5 (same database, same page, same rounds; ratio = ours / PostGraphile's):");
    const sideHeader = ["page", "ours req/s", "PostGraphile req/s", "ratio", "ours p99 ms", "PostGraphile p99 ms", "p99 ratio", "ratio by round"];
    const sideWidths = [26, 10, 18, 7, 11, 19, 9, 0];
    // The page's name and the list of rounds to the left, the figures to the right.
    const sideRow = (cells: string[]) => cells.map((cell, i) => pad(cell, sideWidths[i]!, i > 0 && i < cells.length - 1)).join(" ");
    lines.push(sideRow(sideHeader));
    for (const comparison of report.versusPostGraphile) {
      const cells = [
        comparison.shape,
        comparison.ours.requestsPerSecond.toFixed(0),
        comparison.postgraphile.requestsPerSecond.toFixed(0),
        `${comparison.throughputRatio.toFixed(2)}×`,
        comparison.ours.p99Ms.toFixed(0),
        comparison.postgraphile.p99Ms.toFixed(0),
        comparison.p99Ratio.toFixed(2),
        comparison.roundThroughputRatios.map((ratio) => ratio.toFixed(2)).join(" "),
      ];
      lines.push(sideRow(cells));
    }
  }
  lines.push("");
  for (const [engine, ms] of Object.entries(report.startupMs)) lines.push(`start-up to ready (${engine}): ${ms.toFixed(0)} ms`);
  for (const [engine, { answered, stored }] of Object.entries(report.addOrderStored)) {
    lines.push(`add-order (${engine}): ${answered} answered 2xx, ${stored} stored (the difference: requests in flight when the load stopped)`);
  }
  if (report.ratios.listLastP50OverListFirstP50 !== undefined) {
    lines.push(`list-last p50 / list-first p50: ${report.ratios.listLastP50OverListFirstP50.toFixed(2)}`);
  }
  if (report.ratios.rawFloorOverListFirstThroughput !== undefined) {
    lines.push(`raw-floor req/s / list-first req/s: ${report.ratios.rawFloorOverListFirstThroughput.toFixed(2)}`);
  }
  if (report.budgets.length > 0) {
    lines.push("");
    lines.push("budgets:");
    for (const budget of report.budgets) lines.push(`  ${budget.met ? "met   " : "MISSED"} ${budget.budget}: ${budget.value}`);
  }
  if (report.failures.length > 0) {
    lines.push("");
    lines.push("FAILED:");
    for (const failure of report.failures) lines.push(`  ${failure}`);
  }
  return lines.join("\n");
}
