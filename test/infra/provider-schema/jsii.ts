/**
 * Reads the schema of Terraform resources out of a prebuilt cdktf/cdktn
 * provider binding's jsii assembly (its `.jsii` file). The binding is
 * generated from the provider's own schema, so it knows every argument, which
 * ones are required, and the nested blocks; what it renames for TypeScript is
 * mapped back to the Terraform names here.
 */
import { type ArgumentMode, type BlockSchema, type SchemaKind, type TypeSchema, emptyBlock, sortedBlock } from "./schema.js";

export interface JsiiTypeReference {
  primitive?: string;
  fqn?: string;
  collection?: { kind: "array" | "map"; elementtype: JsiiTypeReference };
  union?: { types: JsiiTypeReference[] };
}

export interface JsiiDocs {
  summary?: string;
  remarks?: string;
}

export interface JsiiProperty {
  name: string;
  type: JsiiTypeReference;
  optional?: boolean;
  static?: boolean;
  docs?: JsiiDocs;
}

export interface JsiiType {
  fqn: string;
  kind: string;
  name: string;
  base?: string;
  datatype?: boolean;
  properties?: JsiiProperty[];
  initializer?: { parameters?: { name: string; type: JsiiTypeReference }[] };
  docs?: JsiiDocs;
}

export interface JsiiAssembly {
  name: string;
  version: string;
  types: Record<string, JsiiType>;
}

export interface ExtractedType {
  kind: SchemaKind;
  type: string;
  /** Provider version named in the binding's registry links, e.g. "4.73.0". */
  providerVersion: string;
  schema: TypeSchema;
}

const BASE_KIND: [string, SchemaKind][] = [
  [".TerraformResource", "resource"],
  [".TerraformDataSource", "data"],
  [".TerraformEphemeralResource", "ephemeral"],
];

