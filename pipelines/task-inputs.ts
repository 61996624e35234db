/**
 * Task inputs the official Azure Pipelines schema lacks: for a task it lists by name but describes
 * no inputs for (so that it would refuse every step using it), the inputs its task reference
 * documents, added to the schema as one more branch until the schema has them itself.
 */

/** Inputs of one task version, as its task reference documents them (JSON Schema). */
interface DocumentedTaskInputs {
  /** The task reference page the inputs are copied from. */
  readonly source: string;
  readonly properties: Readonly<Record<string, { readonly type: "string" | "boolean" }>>;
  readonly required: readonly string[];
}

/**
 * Tasks the official schema names (its list of task names, not deprecated) but gives no inputs for,
 * so that it refuses every step that uses them. A test fails once the schema describes one itself.
 */
export const TASK_INPUTS_MISSING_FROM_SCHEMA: Readonly<Record<string, DocumentedTaskInputs>> = {
  // Version 1 is deprecated; version 2 reads the same Cobertura file, merges several and renders the
  // report itself (so codeCoverageTool and reportDirectory are gone).
  "PublishCodeCoverageResults@2": {
    source: "https://learn.microsoft.com/azure/devops/pipelines/tasks/reference/publish-code-coverage-results-v2",
    properties: { summaryFileLocation: { type: "string" }, pathToSources: { type: "string" }, failIfCoverageEmpty: { type: "boolean" } },
    required: ["summaryFileLocation"],
  },
};

interface TaskName {
  readonly name: string;
  readonly deprecationMessage?: unknown;
}

/** The schema's list of task names (definitions/task/properties/task), with their deprecation notes. */
export function taskNames(schema: Record<string, unknown>): TaskName[] {
  const task = (schema.definitions as Record<string, Record<string, unknown>> | undefined)?.task;
  const names = ((task?.properties as Record<string, Record<string, unknown>> | undefined)?.task?.anyOf ?? []) as Record<string, unknown>[];
  return names.flatMap((entry) => (Array.isArray(entry.enum) ? entry.enum.map((name) => ({ name: String(name), deprecationMessage: entry.deprecationMessage })) : []));
}

/** The task names that have an input description (one definitions/task/anyOf branch each). */
export function describedTasks(schema: Record<string, unknown>): Set<string> {
  const branches = ((schema.definitions as Record<string, Record<string, unknown>> | undefined)?.task?.anyOf ?? []) as Record<string, unknown>[];
  return new Set(
    branches.flatMap((branch) => {
      const pattern = ((branch.properties as Record<string, Record<string, unknown>> | undefined)?.task?.pattern ?? "") as string;
      return /^\^(.+)\$$/.exec(pattern)?.[1] ?? [];
    }),
  );
}

/** A copy of the schema with a branch for each task in TASK_INPUTS_MISSING_FROM_SCHEMA it names but does not describe. */
export function withDocumentedTaskInputs(official: Record<string, unknown>): Record<string, unknown> {
  const described = describedTasks(official);
  const missing = taskNames(official).filter(({ name }) => !described.has(name) && name in TASK_INPUTS_MISSING_FROM_SCHEMA);
  if (missing.length === 0) return official;
  const schema = structuredClone(official);
  const branches = ((schema.definitions as Record<string, Record<string, unknown>>).task!.anyOf) as unknown[];
  for (const { name } of missing) {
    const inputs = TASK_INPUTS_MISSING_FROM_SCHEMA[name]!;
    branches.push({
      properties: {
        task: { pattern: `^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$` },
        inputs: { type: "object", properties: inputs.properties, additionalProperties: false, required: inputs.required },
      },
      required: ["task", "inputs"],
    });
  }
  return schema;
}
