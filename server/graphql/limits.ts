/**
 * Limits on what one GraphQL request may ask for, configured in one place: tokens (at parse),
 * depth, aliases and directives (validation rules, checked once per distinct document), and
 * cost (per request, because page sizes may arrive as variables). Each refusal says which
 * limit was hit and by how much.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import {
  type ASTVisitor,
  type FieldNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
  valueFromASTUntyped,
} from "graphql";
import type { GraphQLLimits } from "../config/config.js";
import { PAGE_SIZE } from "../core/paging.js";
import { ErrorCode } from "./errors.js";

/** What a field costs on top of its children: a count, a write. */
const FIELD_COSTS: Record<string, number> = { totalCount: 10, addOrder: 10 };
/**
 * Counts a request may ask for. A count not in the cache reads every matching index entry (tens
 * of milliseconds on a million orders, against well under one for a page): fifteen aliases each
 * counting a fresh filter made one request as costly as hundreds of pages. A real client wants
 * one count per request; more is refused before anything runs.
 */
const MAX_COUNTS_PER_REQUEST = 1;

const limitError = (message: string): GraphQLError => new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });

const fragmentsByDocument = new WeakMap<DocumentNode, Map<string, FragmentDefinitionNode>>();

/** A document's fragments by name, read once per parsed document (the cost check asks on every request). */
function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  let fragments = fragmentsByDocument.get(document);
  if (!fragments) {
    fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])));
    fragmentsByDocument.set(document, fragments);
  }
  return fragments;
}

/** Deepest field nesting under a selection set, fragments followed (and cycles cut). */
function depthOf(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith("__")) continue;
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else if (!seen.has(selection.name.value)) {
      const fragment = fragments.get(selection.name.value);
      deepest = Math.max(deepest, depthOf(fragment?.selectionSet, fragments, new Set([...seen, selection.name.value])));
    }
  }
  return deepest;
}

export function maxDepthRule(limit: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const depth = depthOf(operation.selectionSet, fragmentsOf(context.getDocument()));
      if (depth > limit) context.reportError(limitError(`The query is ${depth} levels deep; at most ${limit} are allowed.`));
    },
  });
}

/** A rule that counts some kind of node over the whole document and refuses more than `limit`. */
function countingRule(limit: number, noun: string, visitor: (count: () => void) => ASTVisitor) {
  return (context: ValidationContext): ASTVisitor => {
    let counted = 0;
    return {
      // The counter returns nothing: a visitor's return value would replace the node.
      ...visitor(() => {
        counted += 1;
      }),
      Document: {
        leave() {
          if (counted > limit) context.reportError(limitError(`The query uses ${counted} ${noun}; at most ${limit} are allowed.`));
        },
      },
    };
  };
}

export function maxAliasesRule(limit: number) {
  return countingRule(limit, "aliases", (count) => ({
    Field(field) {
      if (field.alias) count();
    },
  }));
}

export function maxDirectivesRule(limit: number) {
  return countingRule(limit, "directives", (count) => ({ Directive: count }));
}

function valueOf(node: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
      return Number(node.value);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, valueOf(field.value, variables)]));
    case Kind.NULL:
      return null;
    default:
      return undefined;
  }
}

/** Fields that return a page of rows (a Relay connection), and so take `page`. */
const CONNECTION_FIELDS = new Set(["orders"]);

/** The rows a connection field asks for: `page.first` or `page.last`, literal or variable; 25 when neither. */
function pageSizeOf(field: FieldNode, variables: Record<string, unknown>): number {
  const argument = field.arguments?.find((candidate) => candidate.name.value === "page");
  const page = valueOf(argument?.value, variables) as { first?: unknown; last?: unknown } | null | undefined;
  const size = Number(page?.first ?? page?.last ?? PAGE_SIZE.default);
  // An invalid size is refused by the resolver with its own message; count it as the maximum here.
  return Number.isInteger(size) && size >= 0 && size <= PAGE_SIZE.max ? size : PAGE_SIZE.max;
}