/** `{@link https://registry.terraform.io/providers/hashicorp/azurerm/4.73.0/docs/resources/kubernetes_cluster azurerm_kubernetes_cluster}` */
const TYPE_LINK = /\{@link https:\/\/registry\.terraform\.io\/providers\/[^/]+\/([^/]+)\/([^/]+)\/docs\/(resources|data-sources|ephemeral-resources)\/\S+ ([a-z0-9_]+)\}/;
/** `{@link https://registry.terraform.io/.../kubernetes_cluster#dns_zone_ids KubernetesCluster#dns_zone_ids}` */
const ARGUMENT_ANCHOR = /\{@link https:\/\/registry\.terraform\.io\/\S*#([A-Za-z0-9_]+) /;
/** Getters every generated class has that are not provider attributes. */
const FRAMEWORK_GETTERS = new Set(["tfResourceType", "internalValue", "fqn", "terraformResource", "terraformAttribute"]);

/**
 * camelCase back to snake_case, the fallback when the binding's docs carry no
 * registry anchor (computed attributes). Digits stay with the word before them,
 * as jsii joined them: ipv4Address -> ipv4_address. A name whose Terraform form
 * had an underscore before a digit (address_1 -> address1) cannot be recovered
 * this way; the anchor covers those.
 */
export function camelToSnake(name: string): string {
  return name.replace(/[A-Z]/g, (letter, offset: number) => (offset === 0 ? "" : "_") + letter.toLowerCase());
}

/**
 * The Terraform name of a binding property: the anchor of its registry docs
 * link when there is one (it is the provider's own attribute name, also where
 * the binding renamed the property to dodge a reserved word), else camelToSnake.
 */
export function terraformNameOf(property: Pick<JsiiProperty, "name" | "docs">): string {
  const docs = `${property.docs?.summary ?? ""} ${property.docs?.remarks ?? ""}`;
  return ARGUMENT_ANCHOR.exec(docs)?.[1] ?? camelToSnake(property.name);
}

/** The struct a property holds, and whether it holds a list of them. */
function structOf(reference: JsiiTypeReference, types: Record<string, JsiiType>): { fqn: string; list: boolean } | undefined {
  if (reference.fqn && types[reference.fqn]?.datatype) return { fqn: reference.fqn, list: false };
  const element = reference.collection?.kind === "array" ? reference.collection.elementtype : undefined;
  if (element?.fqn && types[element.fqn]?.datatype) return { fqn: element.fqn, list: true };
  for (const member of reference.union?.types ?? []) {
    const found = structOf(member, types);
    if (found) return found;
  }
  return undefined;
}

/** Blocks are documented as "<name> block."; a struct-typed property without that is an object-typed argument. */
function isBlock(property: JsiiProperty): boolean {
  return /\bblock\.?\s*$/.test(property.docs?.summary ?? "");
}

function computedArguments(classType: JsiiType | undefined, settable: Set<string>): string[] {
  if (!classType) return [];
  const names = new Set((classType.properties ?? []).filter((property) => !property.static).map((property) => property.name));
  return (classType.properties ?? [])
    .filter((property) => !property.static && !FRAMEWORK_GETTERS.has(property.name) && !settable.has(property.name))
    .filter((property) => !(property.name.endsWith("Input") && names.has(property.name.slice(0, -"Input".length))))
    .map((property) => terraformNameOf(property));
}

function blockSchema(struct: JsiiType, outputClass: JsiiType | undefined, types: Record<string, JsiiType>, depth: number): BlockSchema {
  if (depth > 12) throw new Error(`${struct.fqn}: nested blocks deeper than 12 levels; is there a cycle?`);
  const block = emptyBlock();
  const settable = new Set<string>();
  for (const property of struct.properties ?? []) {
    settable.add(property.name);
    const name = terraformNameOf(property);
    const nested = structOf(property.type, types);
    if (nested && isBlock(property)) {
      const child = blockSchema(types[nested.fqn]!, types[`${nested.fqn}OutputReference`], types, depth + 1);
      child.min = property.optional ? 0 : 1;
      if (!nested.list) child.max = 1;
      block.blocks[name] = child;
    } else {
      block.arguments[name] = property.optional ? "optional" : "required";
    }
  }
  for (const name of computedArguments(outputClass, settable)) {
    if (!(name in block.arguments) && !(name in block.blocks)) block.arguments[name] = "computed" satisfies ArgumentMode;
  }
  return block;
}

/**
 * Every resource, data source and ephemeral resource class in the assembly
 * whose Terraform type is in `wanted` (all of them when `wanted` is absent).
 */
export function extractFromAssembly(assembly: JsiiAssembly, provider: string, wanted?: Set<string>): ExtractedType[] {
  const extracted: ExtractedType[] = [];
  for (const classType of Object.values(assembly.types)) {
    if (classType.kind !== "class" || !classType.base) continue;
    const kind = BASE_KIND.find(([suffix]) => classType.base!.endsWith(suffix))?.[1];
    if (!kind) continue;
    const link = TYPE_LINK.exec(classType.docs?.summary ?? "");
    if (!link) throw new Error(`${classType.fqn}: no registry link in its docs, so its Terraform type name is unknown`);
    const [, linkProvider, providerVersion, , type] = link;
    if (linkProvider !== provider) throw new Error(`${classType.fqn} documents provider ${linkProvider}, expected ${provider}`);
    if (wanted && !wanted.has(`${kind}.${type}`)) continue;
    const configFqn = classType.initializer?.parameters?.find((parameter) => parameter.name === "config")?.type.fqn;
    const config = configFqn ? assembly.types[configFqn] : undefined;
    if (!config) throw new Error(`${classType.fqn}: no config struct found for ${type}`);
    const schema: TypeSchema = { provider, ...blockSchema(config, classType, assembly.types, 0) };
    extracted.push({ kind, type: type!, providerVersion: providerVersion!, schema: sortedBlock(schema) });
  }
  return extracted;
}
