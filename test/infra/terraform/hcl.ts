/**
 * Reads a Terraform configuration (root module plus every local child module
 * it calls) into plain objects, using the HCL parser that cdktf ships. Nothing
 * here talks to Azure or needs a provider: it is the offline view of the code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { getReferencesInExpression, parse } from "@cdktf/hcl2json";

export type HclValue = string | number | boolean | null | HclValue[] | HclBlock;
export interface HclBlock {
  [key: string]: HclValue;
}

export interface TerraformModule {
  /** Absolute directory of the module. */
  dir: string;
  /** Absolute paths of the .tf files read. */
  files: string[];
  variables: Map<string, HclBlock>;
  outputs: Map<string, HclBlock>;
  locals: Map<string, HclValue>;
  /** Keyed "type.name". */
  resources: Map<string, HclBlock>;
  /** Keyed "type.name" (without the "data." prefix). */
  dataSources: Map<string, HclBlock>;
  /** Keyed "type.name" (without the "ephemeral." prefix). */
  ephemeralResources: Map<string, HclBlock>;
  moduleCalls: Map<string, HclBlock>;
  terraformBlocks: HclBlock[];
  providers: Map<string, HclBlock[]>;
}

export interface TerraformConfiguration {
  root: TerraformModule;
  /** Every module reachable from the root through local `source` paths, root included, keyed by directory. */
  modules: Map<string, TerraformModule>;
}

/** Arguments of a module block that Terraform itself consumes instead of passing them to the module's variables. */
export const MODULE_META_ARGUMENTS = new Set(["source", "version", "providers", "depends_on", "count", "for_each"]);

export function isObject(value: HclValue | undefined): value is HclBlock {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The single nested block `name` of `block` (HCL blocks come back as one-element arrays). */
export function nestedBlock(block: HclBlock, name: string): HclBlock {
  const blocks = nestedBlocks(block, name);
  if (blocks.length !== 1) {
    throw new Error(`expected exactly one "${name}" block, found ${blocks.length}`);
  }
  return blocks[0]!;
}

/** All nested blocks `name` of `block`, in source order. */
export function nestedBlocks(block: HclBlock, name: string): HclBlock[] {
  const value = block[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter(isObject);
}

export function tfFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".tf"))
    .sort()
    .map((file) => path.join(dir, file));
}

/** Every .tf file below `dir`, skipping `.terraform` working directories. */
export function tfFilesBelow(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (entry === ".terraform") continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...tfFilesBelow(full));
    else if (entry.endsWith(".tf")) found.push(full);
  }
  return found;
}

export async function parseHclFile(file: string): Promise<HclBlock> {
  return (await parse(path.basename(file), readFileSync(file, "utf8"))) as HclBlock;
}

function addUnique<T>(map: Map<string, T>, key: string, value: T, what: string, file: string): void {
  if (map.has(key)) throw new Error(`${what} "${key}" is declared twice (again in ${file})`);
  map.set(key, value);
}

export async function loadModule(dir: string): Promise<TerraformModule> {
  const module: TerraformModule = {
    dir,
    files: tfFilesIn(dir),
    variables: new Map(),
    outputs: new Map(),
    locals: new Map(),
    resources: new Map(),
    dataSources: new Map(),
    ephemeralResources: new Map(),
    moduleCalls: new Map(),
    terraformBlocks: [],
    providers: new Map(),
  };
  for (const file of module.files) {
    const parsed = await parseHclFile(file);
    for (const [kind, body] of Object.entries(parsed)) {
      switch (kind) {
        case "variable":
        case "output":
        case "module": {
          const target = kind === "variable" ? module.variables : kind === "output" ? module.outputs : module.moduleCalls;
          for (const [name, blocks] of Object.entries(body as HclBlock)) {
            addUnique(target, name, (blocks as HclBlock[])[0]!, kind, file);
          }
          break;
        }
        case "resource":
        case "data":
        case "ephemeral": {
          const target = kind === "resource" ? module.resources : kind === "data" ? module.dataSources : module.ephemeralResources;
          for (const [type, byName] of Object.entries(body as HclBlock)) {
            for (const [name, blocks] of Object.entries(byName as HclBlock)) {
              addUnique(target, `${type}.${name}`, (blocks as HclBlock[])[0]!, kind, file);
            }
          }
          break;
        }
        case "locals":
          for (const localsBlock of body as HclBlock[]) {
            for (const [name, value] of Object.entries(localsBlock)) addUnique(module.locals, name, value, "local", file);
          }
          break;
        case "terraform":
          module.terraformBlocks.push(...(body as HclBlock[]));
          break;
        case "provider":
          for (const [name, blocks] of Object.entries(body as HclBlock)) {
            module.providers.set(name, [...(module.providers.get(name) ?? []), ...(blocks as HclBlock[])]);
          }
          break;
        default:
          throw new Error(`${file}: unexpected top-level block "${kind}"`);
      }
    }
  }
  return module;
}

/** Directory a module call's `source` points at, or undefined for registry or remote sources. */
export function localSourceDir(caller: TerraformModule, call: HclBlock): string | undefined {
  const source = call.source;
  if (typeof source !== "string" || !(source.startsWith("./") || source.startsWith("../"))) return undefined;
  return path.resolve(caller.dir, source);
}

