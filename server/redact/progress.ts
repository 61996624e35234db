/**
 * How far a long walk has got: rows done, the rate, and the time left. On a terminal one line
 * is rewritten in place; elsewhere (a log file, a pipeline) a line is written every so often,
 * so the output stays readable and small.
 */

/** Where progress goes: a stream, and whether it is a terminal. */
export interface ProgressTarget {
  write(text: string): unknown;
  isTTY?: boolean;
  /** The terminal's width: a longer line would wrap, and could no longer be rewritten. */
  columns?: number;
}

export interface ProgressOptions {
  target: ProgressTarget;
  /** Rows in the table when the walk began: without it, neither the share done nor the time left is shown. */
  total: number | undefined;
  /** Not a terminal: a line this often. */
  lineEveryMs: number;
  /** A terminal: the line is rewritten at most this often. @default 250 */
  redrawEveryMs?: number;
  /** The clock, in milliseconds. @default performance.now */
  now?: () => number;
}

export class ProgressLine {
  private readonly now: () => number;
  private readonly started: number;
  private lastShown: number;
  private shownOnTerminal = false;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.lastShown = this.started;
  }

  /** Records rows done so far; `detail` (counts only) follows the figures. Shown when it is time to. */
  update(rowsDone: number, detail: string): void {
    const now = this.now();
    const every = this.options.target.isTTY ? (this.options.redrawEveryMs ?? 250) : this.options.lineEveryMs;
    if (now - this.lastShown < every) return;
    this.lastShown = now;
    this.show(describeProgress(rowsDone, this.options.total, now - this.started, detail));
  }

  /** Ends the rewritten line on a terminal, so that what follows starts on a line of its own. */
  end(): void {
    if (this.shownOnTerminal) this.options.target.write("\n");
    this.shownOnTerminal = false;
  }

  private show(line: string): void {
    const { target } = this.options;
    if (!target.isTTY) {
      target.write(`${line}\n`);
      return;
    }
    // No width known (0 under some terminal emulators): assume the classic 80 columns.
    const width = Math.max((target.columns || 80) - 1, 20);
    // Back to the line's start, the new text, then clear whatever the old line had beyond it.
    target.write(`\r${line.length > width ? line.slice(0, width) : line}\u001b[K`);
    this.shownOnTerminal = true;
  }
}

/** `412,000 of about 1,000,000 rows (41%), 48,210 rows/s, about 12 s left; <detail>` */
export function describeProgress(rowsDone: number, total: number | undefined, elapsedMs: number, detail: string): string {
  const parts = [total === undefined ? `${formatCount(rowsDone)} rows` : `${formatCount(rowsDone)} of about ${formatCount(total)} rows (${share(rowsDone, total)}%)`];
  const perSecond = elapsedMs > 0 ? (rowsDone * 1000) / elapsedMs : 0;
  if (perSecond > 0) {
    parts.push(`${formatCount(Math.round(perSecond))} rows/s`);
    // The table may have grown since it was counted: then the end is near, not past.
    if (total !== undefined) parts.push(`about ${formatDuration(Math.max(total - rowsDone, 0) / perSecond)} left`);
  }
  return `${parts.join(", ")}; ${detail}`;
}

/** The share done, in whole percent: 100 only once every row counted is done. */
export function share(done: number, total: number): number {
  if (total <= 0 || done >= total) return 100;
  return Math.min(Math.floor((done * 100) / total), 99);
}

export function formatCount(count: number): string {
  return count.toLocaleString("en");
}

/** `45 s`, `3 min 20 s`, `2 h 5 min`. */
export function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}
