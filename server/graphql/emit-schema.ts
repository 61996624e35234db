/** `npm run schema`: prints the schema the code defines into schema.graphql (committed; a test fails when it is stale). */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printOrdersSchema } from "./schema.js";

const target = fileURLToPath(new URL("../../../schema.graphql", import.meta.url));
writeFileSync(target, await printOrdersSchema());
process.stdout.write(`wrote ${target}\n`);
