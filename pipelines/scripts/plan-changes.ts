/**
 * What a Terraform plan changes, in full and safe to publish, and the check that a later plan makes
 * exactly the approved changes (pipelines/infra.yml: Plan publishes the summary, Apply plans again
 * and compares before it changes anything).
 *
 *   node pipelines/scripts/plan-changes.ts summarise <plan.json> <state.json>  > plan-changes.json
 *   node pipelines/scripts/plan-changes.ts compare <approved plan-changes.json> <plan.json> <state.json>
 *
 * plan.json is `terraform show -json <plan file>`, state.json is `terraform state pull` (empty when
 * there is no state yet). Node 24 runs this file as it is (type stripping): it imports only node:.
 *
 * The summary holds every resource and output change that is not a no-op: its actions, the reason
 * and the attributes that force a replacement, and its before and after values (what `terraform
 * plan` prints in the run's log anyway). Values Terraform marks sensitive are replaced by
 * "(sensitive)", and each change carries one HMAC-SHA256 of all its sensitive values together,
 * keyed with the state's lineage: a reader of the published summary cannot test guesses of a short
 * secret against it, while Plan and Apply, which both read the state, compute the same digest.
 * The state's serial is recorded too: when it moved, someone applied in between, and the approved
 * changes were planned against what no longer exists.
 */
import { createHmac } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FORMAT = "orders/plan-changes/1";
export const SENSITIVE = "(sensitive)";
/** How `compare` starts its answer when the changes are the approved ones; terraform.sh applies on nothing less. */
export const IDENTICAL = "identical to the approved plan";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface Change {
  readonly address: string;
  readonly previous_address?: string;
  readonly actions: Json;
  readonly action_reason?: string;
  readonly replace_paths?: Json;
  readonly importing?: Json;
  readonly before: Json;
  readonly after: Json;
  readonly after_unknown: Json;
  /** hmac-sha256:<hex> over every sensitive value of the change; absent when it has none. */
  readonly sensitive?: string;
}

export interface PlanChanges {
  readonly format: typeof FORMAT;
  readonly terraform_version: string | null;
  readonly state_serial: number | null;
  readonly resource_changes: Change[];
  readonly output_changes: Change[];
}

/** The parts of `terraform state pull` that key the digests and date the plan. */
interface StateIdentity {
  readonly lineage: string;
  readonly serial: number | null;
}

function stateIdentity(stateText: string): StateIdentity {
  if (stateText.trim() === "") return { lineage: "", serial: null };
  const state = JSON.parse(stateText) as { lineage?: unknown; serial?: unknown };
  return { lineage: typeof state.lineage === "string" ? state.lineage : "", serial: typeof state.serial === "number" ? state.serial : null };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted at every level: equal values, equal text. */
function canonical(value: Json | undefined): string {
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** `value` with every part `marks` flags true (Terraform's before/after_sensitive) replaced; those parts go to `found`. */
function redact(value: Json, marks: Json | undefined, path: string, found: [string, Json][]): Json {
  if (marks === true) {
    found.push([path, value]);
    return SENSITIVE;
  }
  if (Array.isArray(value) && Array.isArray(marks)) return value.map((item, i) => redact(item, marks[i], `${path}[${i}]`, found));
  if (isObject(value) && isObject(marks)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, marks[key], `${path}.${key}`, found)]));
  }
  return value;
}

interface RawChange {
  readonly actions?: Json;
  readonly before?: Json;
  readonly after?: Json;
  readonly after_unknown?: Json;
  readonly before_sensitive?: Json;
  readonly after_sensitive?: Json;
  readonly replace_paths?: Json;
  readonly importing?: Json;
}

function summariseChange(address: string, change: RawChange, key: string, extra: Partial<Change>): Change {
  const found: [string, Json][] = [];
  const before = redact(change.before ?? null, change.before_sensitive, "before", found);
  const after = redact(change.after ?? null, change.after_sensitive, "after", found);
  const summary: Change = {
    address,
    ...extra,
    actions: change.actions ?? null,
    ...(change.replace_paths !== undefined ? { replace_paths: change.replace_paths } : {}),
    ...(change.importing !== undefined ? { importing: change.importing } : {}),
    before,
    after,
    after_unknown: change.after_unknown ?? null,
  };
  if (found.length === 0) return summary;
  const digest = createHmac("sha256", key).update(canonical([address, found as unknown as Json])).digest("hex");
  return { ...summary, sensitive: `hmac-sha256:${digest}` };
}

const isNoOp = (actions: Json | undefined): boolean => canonical(actions ?? null) === '["no-op"]';

