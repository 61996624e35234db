import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { scrubCardNumbers } from "./card-number-scrubber.js";
import { createLogger } from "./logger.js";

describe("scrubCardNumbers", () => {
  it("masks anything that looks like a full card number", () => {
    expect(scrubCardNumbers('Variable "$input" got invalid value 4242424242424242')).toBe('Variable "$input" got invalid value [card ••••4242]');
    expect(scrubCardNumbers("card 4242 4242 4242 4242 and 3782-822463-10005")).toBe("card [card ••••4242] and [card ••••0005]");
  });

  it.each([
    ["in a URL path", "/orders/4242424242424242/x"],
    ["as a request id", '"reqId":"4242-4242-4242-4242"'],
    ["with dots", "4242.4242.4242.4242"],
    ["with tabs", "4242\t4242\t4242\t4242"],
    ["with JSON-escaped tabs", String.raw`4242\t4242\t4242\t4242`],
    ["with percent-encoded spaces", "4242%204242%204242%204242"],
    ["with percent-encoded tabs", "4242%094242%094242%094242"],
    ["right after a percent-encoded space", "q=card%204242424242424242"],
    ["with spaces and dashes mixed", "4242 - 4242 - 4242 - 4242"],
    ["in a query string", "search=4242+4242+4242+4242"],
  ])("masks one %s", (_name, text) => {
    const scrubbed = scrubCardNumbers(text);
    expect(scrubbed).toContain("[card ••••4242]");
    expect(scrubbed.replace(/\D/g, "")).not.toContain("424242424242");
  });

  it("leaves other numbers alone", () => {
    const text = "order 1234567890123 took 16 ms; id 00000000-0000-4000-8000-000000000000; hex a0000000000000000000b";
    expect(scrubCardNumbers(text)).toBe(text);
    // UUIDs whose first groups are all digits (and, dashes dropped, would pass the Luhn check).
    for (const id of ["00000006-0010-1000-8daf-6adcf2e58725", "00000015-9632-6b5a-8000-00040000000b", "50976678-4821-4c5a-8678-aee5c153f569"]) {
      expect(scrubCardNumbers(`"dateUuid":"${id}"`)).toBe(`"dateUuid":"${id}"`);
    }
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
