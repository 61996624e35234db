import { describe, expect, it } from "vitest";
import { ownerOf, summarise } from "./profile-summary.js";

describe("the CPU profile summary", () => {
  it("names the package, our folder, Node or V8 behind each script", () => {
    expect(ownerOf("file:///app/node_modules/graphql/execution/execute.js", "executeField")).toBe("graphql");
    expect(ownerOf("file:///app/node_modules/@apollo/server/dist/esm/runHttpQuery.js", "x")).toBe("@apollo/server");
    expect(ownerOf("file:///app/dist/server/orders/order-id.js", "encodeOrderId")).toBe("ours: orders");
    expect(ownerOf("node:internal/http", "write")).toBe("node (internal)");
    expect(ownerOf("", "(garbage collector)")).toBe("(garbage collector)");
    expect(ownerOf("", "writeUtf8String")).toBe("(native)");
  });

  it("shares busy time by self time, idle left out", () => {
    const frame = (functionName: string, url = "") => ({ functionName, url, lineNumber: 0 });
    const text = summarise({
      nodes: [
        { id: 1, callFrame: frame("(root)") },
        { id: 2, callFrame: frame("(idle)") },
        { id: 3, callFrame: frame("executeField", "file:///app/node_modules/graphql/execute.js") },
        { id: 4, callFrame: frame("(garbage collector)") },
      ],
      samples: [2, 3, 3, 3, 4],
      timeDeltas: [1_000_000, 1_000, 1_000, 1_000, 1_000],
    });
    expect(text).toContain(" 75.0%  graphql");
    expect(text).toContain(" 25.0%  (garbage collector)");
    expect(text).not.toContain("idle");
  });
});