/** The publishable summary of a plan (`terraform show -json`), keyed and dated by its state. */
export function summarise(plan: JsonObject, state: StateIdentity): PlanChanges {
  const resources = (Array.isArray(plan.resource_changes) ? plan.resource_changes : []) as JsonObject[];
  const outputs = isObject(plan.output_changes) ? plan.output_changes : {};
  return {
    format: FORMAT,
    terraform_version: typeof plan.terraform_version === "string" ? plan.terraform_version : null,
    state_serial: state.serial,
    resource_changes: resources
      .filter((resource) => !isNoOp((resource.change as RawChange | undefined)?.actions))
      .map((resource) =>
        summariseChange(String(resource.address), (resource.change ?? {}) as RawChange, state.lineage, {
          ...(typeof resource.previous_address === "string" ? { previous_address: resource.previous_address } : {}),
          ...(typeof resource.action_reason === "string" ? { action_reason: resource.action_reason } : {}),
        }),
      )
      .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)),
    output_changes: Object.keys(outputs)
      .sort()
      .filter((name) => !isNoOp((outputs[name] as RawChange).actions))
      .map((name) => summariseChange(`output.${name}`, outputs[name] as RawChange, state.lineage, {})),
  };
}

function shown(value: Json | undefined): string {
  const text = value === undefined ? "(absent)" : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Where two values differ, as `path: approved → now` lines. */
function valueDifferences(approved: Json | undefined, now: Json | undefined, path: string): string[] {
  if (canonical(approved) === canonical(now)) return [];
  if (isObject(approved) && isObject(now)) {
    const keys = [...new Set([...Object.keys(approved), ...Object.keys(now)])].sort();
    return keys.flatMap((key) => valueDifferences(approved[key], now[key], `${path}.${key}`));
  }
  if (Array.isArray(approved) && Array.isArray(now) && approved.length === now.length) {
    return approved.flatMap((item, i) => valueDifferences(item, now[i], `${path}[${i}]`));
  }
  return [`${path}: ${shown(approved)} → ${shown(now)}`];
}

function changeDifferences(kind: string, approved: Change[], now: Change[]): string[] {
  const before = new Map(approved.map((change) => [change.address, change]));
  const after = new Map(now.map((change) => [change.address, change]));
  const problems: string[] = [];
  for (const [address, change] of before) {
    const current = after.get(address);
    if (!current) {
      problems.push(`${address}: approved (${shown(change.actions)}), but no longer planned`);
      continue;
    }
    for (const field of ["previous_address", "actions", "action_reason", "replace_paths", "importing", "before", "after", "after_unknown"] as const) {
      problems.push(...valueDifferences(change[field], current[field], field).map((line) => `${address}: ${line}`));
    }
    if (change.sensitive !== current.sensitive) problems.push(`${address}: its sensitive values differ from the approved ones`);
  }
  for (const [address, change] of after) {
    if (!before.has(address)) problems.push(`${address}: planned (${shown(change.actions)}), but not in the approved ${kind}`);
  }
  return problems;
}

/** Every way `now` differs from the approved summary; empty when it makes exactly the approved changes. */
export function differences(approved: PlanChanges, now: PlanChanges): string[] {
  if (approved.format !== FORMAT) return [`the approved file is not a plan-changes summary (format ${shown(approved.format as Json)}, expected ${FORMAT})`];
  const problems: string[] = [];
  if (approved.terraform_version !== now.terraform_version) {
    problems.push(`Terraform ${shown(approved.terraform_version)} planned the approved changes, Terraform ${shown(now.terraform_version)} this one`);
  }
  if (approved.state_serial !== now.state_serial) {
    problems.push(`the state changed since the approved plan (serial ${approved.state_serial} then, ${now.state_serial} now): another apply ran in between`);
  }
  problems.push(...changeDifferences("resource changes", approved.resource_changes, now.resource_changes));
  problems.push(...changeDifferences("output changes", approved.output_changes, now.output_changes));
  return problems;
}

function main(args: string[]): number {
  const read = (file: string): string => readFileSync(file, "utf8");
  const [command, ...files] = args;
  if (command === "summarise" && files.length === 2) {
    const summary = summarise(JSON.parse(read(files[0]!)) as JsonObject, stateIdentity(read(files[1]!)));
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  if (command === "compare" && files.length === 3) {
    const approved = JSON.parse(read(files[0]!)) as PlanChanges;
    const now = summarise(JSON.parse(read(files[1]!)) as JsonObject, stateIdentity(read(files[2]!)));
    const problems = differences(approved, now);
    if (problems.length === 0) {
      console.log(`${IDENTICAL}: ${now.resource_changes.length} resource and ${now.output_changes.length} output changes`);
      return 0;
    }
    console.error(`the plan differs from the approved one in ${problems.length} place(s):`);
    for (const problem of problems) console.error(`  ${problem}`);
    return 1;
  }
  console.error("usage: plan-changes.ts summarise <plan.json> <state.json> | compare <approved.json> <plan.json> <state.json>");
  return 2;
}

// Run as a script (also through a symbolic link), not when a test imports it.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) process.exitCode = main(process.argv.slice(2));