/**
 * The cost of an operation: one per field, the fields under a connection's `edges` once per
 * row its page asks for, counts and writes more. Aliases multiply it, as they multiply the work.
 */
export function operationCost(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const cost = (selectionSet: SelectionSetNode | undefined, multiplier: number, pageSize: number | undefined, seen: Set<string>): number => {
    if (!selectionSet) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith("__")) continue;
        total += (FIELD_COSTS[name] ?? 1) * multiplier;
        if (CONNECTION_FIELDS.has(name)) total += cost(selection.selectionSet, multiplier, pageSizeOf(selection, variables), seen);
        else if (name === "edges" && pageSize !== undefined) total += cost(selection.selectionSet, multiplier * pageSize, undefined, seen);
        else total += cost(selection.selectionSet, multiplier, pageSize, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += cost(selection.selectionSet, multiplier, pageSize, seen);
      } else if (!seen.has(selection.name.value)) {
        total += cost(fragments.get(selection.name.value)?.selectionSet, multiplier, pageSize, new Set([...seen, selection.name.value]));
      }
    }
    return total;
  };
  return cost(operation.selectionSet, 1, undefined, new Set());
}

/** Each operation's variable defaults, read once per parsed document (Apollo keeps documents cached). */
const defaultsByOperation = new WeakMap<OperationDefinitionNode, Array<[string, unknown]>>();

/**
 * The variables as execution will see them where cost is concerned: the values sent, and a
 * declared default for each one not sent (`$n: Int = 100` is 100 rows). Not coerced against the
 * schema (that is execution's job, with its own messages): a page size that is not a valid
 * number counts as the largest page.
 */
function variablesWithDefaults(operation: OperationDefinitionNode, sent: Record<string, unknown> | undefined): Record<string, unknown> {
  let defaults = defaultsByOperation.get(operation);
  if (!defaults) {
    defaults = (operation.variableDefinitions ?? []).flatMap((definition) =>
      definition.defaultValue ? [[definition.variable.name.value, valueFromASTUntyped(definition.defaultValue)] as [string, unknown]] : [],
    );
    defaultsByOperation.set(operation, defaults);
  }
  if (defaults.length === 0) return sent ?? {};
  const variables: Record<string, unknown> = { ...sent };
  for (const [name, value] of defaults) if (!Object.hasOwn(variables, name)) variables[name] = value;
  return variables;
}

/** How many times an operation asks for totalCount (aliases and fragments included). */
function countsIn(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): number {
  const counts = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) total += (selection.name.value === "totalCount" ? 1 : 0) + counts(selection.selectionSet, seen);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += counts(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) total += counts(fragments.get(selection.name.value)?.selectionSet, new Set([...seen, selection.name.value]));
    }
    return total;
  };
  return counts(operation.selectionSet, new Set());
}

export function costLimitPlugin(limit: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (!operation) return;
          const fragments = fragmentsOf(document);
          const counts = countsIn(operation, fragments);
          if (counts > MAX_COUNTS_PER_REQUEST) {
            throw new GraphQLError(`The query asks for totalCount ${counts} times; at most ${MAX_COUNTS_PER_REQUEST} count is allowed per request. Ask for the others in requests of their own.`, {
              extensions: { code: ErrorCode.queryTooCostly, counts, limit: MAX_COUNTS_PER_REQUEST, http: { status: 400 } },
            });
          }
          const cost = operationCost(operation, fragments, variablesWithDefaults(operation, request.variables));
          if (cost > limit) {
            throw new GraphQLError(`The query would cost ${cost}; at most ${limit} is allowed. Ask for smaller pages, fewer fields or fewer aliases.`, {
              extensions: { code: ErrorCode.queryTooCostly, cost, limit, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

export function graphqlLimits(limits: GraphQLLimits) {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [maxDepthRule(limits.maxDepth), maxAliasesRule(limits.maxAliases), maxDirectivesRule(limits.maxDirectives)],
    plugin: costLimitPlugin(limits.maxCost),
  };
}
