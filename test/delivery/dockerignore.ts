/**
 * `.dockerignore` as Docker applies it (moby/patternmatcher): patterns are cleaned paths relative
 * to the context, `*` and `?` stay within one path segment, `**` spans any number of segments,
 * `!` lets a path back in, the last pattern that matches wins, and a pattern that matches a
 * parent directory matches everything below it.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";

interface Pattern {
  readonly text: string;
  readonly exclusion: boolean;
  readonly regexp: RegExp;
}

export interface DockerIgnore {
  readonly patterns: readonly { text: string; exclusion: boolean }[];
  /** True when the build context leaves this path (relative, `/`-separated) out. */
  excludes(path: string): boolean;
}

function toRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*" && pattern[i + 1] === "*") {
      i++;
      if (pattern[i + 1] === "/") {
        // `**/` matches zero or more whole segments.
        i++;
        source += "(?:.*/)?";
      } else {
        source += ".*";
      }
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else if (char === "[") {
      const end = pattern.indexOf("]", i);
      if (end < 0) throw new Error(`.dockerignore pattern "${pattern}" has an unclosed [`);
      source += `[${pattern.slice(i + 1, end).replace(/^!/, "^")}]`;
      i = end;
    } else if (char === "\\") {
      source += `\\${pattern[++i] ?? "\\"}`;
    } else {
      source += char.replace(/[.+^${}()|\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

export function parseDockerIgnore(content: string): DockerIgnore {
  const patterns: Pattern[] = [];
  for (const raw of content.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const exclusion = line.startsWith("!");
    if (exclusion) line = line.slice(1).trim();
    const text = posix.normalize(line).replace(/^\/+/, "").replace(/\/+$/, "");
    patterns.push({ text, exclusion, regexp: toRegExp(text) });
  }

  return {
    patterns: patterns.map(({ text, exclusion }) => ({ text, exclusion })),
    excludes(path: string): boolean {
      const clean = posix.normalize(path).replace(/^\/+/, "").replace(/\/+$/, "");
      const segments = clean.split("/");
      const parents = segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join("/"));
      let matched = false;
      for (const pattern of patterns) {
        // Only a pattern that could change the outcome is looked at (as Docker does).
        if (pattern.exclusion !== matched) continue;
        const match = pattern.regexp.test(clean) || parents.some((parent) => pattern.regexp.test(parent));
        if (match) matched = !pattern.exclusion;
      }
      return matched;
    },
  };
}

export function readDockerIgnore(path: string): DockerIgnore {
  return parseDockerIgnore(readFileSync(path, "utf8"));
}

/**
 * The files a build context sends: every file under `root` that the patterns let through,
 * as relative paths. Directories that are left out entirely are not walked (node_modules, .git)
 * unless a later `!` pattern could let something inside them back in.
 */
export function contextFiles(root: string, ignore: DockerIgnore, dir = ""): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      const reincludable = ignore.patterns.some((pattern) => pattern.exclusion && pattern.text.startsWith(`${path}/`));
      if (ignore.excludes(path) && !reincludable) continue;
      files.push(...contextFiles(root, ignore, path));
    } else if (!ignore.excludes(path)) {
      files.push(path);
    }
  }
  return files;
}
