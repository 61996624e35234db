/**
 * What the terraform/ test files share: where things are, the parsed
 * configuration (loaded once per test file) and small lookups with messages
 * that say which module or resource is missing.
 */
import path from "node:path";
import {
  type HclBlock,
  type HclValue,
  type ModuleScope,
  type TerraformConfiguration,
  type TerraformModule,
  isObject,
  loadConfiguration,
  localSourceDir,
  nestedBlocks,
  parseHclFile,
  referencesIn,
} from "./hcl.js";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const terraformDir = path.join(repoRoot, "terraform");
export const tfvarsExample = path.join(terraformDir, "terraform.tfvars.example");

export const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
export const WILDCARD_SOURCES = new Set(["*", "0.0.0.0/0", "::/0", "any", "internet"]);

export interface TerraformContext {
  config: TerraformConfiguration;
  /** terraform.tfvars.example, parsed. */
  tfvars: HclBlock;
  moduleAt(relativeDir: string): TerraformModule;
  childOf(module: TerraformModule, callName: string): TerraformModule;
  /** Scope of the root module, its variables taken from terraform.tfvars.example. */
  rootScope(): ModuleScope;
  /** Scope of a module called from the root. */
  childScope(callName: string): ModuleScope;
}

let loading: Promise<TerraformContext> | undefined;

async function load(): Promise<TerraformContext> {
  const config = await loadConfiguration(terraformDir);
  const tfvars = await parseHclFile(tfvarsExample);
  const context: TerraformContext = {
    config,
    tfvars,
    moduleAt(relativeDir) {
      const module = config.modules.get(path.join(terraformDir, relativeDir));
      if (!module) throw new Error(`no module at terraform/${relativeDir} is reached from the root module`);
      return module;
    },
    childOf(module, callName) {
      const call = module.moduleCalls.get(callName);
      if (!call) throw new Error(`${label(module)} has no module "${callName}"`);
      const dir = localSourceDir(module, call);
      const child = dir ? config.modules.get(dir) : undefined;
      if (!child) throw new Error(`module "${callName}" in ${label(module)} has no local source`);
      return child;
    },
    rootScope() {
      return { module: config.root, rootValues: tfvars };
    },
    childScope(callName) {
      return { module: context.childOf(config.root, callName), caller: { scope: context.rootScope(), call: config.root.moduleCalls.get(callName)! } };
    },
  };
  return context;
}

export function terraformContext(): Promise<TerraformContext> {
  loading ??= load();
  return loading;
}

export function label(module: TerraformModule): string {
  return path.relative(repoRoot, module.dir) || ".";
}

export function resource(module: TerraformModule, key: string): HclBlock {
  const block = module.resources.get(key);
  if (!block) throw new Error(`${label(module)} has no resource ${key}`);
  return block;
}

export function resourcesOfType(module: TerraformModule, type: string): [string, HclBlock][] {
  return [...module.resources].filter(([key]) => key.startsWith(`${type}.`));
}

/** The preconditions in a resource's lifecycle block. */
export function preconditionsOf(block: HclBlock): HclBlock[] {
  return nestedBlocks(block, "lifecycle").flatMap((lifecycle) => nestedBlocks(lifecycle, "precondition"));
}

/** Every reference ("var.x", "local.y") in the conditions of the module's resource preconditions, first two parts only. */
export async function preconditionReferences(module: TerraformModule): Promise<Set<string>> {
  const referenced = new Set<string>();
  for (const block of module.resources.values()) {
    for (const precondition of preconditionsOf(block)) {
      for (const reference of await referencesIn(precondition.condition)) referenced.add(reference.split(".").slice(0, 2).join("."));
    }
  }
  return referenced;
}

/** The content blocks of `dynamic "name"` blocks in a body. */
export function dynamicContents(block: HclBlock, name: string): HclBlock[] {
  const dynamic: HclValue | undefined = block.dynamic;
  return isObject(dynamic) ? nestedBlocks(dynamic, name).flatMap((entry) => nestedBlocks(entry, "content")) : [];
}
