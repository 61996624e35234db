/**
 * Checks every resource, data source and ephemeral resource block of a
 * Terraform tree against provider-schema.json, as `terraform validate` would
 * for names: unknown arguments and blocks, arguments only the provider sets,
 * missing required arguments and blocks, too many single blocks, and modules
 * that use a provider without declaring its source. Values are not checked.
 */
import path from "node:path";
import { type HclBlock, type HclValue, isObject, parseHclFile } from "../terraform/hcl.js";
import { type BlockSchema, type ProviderSchemaFile, SCHEMA_KINDS, type SchemaKind, providerOfType } from "./schema.js";

export interface SchemaProblem {
  /** File the block is in, relative to the directory given for messages. */
  file: string;
  /** "azurerm_kubernetes_cluster.this", "data.azurerm_client_config.current", "ephemeral.random_bytes.x". */
  address: string;
  /** Dotted path of the argument or block inside the resource, e.g. "network_profile.network_policy". */
  path: string;
  message: string;
}

/** Arguments Terraform itself reads, per block kind, instead of the provider. */
const META_ARGUMENTS: Record<SchemaKind, Set<string>> = {
  resource: new Set(["count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"]),
  data: new Set(["count", "for_each", "depends_on", "lifecycle", "provider"]),
  ephemeral: new Set(["count", "for_each", "depends_on", "lifecycle", "provider"]),
};
const LIFECYCLE_ARGUMENTS = new Set(["create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by", "precondition", "postcondition"]);
const DYNAMIC_ARGUMENTS = new Set(["for_each", "iterator", "labels", "content"]);

