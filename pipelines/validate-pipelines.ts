/**
 * Validates the Azure Pipelines YAML files against the official pipeline schema (the one the
 * Azure Pipelines VS Code extension uses), with ajv. Prints one line per file: "valid", or each
 * problem with the path to the offending value; exits 1 on any problem.
 *
 *   npx tsx pipelines/validate-pipelines.ts [file.yml ...]     # default: every pipelines/*.yml
 *
 * The schema is not copied into the repository: it is read from ../shared/schemas/ (CI's copy) or
 * from AZURE_PIPELINES_SCHEMA. Without it the script says so and exits 0, except with CI=true.
 *
 * The schema's anyOf lists (every step kind, 259 tasks) make raw ajv errors unreadable, thousands
 * per mistake; `explain` walks the schema along the document instead and reports, for each mistake,
 * the alternative that came closest, e.g. "steps/3/inputs: unexpected property 'scirpt'".
 * Its "ignoreCase" hints (for the editor) are not applied: names must be spelt as documented.
 *
 * Two additions to the schema's own rules: a task the schema marks deprecated is a problem (its
 * successor is to be used), and a task the schema lists by name but describes no inputs for (it
 * would refuse every step using it) is checked against the inputs its task reference documents,
 * recorded in task-inputs.ts until the schema has them itself.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parseDocument } from "yaml";
import { taskNames, withDocumentedTaskInputs } from "./task-inputs.js";

export const PIPELINES_DIR = fileURLToPath(new URL(".", import.meta.url));
export const DEFAULT_SCHEMA_PATH = fileURLToPath(new URL("../../shared/schemas/azure-pipelines.schema.json", import.meta.url));

/** The schema file: AZURE_PIPELINES_SCHEMA, or the shared copy beside the repository. */
export function schemaPath(): string {
  return process.env.AZURE_PIPELINES_SCHEMA ?? DEFAULT_SCHEMA_PATH;
}

export interface Problem {
  /** JSON pointer into the YAML document, e.g. /stages/0/jobs/0/steps/3/inputs. */
  readonly path: string;
  readonly message: string;
}

type Schema = boolean | { [keyword: string]: unknown };

const NOT_ALLOWED = "is not one of the ";

function allowedCount(problem: Problem): number {
  return Number(/^is not one of the (\d+)/.exec(problem.message)?.[1] ?? 0);
}

/** Keywords that only combine or reach other schemas; the rest are checked on the value itself. */
const STRUCTURAL = new Set(["anyOf", "oneOf", "allOf", "not", "if", "then", "else", "$ref", "properties", "patternProperties", "additionalProperties", "required", "items", "definitions"]);

export class PipelineSchema {
  private readonly ajv: Ajv;
  private readonly root: Record<string, unknown>;
  private readonly schemaId: string;
  private readonly validators = new Map<string, ValidateFunction>();

  private readonly deprecated: ReadonlyMap<string, string>;

