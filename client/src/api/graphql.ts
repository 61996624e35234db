/**
 * Typed GraphQL documents: gql.tada reads the types from graphql-env.d.ts, which
 * `gql.tada generate-output` derives from the committed schema.graphql, so a query that no
 * longer matches the schema fails `tsc -p client/tsconfig.json`.
 */
import { initGraphQLTada } from "gql.tada";
import type { introspection } from "../graphql-env.d.ts";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  // DateTime travels as an ISO 8601 string (returned in UTC).
  scalars: { DateTime: string; ID: string };
}>();

export type { ResultOf, VariablesOf } from "gql.tada";