function blocksIn(value: HclValue | undefined): HclBlock[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

function isBlockSyntax(value: HclValue | undefined): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(isObject);
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(previous[j]! + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

function suggestion(name: string, candidates: string[]): string {
  const close = candidates.filter((candidate) => editDistance(name, candidate) <= Math.max(2, Math.floor(name.length / 4)));
  return close.length > 0 ? ` (did you mean ${close.map((candidate) => `"${candidate}"`).join(" or ")}?)` : "";
}

/** Problems of one block body against its schema; `at` is the path of the body. */
export function checkBlockBody(body: HclBlock, schema: BlockSchema, at: string[], metaArguments = new Set<string>()): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const where = (name: string) => [...at, name].join(".");
  const seen = new Map<string, number>();
  const count = (name: string, by: number) => seen.set(name, (seen.get(name) ?? 0) + by);

  for (const [name, value] of Object.entries(body)) {
    if (metaArguments.has(name)) {
      if (name === "lifecycle") {
        for (const lifecycle of blocksIn(value)) {
          for (const key of Object.keys(lifecycle)) {
            if (!LIFECYCLE_ARGUMENTS.has(key)) problems.push({ path: where(`lifecycle.${key}`), message: `unknown lifecycle argument "${key}"` });
          }
        }
      }
      continue;
    }
    if (name === "dynamic" && isObject(value)) {
      for (const [label, dynamics] of Object.entries(value)) {
        const blockSchema = schema.blocks[label];
        if (!blockSchema) {
          problems.push({ path: where(label), message: `unknown block "${label}" (in a dynamic block)${suggestion(label, Object.keys(schema.blocks))}` });
          continue;
        }
        for (const dynamic of blocksIn(dynamics)) {
          for (const key of Object.keys(dynamic)) {
            if (!DYNAMIC_ARGUMENTS.has(key)) problems.push({ path: where(`dynamic.${label}.${key}`), message: `unknown dynamic block argument "${key}"` });
          }
          if (!("for_each" in dynamic)) problems.push({ path: where(`dynamic.${label}`), message: 'dynamic block without "for_each"' });
          const contents = blocksIn(dynamic.content);
          if (contents.length !== 1) problems.push({ path: where(`dynamic.${label}`), message: 'dynamic block needs exactly one "content" block' });
          for (const content of contents) problems.push(...checkBlockBody(content, blockSchema, [...at, label]));
          count(label, 1);
        }
      }
      continue;
    }
    const blockSchema = schema.blocks[name];
    if (blockSchema) {
      if (!isBlockSyntax(value)) {
        problems.push({ path: where(name), message: `"${name}" is a block: write ${name} { ... } (no "=")` });
        continue;
      }
      for (const nested of blocksIn(value)) problems.push(...checkBlockBody(nested, blockSchema, [...at, name]));
      count(name, blocksIn(value).length);
      continue;
    }
    const mode = schema.arguments[name];
    if (mode === "computed") {
      problems.push({ path: where(name), message: `"${name}" is set by the provider only and cannot be configured` });
    } else if (mode === undefined) {
      const kind = isBlockSyntax(value) ? "block" : "argument";
      const candidates = kind === "block" ? Object.keys(schema.blocks) : Object.keys(schema.arguments).filter((key) => schema.arguments[key] !== "computed");
      problems.push({ path: where(name), message: `unknown ${kind} "${name}"${suggestion(name, candidates)}` });
    }
  }

  for (const [name, mode] of Object.entries(schema.arguments)) {
    if (mode === "required" && !(name in body)) problems.push({ path: where(name), message: `missing required argument "${name}"` });
  }
  for (const [name, blockSchema] of Object.entries(schema.blocks)) {
    const found = seen.get(name) ?? 0;
    if ((blockSchema.min ?? 0) > 0 && found === 0) problems.push({ path: where(name), message: `missing required block "${name}"` });
    if (blockSchema.max !== undefined && found > blockSchema.max) {
      problems.push({ path: where(name), message: `at most ${blockSchema.max} "${name}" block(s) allowed, found ${found}` });
    }
  }
  return problems;
}

/** Local provider name -> source, from the terraform { required_providers } blocks of one module's files. */
function requiredProviders(parsedFiles: HclBlock[]): Map<string, string> {
  const sources = new Map<string, string>();
  for (const parsed of parsedFiles) {
    for (const terraform of blocksIn(parsed.terraform)) {
      for (const required of blocksIn(terraform.required_providers)) {
        for (const [name, requirement] of Object.entries(required)) {
          if (isObject(requirement) && typeof requirement.source === "string") sources.set(name, requirement.source);
        }
      }
    }
  }
  return sources;
}

/** Checks the given .tf files; messages name files relative to `relativeTo`. */
export async function checkTerraformFiles(files: string[], schema: ProviderSchemaFile, relativeTo: string): Promise<SchemaProblem[]> {
  const problems: SchemaProblem[] = [];
  const parsedByFile = new Map<string, HclBlock>();
  for (const file of files) parsedByFile.set(file, await parseHclFile(file));

  for (const [file, parsed] of parsedByFile) {
    const label = path.relative(relativeTo, file) || file;
    const moduleFiles = [...parsedByFile].filter(([other]) => path.dirname(other) === path.dirname(file)).map(([, body]) => body);
    const declared = requiredProviders(moduleFiles);
    for (const kind of SCHEMA_KINDS) {
      const byType = parsed[kind];
      if (!isObject(byType)) continue;
      for (const [type, byName] of Object.entries(byType)) {
        const provider = providerOfType(type);
        const expectedSource = schema.providers[provider]?.source;
        const declaredSource = declared.get(provider);
        if (expectedSource && declaredSource?.toLowerCase() !== expectedSource.toLowerCase()) {
          problems.push({
            file: label,
            address: `${kind === "resource" ? "" : `${kind}.`}${type}`,
            path: "",
            message: `the module uses provider "${provider}" but its required_providers ${declaredSource ? `names source "${declaredSource}"` : "does not declare it"}; expected source "${expectedSource}"`,
          });
        }
        for (const [name, bodies] of Object.entries(isObject(byName) ? byName : {})) {
          const address = `${kind === "resource" ? "" : `${kind}.`}${type}.${name}`;
          const typeSchema = schema[kind][type];
          if (!typeSchema) {
            problems.push({ file: label, address, path: "", message: `${kind} type "${type}" is not in provider-schema.json; run npx tsx test/infra/provider-schema/extract.ts` });
            continue;
          }
          for (const body of blocksIn(bodies)) {
            for (const problem of checkBlockBody(body, typeSchema, [], META_ARGUMENTS[kind])) problems.push({ file: label, address, ...problem });
          }
        }
      }
    }
  }
  return problems;
}

export function formatProblem(problem: SchemaProblem): string {
  return `${problem.file}: ${problem.address}${problem.path ? ` ${problem.path}` : ""}: ${problem.message}`;
}
