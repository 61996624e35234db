/**
 * Reads a resource's schema from the "## Schema" section that tfplugindocs
 * generates into a provider's docs/ (Required / Optional / Read-Only lists and
 * "Nested Schema for `x`" sections). Used for providers without a prebuilt
 * jsii binding on npm, such as Azure/azapi.
 */
import { type ArgumentMode, type BlockSchema, emptyBlock, sortedBlock } from "./schema.js";

interface DocItem {
  name: string;
  mode: ArgumentMode;
  /** The parenthesised kind, e.g. "String", "Block", "List of Block", "Block List, Max: 1". */
  kind: string;
  /** Anchor of the nested schema section it links to, e.g. "nested--identity". */
  anchor?: string;
}

const SECTION_MODE: Record<string, ArgumentMode> = {
  Required: "required",
  Optional: "optional",
  "Read-Only": "computed",
};

/** `- \`identity\` (List of Block) The identity ... See [below for nested schema](#nested--identity).` */
const ITEM = /^- `([a-z0-9_]+)` \(([^)]*)\)/;

function isBlockKind(kind: string): boolean {
  return /^(Block\b|(List|Set) of Block\b)/.test(kind);
}

function parseItems(lines: string[], initialMode: ArgumentMode | undefined): DocItem[] {
  const items: DocItem[] = [];
  let mode = initialMode;
  for (const line of lines) {
    const heading = /^(?:### )?(Required|Optional|Read-Only):?\s*$/.exec(line.trim());
    if (heading && !line.startsWith(" ") && !line.startsWith("\t")) {
      mode = SECTION_MODE[heading[1]!];
      continue;
    }
    const item = ITEM.exec(line);
    if (!item || !mode) continue;
    items.push({ name: item[1]!, mode, kind: item[2]!, anchor: /\]\(#(nested[^)]*)\)/.exec(line)?.[1] });
  }
  return items;
}

function blockFrom(items: DocItem[], sections: Map<string, string[]>, depth: number): BlockSchema {
  const block = emptyBlock();
  for (const item of items) {
    if (!isBlockKind(item.kind)) {
      block.arguments[item.name] = item.mode;
      continue;
    }
    const lines = item.anchor ? sections.get(item.anchor) : undefined;
    if (!lines) throw new Error(`block "${item.name}" links to no nested schema section (${item.anchor ?? "no anchor"})`);
    if (depth > 12) throw new Error(`block "${item.name}": nested schema deeper than 12 levels`);
    const child = blockFrom(parseItems(lines, undefined), sections, depth + 1);
    const min = /Min: (\d+)/.exec(item.kind)?.[1];
    const max = /Max: (\d+)/.exec(item.kind)?.[1];
    child.min = min ? Number(min) : item.mode === "required" ? 1 : 0;
    if (max) child.max = Number(max);
    else if (/^Block(,|$)/.test(item.kind)) child.max = 1;
    block.blocks[item.name] = child;
  }
  return block;
}

/** The schema of one resource from its tfplugindocs markdown page. */
export function parsePluginDocs(markdown: string): BlockSchema {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === "## Schema");
  if (start < 0) throw new Error('no "## Schema" section: not a tfplugindocs page');
  const end = lines.findIndex((line, index) => index > start && /^## /.test(line));
  const schemaLines = lines.slice(start + 1, end < 0 ? undefined : end);

  // Split into the top-level part and the nested sections keyed by their anchor.
  const sections = new Map<string, string[]>();
  let current: string[] = [];
  const top = current;
  for (const line of schemaLines) {
    const anchor = /^<a id="([^"]+)"><\/a>/.exec(line);
    if (anchor) {
      current = [];
      sections.set(anchor[1]!, current);
      continue;
    }
    current.push(line);
  }
  return sortedBlock(blockFrom(parseItems(top, undefined), sections, 0));
}
