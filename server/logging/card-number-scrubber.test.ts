import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { scrubCardNumbers } from "./card-number-scrubber.js";
import { createLogger } from "./logger.js";

describe("scrubCardNumbers", () => {
  it("masks anything that looks like a full card number", () => {
    expect(scrubCardNumbers('Variable "$input" got invalid value 4242424242424242')).toBe('Variable "$input" got invalid value [card ••••4242]');
    expect(scrubCardNumbers("card 4242 4242 4242 4242 and 3782-822463-10005")).toBe("card [card ••••4242] and [card ••••0005]");
  });

  it("leaves other numbers alone", () => {
    const text = "order 1234567890123 took 16 ms; id 00000000-0000-4000-8000-000000000000; hex a0000000000000000000b";
    expect(scrubCardNumbers(text)).toBe(text);
  });
});

describe("the logger", () => {
  it("redacts secrets by key and scrubs card numbers from every line", () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
    const logger = createLogger("info", sink);
    logger.info({ password: "hunter2", input: { cardNumber: "4000056655665556" } }, "saw 4000 0566 5566 5556");
    const line = lines.join("");
    expect(line).not.toContain("hunter2");
    expect(line).not.toContain("4000056655665556");
    expect(line).not.toContain("4000 0566 5566 5556");
    expect(JSON.parse(line)).toMatchObject({ level: "info", password: "[redacted]", msg: "saw [card ••••5556]" });
  });
});