  constructor(official: Record<string, unknown>) {
    // strict: false: the schema carries editor keywords (firstProperty, ignoreCase, doNotSuggest...).
    // unicodeRegExp: false: its patterns are ECMA-262 regular expressions without the u flag.
    this.ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, validateSchema: false });
    addFormats.default(this.ajv);
    const schema = withDocumentedTaskInputs(official);
    this.root = schema;
    this.schemaId = typeof schema.$id === "string" ? schema.$id : "azure-pipelines";
    this.ajv.addSchema(schema, this.schemaId);
    this.deprecated = new Map(
      taskNames(schema)
        .filter((entry) => typeof entry.deprecationMessage === "string")
        .map((entry) => [entry.name, entry.deprecationMessage as string]),
    );
  }

  static fromFile(path: string): PipelineSchema {
    return new PipelineSchema(JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>);
  }

  /** Problems in one parsed document; empty when it is valid. */
  validate(document: unknown): Problem[] {
    return [...this.schemaProblems(document), ...this.deprecatedTasks(document, "")];
  }

  private schemaProblems(document: unknown): Problem[] {
    if (this.validator("").call(undefined, document)) return [];
    const unique = new Map<string, Problem>();
    for (const problem of this.explain("", document, "")) {
      // A task name checked against both the list of names and each task's pattern: say it once.
      const key = problem.message.startsWith(NOT_ALLOWED) ? `${problem.path} ${NOT_ALLOWED}` : `${problem.path} ${problem.message}`;
      const seen = unique.get(key);
      if (!seen || allowedCount(problem) > allowedCount(seen)) unique.set(key, problem);
    }
    return unique.size > 0 ? [...unique.values()] : [{ path: "", message: "does not match the pipeline schema" }];
  }

  /** Every `task:` in the document that the schema marks deprecated. */
  private deprecatedTasks(value: unknown, path: string): Problem[] {
    if (Array.isArray(value)) return value.flatMap((item, i) => this.deprecatedTasks(item, `${path}/${i}`));
    if (!isObject(value)) return [];
    const problems = Object.entries(value).flatMap(([name, child]) => this.deprecatedTasks(child, `${path}/${escape(name)}`));
    const message = typeof value.task === "string" ? this.deprecated.get(value.task) : undefined;
    if (message !== undefined) {
      problems.unshift({ path: `${path}/task`, message: `${String(value.task)} is deprecated ("${message}"): use its newer version` });
    }
    return problems;
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.getSchema(pointer === "" ? this.schemaId : `${this.schemaId}#${pointer}`);
      if (!validate) throw new Error(`the pipeline schema has nothing at #${pointer}`);
      this.validators.set(pointer, validate);
    }
    return validate;
  }

  private node(pointer: string): Schema {
    let node: unknown = this.root;
    for (const part of pointer.split("/").slice(1)) {
      node = (node as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return node as Schema;
  }

  /** Why `value` (at `path` in the document) does not match the schema at `pointer`. */
  private explain(pointer: string, value: unknown, path: string): Problem[] {
    if (this.validator(pointer).call(undefined, value)) return [];
    const node = this.node(pointer);
    if (node === false) return [{ path, message: "is not allowed here" }];
    if (node === true) return [];
    if (typeof node.$ref === "string") return this.explain(node.$ref.replace(/^#/, ""), value, path);

    const problems: Problem[] = [];
    for (const combinator of ["anyOf", "oneOf"] as const) {
      const branches = node[combinator];
      if (!Array.isArray(branches)) continue;
      const results = branches.map((_, i) => this.explain(`${pointer}/${combinator}/${i}`, value, path));
      if (results.some((result) => result.length === 0)) continue;
      problems.push(...closest(results, path));
    }
    if (Array.isArray(node.allOf)) {
      node.allOf.forEach((_, i) => problems.push(...this.explain(`${pointer}/allOf/${i}`, value, path)));
    }

    if (isObject(value)) {
      const properties = isObject(node.properties) ? node.properties : {};
      const required = Array.isArray(node.required) ? (node.required as string[]) : [];
      for (const name of required) {
        if (!(name in value)) problems.push({ path, message: `missing required property '${name}'` });
      }
      for (const [name, child] of Object.entries(value)) {
        const childPath = `${path}/${escape(name)}`;
        if (name in properties) {
          problems.push(...this.explain(`${pointer}/properties/${escape(name)}`, child, childPath));
        } else if (node.additionalProperties === false) {
          problems.push({ path, message: `unexpected property '${name}'` });
        } else if (isObject(node.additionalProperties)) {
          problems.push(...this.explain(`${pointer}/additionalProperties`, child, childPath));
        }
      }
    } else if (Array.isArray(value) && isObject(node.items)) {
      value.forEach((item, i) => problems.push(...this.explain(`${pointer}/items`, item, `${path}/${i}`)));
    }

    if (problems.length === 0) {
      // The value itself: type, enum, pattern, const, length... as ajv words them.
      const local = Object.fromEntries(Object.entries(node).filter(([keyword]) => !STRUCTURAL.has(keyword)));
      const check = this.ajv.compile(local);
      if (!check(value)) problems.push(...(check.errors ?? []).map((error) => describe(error, value, path)));
    }
    return problems;
  }
}

/**
 * For a value that matches none of the alternatives: what they all object to, or the alternative
 * that came closest. Alternatives of another shape (a string where the value is a mapping) do
 * not count; if every alternative fails on the same value (a task name none of them knows), the
 * problem is that value, listed with what would have been accepted.
 */
function closest(results: Problem[][], path: string): Problem[] {
  const ofShape = results.filter((problems) => !(problems.length === 1 && problems[0]!.path === path && problems[0]!.message.startsWith("must be ")));
  // An alternative whose own name matched is the one meant: PublishCodeCoverageResults@2 without
  // a required input is a mistake in version 2's inputs, not a wish for another task.
  const named = ofShape.filter((problems) => !problems.some((problem) => /^is not one of: [^,]+$/.test(problem.message)));
  const shaped = named.length > 0 ? named : ofShape;
  if (shaped.length === 0) {
    const expected = [...new Set(results.map((problems) => problems[0]!.message.replace(/^must be /, "")))];
    return [{ path, message: `must be ${expected.join(" or ")}` }];
  }
  if (shaped.length === 1) return shaped[0]!;

  const key = (problem: Problem): string => `${problem.path} ${problem.message}`;
  const shared = shaped[0]!.filter((problem) => shaped.every((problems) => problems.some((other) => key(other) === key(problem))));
  if (shared.length > 0) return shared;

  const paths = [...new Set(shaped[0]!.map((problem) => problem.path))].filter((candidate) =>
    shaped.every((problems) => problems.some((problem) => problem.path === candidate)),
  );
  const allowed = [...new Set(shaped.flatMap((problems) => problems.flatMap((problem) => /^is not one of: (.*)$/.exec(problem.message)?.[1]?.split(", ") ?? [])))];
  if (paths.length > 0 && allowed.length > 0) {
    const examples = allowed.slice(0, 5).join(", ");
    return paths.map((at) => ({ path: at, message: `${NOT_ALLOWED}${allowed.length} allowed values (${examples}${allowed.length > 5 ? ", ..." : ""})` }));
  }
  // Otherwise the alternative that got furthest into the value (its problems lie deepest), then
  // the one with the fewest problems: the one the author most likely meant.
  const depth = (problems: Problem[]): number => Math.max(...problems.map((problem) => problem.path.split("/").length));
  return [...shaped].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0]!;
}

function describe(error: ErrorObject, value: unknown, path: string): Problem {
  const at = path + error.instancePath;
  switch (error.keyword) {
    case "enum":
      return { path: at, message: `is not one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}` };
    case "pattern": {
      const pattern = (error.params as { pattern: string }).pattern;
      const literal = /^\^([\w@.-]+)\$$/.exec(pattern)?.[1];
      return { path: at, message: literal ? `is not one of: ${literal}` : `${JSON.stringify(value)} must match ${pattern}` };
    }
    case "type":
      return { path: at, message: `must be ${(error.params as { type: string }).type}` };
    default:
      return { path: at, message: error.message ?? error.keyword };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function escape(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Problems in one YAML file: syntax errors first (with line numbers), then the schema's. */
export function validateFile(schema: PipelineSchema, file: string): Problem[] {
  const document = parseDocument(readFileSync(file, "utf8"), { uniqueKeys: true });
  const syntax = [...document.errors, ...document.warnings].map((error) => ({
    path: "",
    // The first line of the message names the place: "... at line 4, column 1:".
    message: `YAML: ${error.message.split("\n")[0]!.replace(/:$/, "")}`,
  }));
  return syntax.length > 0 ? syntax : schema.validate(document.toJS());
}

export function pipelineFiles(dir = PIPELINES_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

function main(): number {
  const path = schemaPath();
  if (!existsSync(path)) {
    const strict = process.env.CI === "true";
    console.log(`pipeline schema not found at ${path} (set AZURE_PIPELINES_SCHEMA): pipelines NOT validated${strict ? "; CI=true makes that an error" : ""}`);
    return strict ? 1 : 0;
  }
  const schema = PipelineSchema.fromFile(path);
  const files = process.argv.length > 2 ? process.argv.slice(2) : pipelineFiles();
  let failed = 0;
  for (const file of files) {
    const name = relative(process.cwd(), file);
    const problems = validateFile(schema, file);
    if (problems.length === 0) {
      console.log(`${name}: valid`);
      continue;
    }
    failed++;
    for (const problem of problems) console.log(`${name}: ${problem.path || "/"}: ${problem.message}`);
  }
  console.log(`${files.length - failed} of ${files.length} pipeline files valid against ${relative(process.cwd(), path)}`);
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
