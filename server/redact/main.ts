/**
 * `npm run redact-cards [-- --apply] [--batch-size N] [--pause-ms N]`: find the card numbers
 * that legacy rows still hold in full (a dry run by default), and with --apply truncate them to
 * the form new orders are stored in. Prints counts only, never a card value.
 */
import { constants } from "node:os";
import type { Database } from "../database/database.js";
import { openToolDatabase } from "../database/tool-database.js";
import { scrubCardNumbers } from "../logging/card-number-scrubber.js";
import { redactableCount } from "./card-tally.js";
import { formatCount, ProgressLine } from "./progress.js";
import { parseRedactArgs, type RedactArgs, REDACT_USAGE } from "./redact-cli-args.js";
import { countRows, type WalkProgress, walkCardNumbers } from "./redact-walk.js";
import { describeRun } from "./redaction-report.js";

/** Not a terminal: a progress line this often (a terminal gets one line rewritten in place). */
const PROGRESS_LINE_EVERY_MS = 10_000;

async function main(): Promise<number> {
  const reading = parseRedactArgs(process.argv.slice(2));
  if (!reading.ok) {
    process.stderr.write(`${reading.problems.map((problem) => `redact-cards: ${problem}`).join("\n")}\n\n${REDACT_USAGE}\n`);
    return 2;
  }
  if ("help" in reading) {
    process.stdout.write(`${REDACT_USAGE}\n`);
    return 0;
  }
  const opened = await openToolDatabase();
  if (!opened.ok) return opened.exitCode;
  const { database, description, queryTimeoutMs } = opened;
  try {
    return await redact(reading.args, database, description, queryTimeoutMs);
  } finally {
    await database.close();
  }
}

/** What Ctrl-C and SIGTERM do: the first stops the walk after its batch, a second ends the process at once. */
function stopOnSignals(): { signal: AbortSignal; stoppedBy: () => NodeJS.Signals | undefined } {
  const stop = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stoppedBy) {
      // The batch in progress is not committed, so the database undoes it.
      process.stderr.write(`\nredact-cards: stopped at once by a second ${signal}; the batch in progress was not stored. Run again to carry on.\n`);
      process.exit(exitCodeFor(signal));
    }
    stoppedBy = signal;
    stop.abort();
    process.stderr.write(`\nredact-cards: ${signal}: stopping after the batch in progress (send it again to stop at once)\n`);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { signal: stop.signal, stoppedBy: () => stoppedBy };
}

/** The shell's convention for a process ended by a signal: 130 for SIGINT, 143 for SIGTERM. */
function exitCodeFor(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

function describeStart(args: RedactArgs, name: string, total: number | undefined): string {
  const what = args.apply
    ? `redacting full card numbers in ${name}, ${formatCount(args.batchSize)} rows a transaction.`
    : `a dry run on ${name}: counting, changing nothing (--apply redacts).`;
  const size = total === undefined ? "Counting the rows took too long: no time left will be shown" : `About ${formatCount(total)} rows`;
  return `redact-cards: ${what} ${size}; Ctrl-C stops after the batch in progress.`;
}

/** Runs the walk with progress and a clean stop on Ctrl-C or SIGTERM; gives back the exit code. */
async function redact(args: RedactArgs, database: Database, name: string, countTimeoutMs: number): Promise<number> {
  const stop = stopOnSignals();
  const total = await countRows(database, countTimeoutMs);
  process.stdout.write(`${describeStart(args, name, total)}\n`);
  const progress = new ProgressLine({ target: process.stderr, total, lineEveryMs: PROGRESS_LINE_EVERY_MS });
  let latest: WalkProgress | undefined;
  const started = performance.now();
  try {
    const outcome = await walkCardNumbers(database, {
      ...args,
      stop: stop.signal,
      onBatch: (figures) => {
        latest = figures;
        progress.update(figures.rowsWalked, args.apply ? `${formatCount(figures.redacted)} redacted` : `${formatCount(redactableCount(figures.tally))} to redact`);
      },
    });
    progress.end();
    const stoppedBy = stop.stoppedBy();
    const report = describeRun({ outcome, apply: args.apply, elapsedMs: performance.now() - started, total, ...(stoppedBy ? { stoppedBy } : {}) });
    process.stdout.write(`${report.join("\n")}\n`);
    return outcome.finished || !stoppedBy ? 0 : exitCodeFor(stoppedBy);
  } catch (error) {
    progress.end();
    const done = latest ? ` after ${formatCount(latest.rowsWalked)} rows (${formatCount(latest.redacted)} redacted)` : "";
    // A driver's message, never its parameters (they hold card values); scrubbed all the same.
    process.stderr.write(
      `redact-cards: stopped by an error${done}: ${scrubCardNumbers((error as Error).message)}\n` +
        "Each batch is stored whole or not at all, so nothing is half done; mend the cause and run again to carry on.\n",
    );
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`redact-cards: ${scrubCardNumbers((error as Error).message)}\n`);
    process.exit(1);
  },
);
