/**
 * Executes operations compiled to JavaScript (graphql-jit) rather than walked by graphql-js:
 * the same resolvers, middlewares and results, for a fraction of the execution cost.
 *
 * Apollo Server takes a custom executor only through its gateway interface: the "gateway" here
 * serves our own schema, and Apollo still parses, validates (with our limits), runs the plugins
 * and shapes every error. An operation is compiled the second time it is seen (compiling costs
 * about a millisecond: worth it for the web client's few documents, not for a caller who sends a
 * new document every time); until then, and for an operation graphql-jit cannot compile,
 * graphql-js executes it. A compiled operation lives as long as Apollo keeps its parsed document,
 * and at most MAX_COMPILED live at once (the least recently used gives way): Apollo's document
 * cache is bounded by the size of the text, and a compiled operation weighs far more than its
 * text, so a caller sending many small documents cannot fill the memory with compiled code.
 */
import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { type DocumentNode, execute, type ExecutionResult, GraphQLError, type GraphQLSchema, getVariableValues, printSchema, Source, type SourceLocation } from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";

/** Uses of an operation before it is compiled. */
const COMPILE_ON_USE = 2;
/** Compiled operations kept at once: the web client has a handful, tools a few dozen. */
export const MAX_COMPILED = 500;

interface Operation {
  uses: number;
  /** Compiled; or null when graphql-jit could not compile it (graphql-js runs it every time). */
  compiled?: CompiledQuery | null;
}

/** The executor, and how many compiled operations it holds (for tests and diagnostics). */
export type JitExecutor = GatewayExecutor & { compiledCount(): number };

export function jitExecutor(schema: GraphQLSchema, maxCompiled = MAX_COMPILED): JitExecutor {
  // Keyed by the parsed document Apollo caches (one object per query text while it is cached).
  const documents = new WeakMap<DocumentNode, Map<string, Operation>>();
  // The compiled ones, least recently used first: a Set keeps insertion order.
  const compiledInUse = new Set<Operation>();

  const compiledFor = (document: DocumentNode, operationName: string | null): CompiledQuery | null | undefined => {
    let operations = documents.get(document);
    if (!operations) documents.set(document, (operations = new Map()));
    const key = operationName ?? "";
    let operation = operations.get(key);
    if (!operation) operations.set(key, (operation = { uses: 0 }));
    if (operation.compiled) {
      compiledInUse.delete(operation);
      compiledInUse.add(operation);
      return operation.compiled;
    }
    if (operation.compiled === null) return null;
    operation.uses += 1;
    if (operation.uses < COMPILE_ON_USE) return undefined;
    const compiled = compileQuery(schema, document, operationName ?? undefined);
    operation.compiled = isCompiledQuery(compiled) ? compiled : null;
    if (operation.compiled) {
      compiledInUse.add(operation);
      for (const oldest of compiledInUse) {
        if (compiledInUse.size <= maxCompiled) break;
        // Its document may still be cached: it starts again from graphql-js, and is compiled if used again.
        compiledInUse.delete(oldest);
        oldest.compiled = undefined;
        oldest.uses = 0;
      }
    }
    return operation.compiled;
  };

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operation, operationName, context, request, source } = requestContext;
    const compiled = compiledFor(document, operationName);
    const variables = request.variables ?? {};
    if (compiled) {
      // Variables are checked by graphql-js first: its messages (and the variable node Apollo
      // reads to call them BAD_USER_INPUT) are what errors.ts turns into per-field messages;
      // graphql-jit's own say less. Values that pass are then given to the compiled query as sent.
      const checked = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
      if (checked.errors) return { errors: checked.errors };
      const result = (await compiled.query(undefined, context, variables)) as ExecutionResult<Record<string, unknown>>;
      return asGraphQLResult(result, source);
    }
    return (await execute({ schema, document, contextValue: context, variableValues: variables, operationName })) as ExecutionResult<Record<string, unknown>>;
  };
  return Object.assign(executor, { compiledCount: () => compiledInUse.size });
}

/**
 * graphql-jit's errors are GraphQLErrors without `extensions` (Apollo reads them, and the codes
 * of errors thrown with extensions live there): made again as graphql-js makes them, which
 * takes the extensions from the original error.
 */
function asGraphQLResult(result: ExecutionResult<Record<string, unknown>>, text: string): ExecutionResult<Record<string, unknown>> {
  if (!result.errors?.length) return result;
  const source = new Source(text);
  const errors = result.errors.map((error) =>
    error.extensions
      ? error
      : new GraphQLError(error.message, {
          ...(error.nodes ? { nodes: error.nodes } : {}),
          ...(error.locations?.length ? { source, positions: error.locations.map((location) => positionOf(source.body, location)) } : {}),
          ...(error.path ? { path: error.path } : {}),
          ...(error.originalError ? { originalError: error.originalError } : {}),
        }),
  );
  return { ...result, errors };
}

/** The offset in `text` of a (1-based) line and column: how a GraphQLError is told where it points. */
function positionOf(text: string, { line, column }: SourceLocation): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf("\n", offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return offset + column - 1;
}

/** Apollo's gateway interface around our own schema, with the compiled executor. */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return { executor: jitExecutor(schema) };
    },
    async stop() {},
  };
}
