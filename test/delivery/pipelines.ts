/**
 * The Azure Pipelines YAML as data for tests: stages, jobs, steps (deployment jobs included),
 * YAML-defined variables, and `$(name)` macros resolved the way the agent expands them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { PIPELINES_DIR } from "../../pipelines/validate-pipelines.js";

export { PIPELINES_DIR };

export type Node = Record<string, unknown>;

export interface Step {
  readonly step: Node;
  /** YAML-defined variables in scope: pipeline, then stage, then job (later ones win). */
  readonly variables: Readonly<Record<string, string>>;
}

/** Predefined variables (Build.SourceVersion, System.AccessToken, ...): set by Azure Pipelines. */
export const PREDEFINED = /^(Build|System|Agent|Pipeline|Environment|Release|Resources)\./;

export function loadPipeline(file: string): Node {
  const document = parseDocument(readFileSync(join(PIPELINES_DIR, file), "utf8"), { uniqueKeys: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) throw new Error(`${file}: ${problems.map((problem) => problem.message).join("; ")}`);
  return document.toJS() as Node;
}

export function list(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : [];
}

/** `variables:` in list form (name/value, group, template) or map form. */
export function variablesOf(scope: Node): { values: Record<string, string>; groups: string[] } {
  const values: Record<string, string> = {};
  const groups: string[] = [];
  const variables = scope.variables;
  if (Array.isArray(variables)) {
    for (const entry of variables as Node[]) {
      if (typeof entry.group === "string") groups.push(entry.group);
      else if (typeof entry.name === "string") values[entry.name] = String(entry.value ?? "");
    }
  } else if (variables && typeof variables === "object") {
    for (const [name, value] of Object.entries(variables)) values[name] = String(value);
  }
  return { values, groups };
}

export function stagesOf(pipeline: Node): Node[] {
  return list(pipeline.stages);
}

export function stageNamed(pipeline: Node, name: string): Node {
  const stage = stagesOf(pipeline).find((candidate) => candidate.stage === name);
  if (!stage) throw new Error(`no stage ${name}`);
  return stage;
}

export function jobsOf(stage: Node): Node[] {
  return list(stage.jobs);
}

export function jobName(job: Node): string {
  return String(job.job ?? job.deployment);
}

/** A job's steps; for a deployment job, those of its runOnce deploy hook. */
export function stepsOfJob(job: Node): Node[] {
  if (job.deployment) {
    const runOnce = ((job.strategy as Node | undefined)?.runOnce ?? {}) as Node;
    return list(((runOnce.deploy ?? {}) as Node).steps);
  }
  return list(job.steps);
}

export function allSteps(pipeline: Node): Step[] {
  const root = variablesOf(pipeline).values;
  return stagesOf(pipeline).flatMap((stage) =>
    jobsOf(stage).flatMap((job) => {
      const variables = { ...root, ...variablesOf(stage).values, ...variablesOf(job).values };
      return stepsOfJob(job).map((step) => ({ step, variables }));
    }),
  );
}

export function tasks(pipeline: Node, task: string): Step[] {
  return allSteps(pipeline).filter(({ step }) => step.task === task);
}

export function inputs(step: Node): Record<string, string> {
  return Object.fromEntries(Object.entries((step.inputs ?? {}) as Node).map(([name, value]) => [name, String(value)]));
}

/** The command text of a script, bash or pwsh step; undefined for tasks. */
export function scriptOf(step: Node): string | undefined {
  const text = step.script ?? step.bash ?? step.pwsh ?? step.powershell;
  return typeof text === "string" ? text : undefined;
}

/** Names used as `$(name)` in a text. */
export function macrosIn(text: string): string[] {
  return [...text.matchAll(/\$\(([A-Za-z0-9_.]+)\)/g)].map((match) => match[1]!);
}

/** Expands `$(name)` from `values` until nothing more expands; unknown names stay as they are, as on the agent. */
export function expand(text: string, values: Readonly<Record<string, string>>): string {
  let current = text;
  for (let i = 0; i < 10; i++) {
    const next = current.replace(/\$\(([A-Za-z0-9_.]+)\)/g, (macro, name: string) => values[name] ?? macro);
    if (next === current) return next;
    current = next;
  }
  throw new Error(`variables in "${text}" refer to each other in a loop`);
}

/** Every string anywhere in a YAML node. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return [...Object.keys(value), ...Object.values(value).flatMap(stringsIn)];
  return [];
}
