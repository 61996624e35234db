/**
 * The shape of provider-schema.json: the arguments and nested blocks of just
 * the resource, data source and ephemeral resource types that terraform/ uses,
 * taken from published provider bindings (see extract.ts). The checker reads
 * it offline; nothing here downloads a provider.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** How a block argument may be used: it must be set, it may be set, or only the provider sets it. */
export type ArgumentMode = "required" | "optional" | "computed";

export interface BlockSchema {
  /** Fewest blocks of this kind allowed (0 when absent). */
  min?: number;
  /** Most blocks of this kind allowed, when the binding says (1 for single blocks). */
  max?: number;
  arguments: Record<string, ArgumentMode>;
  blocks: Record<string, BlockSchema>;
}

export interface TypeSchema extends BlockSchema {
  /** Local provider name, e.g. "azurerm". */
  provider: string;
}

export interface ProviderInfo {
  /** Registry source address, e.g. "hashicorp/azurerm". */
  source: string;
  /** Provider version the schema was generated from. */
  version: string;
  /** Where the schema came from, e.g. "npm @cdktn/provider-azurerm@16.1.0 (.jsii)". */
  from: string;
}

/** The Terraform top-level block kinds that declare typed objects. */
export const SCHEMA_KINDS = ["resource", "data", "ephemeral"] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

export interface ProviderSchemaFile {
  comment: string;
  providers: Record<string, ProviderInfo>;
  resource: Record<string, TypeSchema>;
  data: Record<string, TypeSchema>;
  ephemeral: Record<string, TypeSchema>;
}

export const PROVIDER_SCHEMA_FILE = path.join(import.meta.dirname, "provider-schema.json");

export function loadProviderSchema(file = PROVIDER_SCHEMA_FILE): ProviderSchemaFile {
  return JSON.parse(readFileSync(file, "utf8")) as ProviderSchemaFile;
}

/** The provider a type belongs to by Terraform's naming rule: the part before the first underscore. */
export function providerOfType(type: string): string {
  return type.split("_")[0]!;
}

export function emptyBlock(): BlockSchema {
  return { arguments: {}, blocks: {} };
}

/** Sorts keys so that the committed JSON diffs cleanly when it is regenerated. */
export function sortedBlock<T extends BlockSchema>(block: T): T {
  const blocks: Record<string, BlockSchema> = {};
  for (const name of Object.keys(block.blocks).sort()) blocks[name] = sortedBlock(block.blocks[name]!);
  const argumentsSorted: Record<string, ArgumentMode> = {};
  for (const name of Object.keys(block.arguments).sort()) argumentsSorted[name] = block.arguments[name]!;
  return { ...block, arguments: argumentsSorted, blocks };
}
