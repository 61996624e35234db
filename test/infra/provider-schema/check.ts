/**
 * `npm run check:terraform`: every resource, data source and ephemeral block
 * under terraform/ against provider-schema.json, then `terraform fmt -check
 * -recursive` when a terraform binary is on PATH. Offline: no provider is
 * downloaded, so this is the name check that `terraform validate` would do.
 *
 *   npx tsx test/infra/provider-schema/check.ts [terraform directory]
 */
import path from "node:path";
import { tfFilesBelow } from "../terraform/hcl.js";
import { findTerraform, runTerraform } from "../terraform/terraform-cli.js";
import { checkTerraformFiles, formatProblem } from "./checker.js";
import { PROVIDER_SCHEMA_FILE, SCHEMA_KINDS, loadProviderSchema } from "./schema.js";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const terraformDir = path.resolve(process.argv[2] ?? path.join(repoRoot, "terraform"));

const schema = loadProviderSchema();
const files = tfFilesBelow(terraformDir);
const problems = await checkTerraformFiles(files, schema, path.dirname(terraformDir));
const covered = SCHEMA_KINDS.map((kind) => `${Object.keys(schema[kind]).length} ${kind}`).join(", ");
const versions = Object.entries(schema.providers)
  .map(([name, info]) => `${name} ${info.version}`)
  .join(", ");
let failed = false;

if (problems.length > 0) {
  failed = true;
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(`provider schema: ${problems.length} problem(s) in ${files.length} files (schema: ${path.relative(repoRoot, PROVIDER_SCHEMA_FILE)})`);
} else {
  console.log(`provider schema: ${files.length} files OK against ${covered} types (${versions})`);
}

const terraform = findTerraform();
if (!terraform) {
  console.log("terraform fmt -check: SKIPPED, no terraform binary on PATH");
} else {
  const fmt = runTerraform(terraform, ["fmt", "-check", "-recursive", "-diff", "-no-color", terraformDir], repoRoot);
  if (fmt.status === 0) {
    console.log(`terraform fmt -check: OK (Terraform v${terraform.version})`);
  } else {
    failed = true;
    console.error(`terraform fmt -check: these files need \`terraform fmt -recursive ${path.relative(repoRoot, terraformDir)}\`:\n${fmt.output}`);
  }
}

process.exitCode = failed ? 1 : 0;
