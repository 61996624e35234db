import { describe, expect, it } from "vitest";
import { parseRedactArgs } from "./redact-cli-args.js";

describe("parseRedactArgs", () => {
  it("is a dry run in batches of 1,000 without flags", () => {
    expect(parseRedactArgs([])).toEqual({ ok: true, args: { apply: false, batchSize: 1_000, pauseMs: 0 } });
  });

  it("reads --apply, --batch-size and --pause-ms in both spellings", () => {
    expect(parseRedactArgs(["--apply", "--batch-size", "5_000", "--pause-ms=20"])).toEqual({ ok: true, args: { apply: true, batchSize: 5_000, pauseMs: 20 } });
    expect(parseRedactArgs(["--batch-size=1"])).toEqual({ ok: true, args: { apply: false, batchSize: 1, pauseMs: 0 } });
  });

  it("answers --help and -h", () => {
    expect(parseRedactArgs(["--help"])).toEqual({ ok: true, help: true });
    expect(parseRedactArgs(["-h", "--apply"])).toEqual({ ok: true, help: true });
  });

  it("names every problem and what would be right", () => {
    expect(parseRedactArgs(["--batch-size", "0", "--pause-ms", "soon", "--fast", "--apply=yes"])).toEqual({
      ok: false,
      problems: [
        'unknown argument "--fast"',
        '--apply takes no value (got "--apply=yes")',
        '--batch-size must be a whole number from 1 to 10,000 (got "0")',
        '--pause-ms must be a whole number from 0 to 60,000 (got "soon")',
      ],
    });
    expect(parseRedactArgs(["--batch-size", "--apply"])).toEqual({ ok: false, problems: ["--batch-size needs a value, such as --batch-size 500"] });
    expect(parseRedactArgs(["--pause-ms"])).toEqual({ ok: false, problems: ["--pause-ms needs a value, such as --pause-ms 200"] });
    expect(parseRedactArgs(["--batch-size", "20000"])).toEqual({ ok: false, problems: ['--batch-size must be a whole number from 1 to 10,000 (got "20000")'] });
    expect(parseRedactArgs(["--batch-size", "1.5"])).toMatchObject({ ok: false });
    expect(parseRedactArgs(["--apply", "--apply"])).toEqual({ ok: false, problems: ["--apply is given more than once"] });
    expect(parseRedactArgs(["--dry-run"])).toEqual({ ok: false, problems: ['unknown argument "--dry-run" (a dry run is the default: leave it out)'] });
    expect(parseRedactArgs(["apply"])).toEqual({ ok: false, problems: ['unknown argument "apply"'] });
  });
});
