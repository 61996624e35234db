/**
 * The words an operator reads at the end of a run: what the column holds, what was done, what
 * is left. Counts only: no card value, and no row key, is ever part of it.
 */
import { type CardTally, fullCount, redactableCount } from "./card-tally.js";
import { CARD_LENGTHS } from "./card-values.js";
import { formatCount, formatDuration, share } from "./progress.js";
import type { WalkOutcome } from "./redact-walk.js";

interface RunSummary {
  outcome: WalkOutcome;
  apply: boolean;
  elapsedMs: number;
  /** Rows counted before the walk (for where a stopped run got to). */
  total: number | undefined;
  /** The signal that stopped the run, if one did. */
  stoppedBy?: string;
}

/** The whole report, as lines. */
export function describeRun(summary: RunSummary): string[] {
  const { outcome, apply, elapsedMs } = summary;
  return [
    `Walked ${formatCount(outcome.rowsWalked)} rows in ${describeTime(outcome.rowsWalked, elapsedMs)}.${apply ? "" : " A dry run: nothing was changed."}`,
    ...describeTally(outcome.tally, apply),
    ...describeEnd(summary),
  ];
}

/** `3.2 s (312,000 rows/s)`, or `1 min 26 s (11,600 rows/s)`. */
function describeTime(rows: number, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? ` (${formatCount(Math.round(rows / seconds))} rows/s)` : "";
  return `${seconds < 60 ? `${seconds.toFixed(1)} s` : formatDuration(seconds)}${rate}`;
}

/** What the rows walked hold, a line per kind of value. */
function describeTally(tally: CardTally, apply: boolean): string[] {
  const fixed = apply ? "redacted" : "would be redacted";
  const lines: Array<[string, number, string]> = [["Full card numbers", fullCount(tally), fixed]];
  for (let length = CARD_LENGTHS.min; length <= CARD_LENGTHS.max; length += 1) {
    if (tally.fullByLength[length]! > 0) lines.push([`  ${length} digits`, tally.fullByLength[length]!, ""]);
  }
  if (tally.fullFailingLuhn > 0) lines.push(["  failing the Luhn check", tally.fullFailingLuhn, "full numbers at rest all the same"]);
  lines.push(
    ["Masked, showing too much", tally.overExposed, apply ? "masked again" : "would be masked again"],
    ["Already masked", tally.masked, "safe: left alone"],
    ["Not a card number", tally.notACard, notACardNote(tally)],
    ["Empty", tally.empty, "left alone"],
    ["NULL", tally.null, "left alone"],
  );
  const width = Math.max(...lines.map(([label]) => label.length)) + 1;
  const countWidth = Math.max(...lines.map(([, count]) => formatCount(count).length));
  return lines.map(([label, count, note]) => `  ${`${label}:`.padEnd(width + 1)} ${formatCount(count).padStart(countWidth)}${note ? `  ${note}` : ""}`.trimEnd());
}

function notACardNote(tally: CardTally): string {
  if (tally.notACardWithManyDigits === 0) return "left alone";
  return `left alone (${formatCount(tally.notACardWithManyDigits)} holding 12 digits or more among other text: look at those by hand)`;
}

/** What was done and what is left, or where a stopped run stopped. */
function describeEnd({ outcome, apply, total, stoppedBy }: RunSummary): string[] {
  const lines: string[] = [];
  if (apply) {
    lines.push(`Redacted ${formatCount(outcome.redacted)} values.`);
    if (outcome.redacted > 0) {
      lines.push(
        "The old values may still lie in the database's free space, its transaction log and its backups: " +
          "README.md (Redacting full card numbers) says how to clear them.",
      );
    }
    if (outcome.changedMeanwhile > 0) {
      lines.push(
        `${formatCount(outcome.changedMeanwhile)} changed meanwhile (written by someone else between this run's read and its write): ` +
          "left as they are now; run again to redact those that still need it.",
      );
    }
  } else if (redactableCount(outcome.tally) > 0) {
    lines.push("To redact them: npm run redact-cards -- --apply (take a backup first: it cannot be undone).");
  }
  if (!outcome.finished) {
    const where = total === undefined || total === 0 ? "" : ` of about ${formatCount(total)} (${Math.min(share(outcome.rowsWalked, total), 99)}%)`;
    lines.push(
      `Stopped${stoppedBy ? ` by ${stoppedBy}` : ""} after ${formatCount(outcome.rowsWalked)} rows${where} in key order; the figures above cover those rows. ` +
        "Each batch is stored whole or not at all, so nothing is half done. Run the same command again to carry on: it finds the values that still need redacting.",
    );
  }
  return lines;
}
