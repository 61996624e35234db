import "reflect-metadata";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./authorization.js";
import { OrderAdditionResolver, OrderConnectionResolver, OrderResolver } from "./order.resolver.js";

/** The whole API, built from the resolver classes; schema.graphql is printed from this. */
export function buildOrdersSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [OrderResolver, OrderConnectionResolver, OrderAdditionResolver],
    authChecker,
    // Class-validator applies the shared order rules; it must never echo a value back (card numbers).
    validate: { validationError: { target: false, value: false } },
  });
}

const HEADER = "# Generated from the resolvers in server/ by `npm run schema`. Do not edit by hand.\n\n";

/** schema.graphql's exact text: sorted, so that a diff shows what changed and nothing else. */
export async function printOrdersSchema(): Promise<string> {
  return HEADER + printSchema(lexicographicSortSchema(await buildOrdersSchema())) + "\n";
}