export async function loadConfiguration(rootDir: string): Promise<TerraformConfiguration> {
  const modules = new Map<string, TerraformModule>();
  const pending = [path.resolve(rootDir)];
  while (pending.length > 0) {
    const dir = pending.shift()!;
    if (modules.has(dir)) continue;
    if (!existsSync(dir) || tfFilesIn(dir).length === 0) throw new Error(`module directory ${dir} has no .tf files`);
    const module = await loadModule(dir);
    modules.set(dir, module);
    for (const call of module.moduleCalls.values()) {
      const child = localSourceDir(module, call);
      if (child) pending.push(child);
    }
  }
  return { root: modules.get(path.resolve(rootDir))!, modules };
}

/** Every string inside a value, with a dotted path saying where it was found. */
export function* stringsIn(value: HclValue | undefined, where = ""): Generator<{ where: string; text: string }> {
  if (typeof value === "string") {
    yield { where, text: value };
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* stringsIn(item, `${where}[${index}]`);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) yield* stringsIn(item, where ? `${where}.${key}` : key);
  }
}

/** References (e.g. "var.location", "module.aks_cluster.id", "azurerm_subnet.worker.id") in every expression inside a value. */
export async function referencesIn(value: HclValue | undefined): Promise<string[]> {
  const references: string[] = [];
  for (const { text } of stringsIn(value)) {
    if (!text.includes("${")) continue;
    for (const reference of await getReferencesInExpression("expression.tf", text)) references.push(reference.value);
  }
  return references;
}

/** The one reference an expression such as "${module.networking.worker_subnet_id}" consists of. */
export async function soleReference(expression: HclValue | undefined): Promise<string> {
  if (typeof expression !== "string" || !/^\$\{[^}]*\}$/.test(expression)) {
    throw new Error(`expected a single reference such as "\${var.x}", got ${JSON.stringify(expression)}`);
  }
  const references = await referencesIn(expression);
  if (references.length !== 1) throw new Error(`expected one reference in ${expression}, found ${references.length}`);
  return references[0]!;
}

/** A module's call arguments, for resolving `var.*` inside it. */
export interface ModuleScope {
  module: TerraformModule;
  /** The calling module and the block that calls this one; absent for the root. */
  caller?: { scope: ModuleScope; call: HclBlock };
  /** Values supplied for root variables (e.g. from terraform.tfvars.example). */
  rootValues?: HclBlock;
}

/**
 * Resolves `${var.x}` and `${local.x}` templates to the literal they stand for,
 * following variables up to the calling module's argument or, failing that,
 * to the variable's default. Throws when something is not statically known.
 */
export function resolveStatic(value: HclValue | undefined, scope: ModuleScope): HclValue {
  if (Array.isArray(value)) return value.map((item) => resolveStatic(item, scope));
  if (typeof value !== "string") {
    if (value === undefined) throw new Error("cannot resolve an absent value");
    return value;
  }
  const whole = WHOLE_REFERENCE.exec(value);
  if (whole) return resolveSymbol(whole[1] as "var" | "local", whole[2]!, attributePath(whole[3]!), scope);
  return value.replace(/\$\{([^}]*)\}/g, (template, inner: string) => {
    const symbol = REFERENCE.exec(inner.trim());
    if (!symbol) throw new Error(`cannot resolve ${template} statically in ${value}`);
    const resolved = resolveSymbol(symbol[1] as "var" | "local", symbol[2]!, attributePath(symbol[3]!), scope);
    if (typeof resolved !== "string" && typeof resolved !== "number") {
      throw new Error(`${template} in ${value} does not resolve to a string`);
    }
    return String(resolved);
  });
}

/** `var.x` or `local.x`, optionally followed by attribute names: `var.service_account.namespace`. */
const REFERENCE = /^(var|local)\.([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+)*)$/;
const WHOLE_REFERENCE = /^\$\{(var|local)\.([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+)*)\}$/;

function attributePath(suffix: string): string[] {
  return suffix.split(".").filter(Boolean);
}

/**
 * The attribute `path` of an expression, evaluated in the scope it was written
 * in: object literals are walked, whole references followed, the rest resolved.
 */
function resolvePath(value: HclValue | undefined, path: string[], scope: ModuleScope): HclValue {
  if (path.length === 0) return resolveStatic(value, scope);
  if (isObject(value)) {
    const [name, ...rest] = path;
    if (!(name! in value)) throw new Error(`no attribute "${name}" in ${JSON.stringify(value)}`);
    return resolvePath(value[name!], rest, scope);
  }
  const whole = typeof value === "string" ? WHOLE_REFERENCE.exec(value) : null;
  if (whole) return resolveSymbol(whole[1] as "var" | "local", whole[2]!, [...attributePath(whole[3]!), ...path], scope);
  throw new Error(`cannot take .${path.join(".")} of ${JSON.stringify(value)} statically`);
}

function resolveSymbol(kind: "var" | "local", name: string, path: string[], scope: ModuleScope): HclValue {
  if (kind === "local") {
    if (!scope.module.locals.has(name)) throw new Error(`local.${name} is not declared in ${scope.module.dir}`);
    return resolvePath(scope.module.locals.get(name), path, scope);
  }
  const variable = scope.module.variables.get(name);
  if (!variable) throw new Error(`var.${name} is not declared in ${scope.module.dir}`);
  if (scope.caller && name in scope.caller.call) return resolvePath(scope.caller.call[name], path, scope.caller.scope);
  if (!scope.caller && scope.rootValues && name in scope.rootValues) return resolvePath(scope.rootValues[name], path, scope);
  if ("default" in variable) return resolvePath(variable.default, path, scope);
  throw new Error(`var.${name} in ${scope.module.dir} has no value and no default`);
}
