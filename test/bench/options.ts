/** `npm run bench -- [flags]`, read strictly. */

/**
 * The list page in four shapes (first page, `first: 25`; last page, `last: 25`; each with and
 * without `totalCount`), ours and PostGraphile's; the peer's only run on PostgreSQL.
 */
export const SCENARIOS = [
  "list-first",
  "list-first-nocount",
  "list-last",
  "list-last-nocount",
  "list-filtered",
  "add-order",
  "raw-floor",
  "raw-offset-last",
  "postgraphile-first",
  "postgraphile-first-nocount",
  "postgraphile-last",
  "postgraphile-last-nocount",
] as const;
const SCENARIOS_TEXT = SCENARIOS.join(", ");
export type ScenarioName = (typeof SCENARIOS)[number];

/** One shape of the list page, and the scenarios that ask for it of our server and of PostGraphile. */
export interface PageShape {
  label: string;
  page: { first: number } | { last: number };
  totalCount: boolean;
  ours: ScenarioName;
  postgraphile: ScenarioName;
}

/** The web client asks for 25 rows a page; its Last button sends `last: 25`. */
export const PAGE_SHAPES: readonly PageShape[] = [
  { label: "first page, totalCount", page: { first: 25 }, totalCount: true, ours: "list-first", postgraphile: "postgraphile-first" },
  { label: "first page, no totalCount", page: { first: 25 }, totalCount: false, ours: "list-first-nocount", postgraphile: "postgraphile-first-nocount" },
  { label: "last page, totalCount", page: { last: 25 }, totalCount: true, ours: "list-last", postgraphile: "postgraphile-last" },
  { label: "last page, no totalCount", page: { last: 25 }, totalCount: false, ours: "list-last-nocount", postgraphile: "postgraphile-last-nocount" },
];

export const BENCH_USAGE = `Usage: npm run bench -- [--rows N] [--quick] [--reuse] [--connections N] [--duration S] [--repeat N] [--json FILE] [--only a,b] [--postgres-database NAME] [--profile DIR]
  --rows N         orders to seed (default 1,000,000; 100,000 with --quick)
  --quick          100,000 rows and 5 s per scenario: the whole run in under two minutes
  --reuse          keep a seeded database from an earlier run instead of seeding again
  --connections N  concurrent connections (default 16)
  --duration S     seconds per scenario (default 10; 5 with --quick)
  --repeat N       rounds of every scenario, interleaved; the table shows medians (default 3; 1 with --quick)
  --json FILE      also write every figure as JSON
  --only a,b       run only these scenarios (${SCENARIOS_TEXT})
  --postgres-database NAME
                   the database to seed on BENCH_POSTGRES_URL's server (default orders_bench; made afresh unless --reuse)
  --profile DIR    run our server under node --cpu-prof and write its CPU profiles (one per engine) into DIR;
                   summarise one with: npx tsx test/bench/profile-summary.ts DIR/<file>.cpuprofile
BENCH_POSTGRES_URL=postgres://… also runs the API scenarios on PostgreSQL (in that database on that server), and
PostGraphile 5 on the same database beside ours, the same pages in the same rounds (the postgraphile-* scenarios).`;

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
  /** The database on postgresUrl's server that the bench seeds and measures. */
  postgresDatabase: string;
  /** Where our server writes its CPU profiles (node --cpu-prof), when asked for. */
  profileDir?: string;
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
    else if (name && ["rows", "connections", "duration", "repeat", "json", "only", "postgres-database", "profile"].includes(name)) {
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
  const postgresDatabase = values.get("postgres-database") ?? "orders_bench";
  // It is written into CREATE and DROP DATABASE as it is: a plain lower-case identifier only.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(postgresDatabase)) {
    problems.push(`--postgres-database must be a plain name: lower-case letters, digits and _, starting with a letter or _ (got "${postgresDatabase}")`);
  }
  const only = (values.get("only")?.split(",").map((name) => name.trim()) ?? [...SCENARIOS]) as ScenarioName[];
  for (const name of only) if (!SCENARIOS.includes(name)) problems.push(`--only: no scenario "${name}" (there are ${SCENARIOS_TEXT})`);
  const options: BenchOptions = {
    rows: whole("rows", quick ? 100_000 : 1_000_000, 100, 20_000_000),
    quick,
    reuse: flags.has("reuse"),
    connections: whole("connections", 16, 1, 1_000),
    durationSeconds: whole("duration", quick ? 5 : 10, 1, 3_600),
    repeat: whole("repeat", quick ? 1 : 3, 1, 100),
    only,
    postgresDatabase,
    ...(values.has("json") ? { json: values.get("json")! } : {}),
    ...(values.has("profile") ? { profileDir: values.get("profile")! } : {}),
    ...(env.BENCH_POSTGRES_URL ? { postgresUrl: env.BENCH_POSTGRES_URL } : {}),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, options };
}
