/** `npm run bench -- [flags]`, read strictly. */

export const BENCH_USAGE = `Usage: npm run bench -- [--rows N] [--quick] [--reuse] [--connections N] [--duration S] [--repeat N] [--json FILE] [--only a,b]
  --rows N         orders to seed (default 1,000,000; 100,000 with --quick)
  --quick          100,000 rows and 5 s per scenario: the whole run in under two minutes
  --reuse          keep a seeded database from an earlier run instead of seeding again
  --connections N  concurrent connections (default 16)
  --duration S     seconds per scenario (default 10; 5 with --quick)
  --repeat N       rounds of every scenario, interleaved; the table shows medians (default 3; 1 with --quick)
  --json FILE      also write every figure as JSON
  --only a,b       run only these scenarios (list-first, list-last, list-filtered, add-order, raw-floor, raw-offset-last)
BENCH_POSTGRES_URL=postgres://… also runs the API scenarios on PostgreSQL (in a database named orders_bench on that server).`;

export const SCENARIOS = ["list-first", "list-last", "list-filtered", "add-order", "raw-floor", "raw-offset-last"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  rows: number;
  quick: boolean;
  reuse: boolean;
  connections: number;
  durationSeconds: number;
  repeat: number;
  json?: string;
  only: ScenarioName[];
  postgresUrl?: string;
}

export type BenchOptionsReading = { ok: true; options: BenchOptions } | { ok: false; problems: string[] };

export function parseBenchArgs(argv: readonly string[], env: Record<string, string | undefined>): BenchOptionsReading {
  const problems: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (name === "quick" || name === "reuse") flags.add(name);
    else if (name && ["rows", "connections", "duration", "repeat", "json", "only"].includes(name)) {
      const value = match![2] ?? argv[(i += 1)];
      if (value === undefined) problems.push(`--${name} needs a value`);
      else values.set(name, value);
    } else problems.push(`unknown argument "${arg}"`);
  }
  const quick = flags.has("quick");
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw.replaceAll("_", ""));
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`--${name} must be a whole number from ${min} to ${max.toLocaleString("en")} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const only = (values.get("only")?.split(",").map((name) => name.trim()) ?? [...SCENARIOS]) as ScenarioName[];
  for (const name of only) if (!SCENARIOS.includes(name)) problems.push(`--only: no scenario "${name}" (there are ${SCENARIOS.join(", ")})`);
  const options: BenchOptions = {
    rows: whole("rows", quick ? 100_000 : 1_000_000, 100, 20_000_000),
    quick,
    reuse: flags.has("reuse"),
    connections: whole("connections", 16, 1, 1_000),
    durationSeconds: whole("duration", quick ? 5 : 10, 1, 3_600),
    repeat: whole("repeat", quick ? 1 : 3, 1, 100),
    only,
    ...(values.has("json") ? { json: values.get("json")! } : {}),
    ...(env.BENCH_POSTGRES_URL ? { postgresUrl: env.BENCH_POSTGRES_URL } : {}),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, options };
}
