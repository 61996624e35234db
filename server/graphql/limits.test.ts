import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode, specifiedRules, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { buildOrdersSchema } from "./schema.js";
import { maxAliasesRule, maxDepthRule, maxDirectivesRule, operationCost } from "./limits.js";

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition as FragmentDefinitionNode]] : [])),
  );
  return operationCost(operation, fragments, variables);
}

describe("query cost", () => {
  it("counts each field once per row the page asks for", () => {
    expect(cost("{ orders { edges { node { id dateUuid } } } }")).toBe(1 + 1 + 25 * (1 + 2));
    expect(cost("{ orders(page: { first: 100 }) { totalCount edges { node { id } } } }")).toBe(1 + 10 + 1 + 100 * 2);
  });

  it("counts a page size passed as a variable, and an invalid one as the maximum", () => {
    const query = "query($page: PageInput) { orders(page: $page) { edges { node { id } } } }";
    expect(cost(query, { page: { first: 10 } })).toBe(2 + 10 * 2);
    expect(cost(query, { page: { last: 50 } })).toBe(2 + 50 * 2);
    expect(cost(query, { page: { first: 1_000_000 } })).toBe(2 + 100 * 2);
  });

  it("multiplies by aliases and follows fragments", () => {
    const one = cost("{ orders(page: { first: 100 }) { edges { node { id } } } }");
    expect(cost("{ a: orders(page: { first: 100 }) { edges { node { id } } } b: orders(page: { first: 100 }) { edges { node { id } } } }")).toBe(2 * one);
    expect(cost("{ orders(page: { first: 100 }) { ...Page } } fragment Page on OrderConnection { edges { node { id } } }")).toBe(one);
  });
});

describe("the cost limit at run time", () => {
  it("counts a page size that comes from a variable's default", async () => {
    const { costLimitPlugin } = await import("./limits.js");
    const schema = await buildOrdersSchema();
    const query = `query($n: Int = 100) { ${Array.from({ length: 3 }, (_, i) => `a${i}: orders(page: { first: $n }) { edges { node { id dateUuid } } }`).join(" ")} }`;
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const hooks = await costLimitPlugin(500).requestDidStart!({} as never);
    const run = (variables: Record<string, unknown>) =>
      hooks!.didResolveOperation!({ operation, document, schema, request: { query, variables } } as never);
    await expect(run({ n: 5 })).resolves.toBeUndefined();
    await expect(run({})).rejects.toThrow(/would cost 906; at most 500/);
    // A null sent is null (the default page size), not the declared default.
    await expect(run({ n: null })).resolves.toBeUndefined();
    // A size that is no number counts as the largest page (execution then refuses the value itself).
    await expect(run({ n: "lots" })).rejects.toThrow(/would cost 906/);
  });
});

describe("validation limits", () => {
  it("refuse what is too deep, too aliased or too directed, naming the limit", async () => {
    const schema = await buildOrdersSchema();
    const errors = (query: string) =>
      validate(schema, parse(query), [...specifiedRules, maxDepthRule(3), maxAliasesRule(1), maxDirectivesRule(1)]).map((error) => error.message);
    expect(errors("{ orders { edges { node { id } } } }")).toEqual(["The query is 4 levels deep; at most 3 are allowed."]);
    expect(errors('{ a: order(id: "1") { id } b: order(id: "2") { id } }')).toEqual(["The query uses 2 aliases; at most 1 are allowed."]);
    expect(errors('{ order(id: "1") { id @include(if: true) dateUuid @skip(if: false) } }')).toEqual(["The query uses 2 directives; at most 1 are allowed."]);
    expect(errors('{ a: order(id: "1") { id @include(if: true) } }')).toEqual([]);
  });
});
