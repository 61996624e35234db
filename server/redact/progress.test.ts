import { describe, expect, it } from "vitest";
import { describeProgress, formatDuration, ProgressLine, type ProgressTarget } from "./progress.js";

function target(isTTY: boolean): ProgressTarget & { text: string } {
  const sink = { text: "", isTTY, columns: 60, write: (chunk: string) => (sink.text += chunk) };
  return sink;
}

describe("progress", () => {
  it("gives rows done, the rate and the time left", () => {
    expect(describeProgress(400_000, 1_000_000, 10_000, "3 redacted")).toBe("400,000 of about 1,000,000 rows (40%), 40,000 rows/s, about 15 s left; 3 redacted");
    expect(describeProgress(0, 1_000, 0, "0 to redact")).toBe("0 of about 1,000 rows (0%); 0 to redact");
    expect(describeProgress(1_200, undefined, 1_000, "x")).toBe("1,200 rows, 1,200 rows/s; x");
    // The table grew meanwhile: never past the end.
    expect(describeProgress(1_100, 1_000, 1_000, "x")).toBe("1,100 of about 1,000 rows (100%), 1,100 rows/s, about 0 s left; x");
    expect(formatDuration(200)).toBe("3 min 20 s");
    expect(formatDuration(7_500)).toBe("2 h 5 min");
  });

  it("writes a line every so often when not on a terminal", () => {
    let now = 0;
    const sink = target(false);
    const line = new ProgressLine({ target: sink, total: 100, lineEveryMs: 10_000, now: () => now });
    for (const rows of [10, 20, 30]) {
      now += 4_000;
      line.update(rows, "d");
    }
    line.end();
    // 12 s in: the first line (10 s apart); the next is not due before 22 s.
    expect(sink.text).toBe("30 of about 100 rows (30%), 3 rows/s, about 28 s left; d\n");
  });

  it("rewrites one line on a terminal, cut to its width, and ends it", () => {
    let now = 0;
    const sink = target(true);
    const line = new ProgressLine({ target: sink, total: 1_000_000, lineEveryMs: 10_000, redrawEveryMs: 100, now: () => now });
    now = 1_000;
    line.update(1_000, "a long detail that does not fit in sixty columns of terminal");
    now = 2_000;
    line.update(2_000, "short");
    line.end();
    const frames = sink.text.split("\r").slice(1);
    expect(frames).toHaveLength(2);
    expect(frames[0]!.replace("\u001b[K", "")).toHaveLength(59);
    expect(frames[1]).toBe(`${"2,000 of about 1,000,000 rows (0%), 1,000 rows/s, about 16 min 38 s left; short".slice(0, 59)}\u001b[K\n`);
  });
});
