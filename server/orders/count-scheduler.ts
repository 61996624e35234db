/**
 * Fair turns for counts. A count not in the cache is a scan of every matching index entry; a
 * client that asks for fresh counts over and over must not fill the database (or SQLite's one
 * counting thread) so that everyone else's counts wait behind its own. So counts run a few at a
 * time, the callers take turns (round robin, one count each), and a caller may have only a few
 * waiting: more are refused at once, with a message, rather than queued without end.
 */

/** A caller already has as many counts waiting as it may: it is told to wait for them. */
export class CountsBusyError extends Error {
  constructor() {
    super("Counts you asked for are still running or waiting: ask for this one when they are done.");
    this.name = "CountsBusyError";
  }
}

interface Job {
  run(): Promise<number>;
  resolve(value: number): void;
  reject(error: unknown): void;
}

export interface CountSchedulerOptions {
  /** Counts running at once, whoever asked: at most one per core the database can spare. */
  concurrency: number;
  /** Counts one caller may have waiting, beyond the one running. */
  waitingPerCaller: number;
}

export class CountScheduler {
  /** Waiting counts by caller. */
  private readonly waiting = new Map<string, Job[]>();
  private readonly runningFor = new Map<string, number>();
  /** When each caller last had a count started (a turn number): the longest unserved goes next. */
  private readonly lastTurn = new Map<string, number>();
  private turns = 0;
  private running = 0;

  constructor(private readonly options: CountSchedulerOptions) {}

  /** Runs `count` when it is `caller`'s turn; refuses at once when the caller has too many waiting. */
  run(caller: string, count: () => Promise<number>): Promise<number> {
    const queue = this.waiting.get(caller) ?? [];
    if (queue.length >= this.options.waitingPerCaller) return Promise.reject(new CountsBusyError());
    return new Promise<number>((resolve, reject) => {
      queue.push({ run: count, resolve, reject });
      this.waiting.set(caller, queue);
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.running < this.options.concurrency) {
      const next = this.nextCaller();
      if (next === undefined) return;
      const queue = this.waiting.get(next)!;
      const job = queue.shift()!;
      if (queue.length === 0) this.waiting.delete(next);
      this.running += 1;
      this.runningFor.set(next, (this.runningFor.get(next) ?? 0) + 1);
      this.lastTurn.set(next, (this.turns += 1));
      job
        .run()
        .then(job.resolve, job.reject)
        .finally(() => {
          this.running -= 1;
          const left = (this.runningFor.get(next) ?? 1) - 1;
          if (left > 0) this.runningFor.set(next, left);
          else {
            this.runningFor.delete(next);
            if (!this.waiting.has(next)) this.lastTurn.delete(next);
          }
          this.dispatch();
        });
    }
  }

  /**
   * Whose count starts next: of the callers waiting, those with none running before those with
   * one, and among them the one whose last turn was longest ago (a newcomer first).
   */
  private nextCaller(): string | undefined {
    let best: string | undefined;
    let bestRank: [number, number] | undefined;
    for (const caller of this.waiting.keys()) {
      const rank: [number, number] = [this.runningFor.get(caller) ?? 0, this.lastTurn.get(caller) ?? 0];
      if (!bestRank || rank[0] < bestRank[0] || (rank[0] === bestRank[0] && rank[1] < bestRank[1])) {
        best = caller;
        bestRank = rank;
      }
    }
    return best;
  }
}
