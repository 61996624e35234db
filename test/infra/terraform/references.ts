/**
 * Where a module holds expressions, and which symbols they refer to, for the
 * "everything referenced is declared / everything declared is used" checks.
 */
import { type HclBlock, type HclValue, type TerraformModule, isObject, referencesIn } from "./hcl.js";

/** A copy of a resource body without lifecycle.ignore_changes, whose entries are attribute paths, not references. */
export function withoutIgnoreChanges(block: HclBlock): HclBlock {
  const copy: HclBlock = { ...block };
  if (Array.isArray(copy.lifecycle)) {
    copy.lifecycle = copy.lifecycle.map((lifecycle) => {
      if (!isObject(lifecycle)) return lifecycle;
      const rest: HclBlock = { ...lifecycle };
      delete rest.ignore_changes;
      return rest;
    });
  }
  return copy;
}

/** Names of `dynamic "x"` blocks: inside them `x.value` and `x.key` are iterator references, not resources. */
export function dynamicBlockLabels(module: TerraformModule): Set<string> {
  const labels = new Set<string>();
  const visit = (value: HclValue | undefined): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "dynamic" && isObject(inner)) Object.keys(inner).forEach((name) => labels.add(name));
        visit(inner);
      }
    }
  };
  for (const block of [...module.resources.values(), ...module.dataSources.values(), ...module.ephemeralResources.values()]) visit(block);
  return labels;
}

/** Every place in a module that holds expressions, with a name for messages. */
export function expressionSites(module: TerraformModule): { where: string; value: HclValue }[] {
  const sites: { where: string; value: HclValue }[] = [];
  for (const [key, block] of module.resources) sites.push({ where: `resource ${key}`, value: withoutIgnoreChanges(block) });
  for (const [key, block] of module.dataSources) sites.push({ where: `data ${key}`, value: block });
  for (const [key, block] of module.ephemeralResources) sites.push({ where: `ephemeral ${key}`, value: block });
  for (const [name, block] of module.moduleCalls) sites.push({ where: `module ${name}`, value: block });
  for (const [name, block] of module.outputs) sites.push({ where: `output ${name}`, value: block });
  for (const [name, value] of module.locals) sites.push({ where: `local ${name}`, value });
  return sites;
}

export async function variableReferences(module: TerraformModule): Promise<Set<string>> {
  const used = new Set<string>();
  for (const { value } of expressionSites(module)) {
    for (const reference of await referencesIn(value)) {
      const [head, name] = reference.split(".");
      if (head === "var" && name) used.add(name);
    }
  }
  return used;
}
