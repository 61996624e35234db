import type { GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { buildSchema, type DocumentNode, getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { jitExecutor } from "./jit-executor.js";

const schema = buildSchema("type Query { greeting(name: String!): String! }");
const resolvers = { greeting: ({ name }: { name: string }) => `hello ${name}` };
for (const [field, resolve] of Object.entries(resolvers)) {
  schema.getQueryType()!.getFields()[field]!.resolve = (_source, args) => resolve(args as { name: string });
}

/** What Apollo hands a gateway's executor, for one parsed document. */
function request(document: DocumentNode, source: string, variables: Record<string, unknown> = {}): GatewayGraphQLRequestContext {
  return {
    document,
    source,
    operation: getOperationAST(document)!,
    operationName: null,
    context: {},
    request: { query: source, variables },
  } as unknown as GatewayGraphQLRequestContext;
}

describe("the compiled executor", () => {
  it("compiles an operation on its second use, with the same answer", async () => {
    const executor = jitExecutor(schema);
    const text = "query G($n: String!) { greeting(name: $n) }";
    const document = parse(text);
    const first = await executor(request(document, text, { n: "ada" }));
    expect(executor.compiledCount()).toBe(0);
    const second = await executor(request(document, text, { n: "ada" }));
    expect(executor.compiledCount()).toBe(1);
    expect(second).toEqual(first);
    expect(first).toEqual({ data: { greeting: "hello ada" } });
  });

  it("checks variables as graphql-js does, compiled or not", async () => {
    const executor = jitExecutor(schema);
    const text = "query G($n: String!) { greeting(name: $n) }";
    const document = parse(text);
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await executor(request(document, text, { n: 42 })));
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]!.errors?.[0]?.message).toMatch(/Variable "\$n" got invalid value 42/);
  });

  it("keeps at most so many compiled operations, the least recently used giving way", async () => {
    const executor = jitExecutor(schema, 2);
    const texts = ["{ a: greeting(name: \"a\") }", "{ b: greeting(name: \"b\") }", "{ c: greeting(name: \"c\") }"];
    const documents = texts.map((text) => parse(text));
    const twice = async (i: number) => {
      for (let n = 0; n < 2; n += 1) expect((await executor(request(documents[i]!, texts[i]!))).errors).toBeUndefined();
    };
    await twice(0);
    await twice(1);
    expect(executor.compiledCount()).toBe(2);
    await twice(2);
    expect(executor.compiledCount()).toBe(2);
    // The first gave way: it is answered by graphql-js again, then compiled again.
    expect(await executor(request(documents[0]!, texts[0]!))).toEqual({ data: { a: "hello a" } });
    await twice(0);
    expect(executor.compiledCount()).toBe(2);
  });
});
