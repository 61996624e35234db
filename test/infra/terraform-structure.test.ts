/**
 * Offline checks of terraform/ (no Azure, no provider download): the HCL is
 * parsed with @cdktf/hcl2json and the modules are checked to hang together.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MODULE_META_ARGUMENTS, isObject, localSourceDir, nestedBlock, nestedBlocks, parseHclFile, referencesIn, tfFilesBelow } from "./terraform/hcl.js";
import { type TerraformContext, label, repoRoot, terraformContext, terraformDir } from "./terraform/context.js";
import { dynamicBlockLabels, expressionSites, variableReferences } from "./terraform/references.js";

/** Resource attributes that carry credentials; outputs built from them must be sensitive. */
const SECRET_ATTRIBUTE = /(^|\.)(kube_config|kube_config_raw|kube_admin_config|kube_admin_config_raw|client_key|client_certificate|password|admin_password|primary_access_key|secondary_access_key|primary_connection_string|secondary_connection_string)(\.|$)/;
const BUILTIN_REFERENCE_ROOTS = new Set(["each", "count", "path", "terraform", "self"]);
const MODULES = ["networking", "aks-cluster", "key-vault", "monitoring", "container-registry", "entra-app", "staff-dns", "devops-pool"];

let tf: TerraformContext;
beforeAll(async () => {
  tf = await terraformContext();
});

describe("terraform/ parses and hangs together", () => {
  it("parses every .tf file with the HCL parser", async () => {
    const files = tfFilesBelow(terraformDir);
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const file of files) {
      await expect(parseHclFile(file), path.relative(repoRoot, file)).resolves.toBeTypeOf("object");
    }
  });

  it("reaches every module directory under terraform/modules from the root module", () => {
    const onDisk = new Set(tfFilesBelow(path.join(terraformDir, "modules")).map((file) => path.dirname(file)));
    const reached = new Set(tf.config.modules.keys());
    expect([...onDisk].filter((dir) => !reached.has(dir)).map((dir) => path.relative(repoRoot, dir))).toEqual([]);
    for (const dir of MODULES) expect(reached.has(path.join(terraformDir, "modules", dir)), `terraform/modules/${dir}`).toBe(true);
  });

  it("keeps each module's code in main.tf, variables.tf, outputs.tf and versions.tf (more main.<concern>.tf files as needed)", () => {
    for (const module of tf.config.modules.values()) {
      const names = module.files.map((file) => path.basename(file));
      for (const required of ["main.tf", "variables.tf", "outputs.tf", "versions.tf"]) expect(names, `${label(module)}/${required}`).toContain(required);
      const unexpected = names.filter((name) => !/^(main|variables|outputs|versions|locals|providers|backend)(\.[a-z-]+)?\.tf$/.test(name));
      expect(unexpected, `${label(module)}: files are named by concern`).toEqual([]);
    }
  });

  it("passes every required variable to each module call and no undeclared one", () => {
    const problems: string[] = [];
    for (const module of tf.config.modules.values()) {
      for (const [name, call] of module.moduleCalls) {
        const dir = localSourceDir(module, call);
        const child = dir ? tf.config.modules.get(dir) : undefined;
        if (!child) {
          problems.push(`${label(module)}: module "${name}" has source ${JSON.stringify(call.source)}, which is not a local module directory`);
          continue;
        }
        const passed = new Set(Object.keys(call).filter((key) => !MODULE_META_ARGUMENTS.has(key)));
        for (const [variable, block] of child.variables) {
          if (!("default" in block) && !passed.has(variable)) problems.push(`${label(module)}: module "${name}" does not pass required variable "${variable}" of ${label(child)}`);
        }
        for (const argument of passed) {
          if (!child.variables.has(argument)) problems.push(`${label(module)}: module "${name}" passes "${argument}", which ${label(child)} does not declare`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("declares every var, local, module output, data source, ephemeral and resource that is referenced", async () => {
    const problems: string[] = [];
    for (const module of tf.config.modules.values()) {
      const dynamicLabels = dynamicBlockLabels(module);
      for (const { where, value } of expressionSites(module)) {
        for (const reference of await referencesIn(value)) {
          const [head, second, third] = reference.split(".");
          const at = `${label(module)}: ${where}`;
          if (second === undefined || BUILTIN_REFERENCE_ROOTS.has(head!) || dynamicLabels.has(head!)) continue;
          if (head === "var") {
            if (!module.variables.has(second)) problems.push(`${at} uses var.${second}, which is not declared`);
          } else if (head === "local") {
            if (!module.locals.has(second)) problems.push(`${at} uses local.${second}, which is not declared`);
          } else if (head === "module") {
            const call = module.moduleCalls.get(second);
            const dir = call ? localSourceDir(module, call) : undefined;
            const child = dir ? tf.config.modules.get(dir) : undefined;
            if (!call) problems.push(`${at} uses module.${second}, which is not called`);
            else if (third !== undefined && child && !child.outputs.has(third)) problems.push(`${at} uses module.${second}.${third}, but ${label(child)} has no output "${third}"`);
          } else if (head === "data") {
            if (!module.dataSources.has(`${second}.${third}`)) problems.push(`${at} uses data.${second}.${third}, which is not declared`);
          } else if (head === "ephemeral") {
            if (!module.ephemeralResources.has(`${second}.${third}`)) problems.push(`${at} uses ephemeral.${second}.${third}, which is not declared`);
          } else if (!module.resources.has(`${head}.${second}`)) {
            problems.push(`${at} uses ${reference}, but there is no resource ${head}.${second}`);
          }
        }
      }
      for (const [name, variable] of module.variables) {
        for (const reference of await referencesIn(nestedBlocks(variable, "validation"))) {
          if (reference.split(".").slice(0, 2).join(".") !== `var.${name}`) {
            problems.push(`${label(module)}: the validation of variable "${name}" refers to ${reference}; rules across variables belong in a precondition`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("uses every variable a module declares (the old modules took subnet and NSG ids and ignored them)", async () => {
    const problems: string[] = [];
    for (const module of tf.config.modules.values()) {
      const used = await variableReferences(module);
      for (const name of module.variables.keys()) if (!used.has(name)) problems.push(`${label(module)}: variable "${name}" is declared but never used`);
    }
    expect(problems).toEqual([]);
  });

  it("gives every variable a type and a description", () => {
    const problems: string[] = [];
    for (const module of tf.config.modules.values()) {
      for (const [name, variable] of module.variables) {
        if (typeof variable.type !== "string" || variable.type === "") problems.push(`${label(module)}: variable "${name}" has no type`);
        if (typeof variable.description !== "string" || variable.description.trim().length < 10) problems.push(`${label(module)}: variable "${name}" has no real description`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("guards every variable that can hold a bad value with a validation block", () => {
    const problems: string[] = [];
    for (const module of tf.config.modules.values()) {
      for (const [name, variable] of module.variables) {
        if (variable.type === "${bool}" || name === "tags") continue;
        const validations = nestedBlocks(variable, "validation");
        if (validations.length === 0) problems.push(`${label(module)}: variable "${name}" has no validation block`);
        for (const validation of validations) {
          if (typeof validation.error_message !== "string" || validation.error_message.length < 20) {
            problems.push(`${label(module)}: variable "${name}" has a validation without a helpful error_message`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("marks outputs that carry credentials as sensitive, also when passed up from a child module", async () => {
    const problems: string[] = [];
    // Children first, so that a parent can see which child outputs are sensitive.
    const ordered = [...tf.config.modules.values()].sort((a, b) => b.dir.length - a.dir.length);
    for (const module of ordered) {
      for (const [name, output] of module.outputs) {
        const carriesSecret = [];
        for (const reference of await referencesIn(output.value)) {
          const [head, callName, outputName] = reference.split(".");
          if (head === "module" && callName && outputName) {
            if (tf.childOf(module, callName).outputs.get(outputName)?.sensitive === true) carriesSecret.push(reference);
          } else if (SECRET_ATTRIBUTE.test(reference) || /^var\.\w*(pfx|password|secret)/.test(reference)) {
            carriesSecret.push(reference);
          }
        }
        if (carriesSecret.length > 0 && output.sensitive !== true) problems.push(`${label(module)}: output "${name}" exposes ${carriesSecret.join(", ")} without sensitive = true`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("pins Terraform >= 1.11 and each provider to one major range, the same in every module", () => {
    const constraints = new Map<string, Set<string>>();
    for (const module of tf.config.modules.values()) {
      const terraform = module.terraformBlocks.find((block) => "required_version" in block || "required_providers" in block);
      expect(terraform, `${label(module)} has a terraform { required_version, required_providers } block`).toBeDefined();
      expect(terraform!.required_version, label(module)).toMatch(/^>=\s*1\.(1[1-9]|[2-9]\d)(\.\d+)?$/);
      for (const [name, requirement] of Object.entries(nestedBlock(terraform!, "required_providers"))) {
        const version = isObject(requirement) ? String(requirement.version) : "";
        expect(version, `${label(module)}: provider ${name} "${version}" names a floor and stays below the next major`).toMatch(/^>=\s*(\d+)\.\d+\.\d+\s*,\s*<\s*\d+\.0\.0$/);
        constraints.set(name, new Set([...(constraints.get(name) ?? []), `${isObject(requirement) ? String(requirement.source) : ""} ${version}`]));
      }
    }
    expect([...constraints.keys()].sort()).toEqual(["azapi", "azuread", "azurerm", "random", "time"]);
    for (const [name, used] of constraints) expect([...used], `all modules use the same source and constraint for ${name}`).toHaveLength(1);
    expect([...constraints.get("azurerm")!][0]).toMatch(/^hashicorp\/azurerm >= 4\.\d+\.\d+, < 5\.0\.0$/);
  });

  it("leaves the remote state backend to be configured at init time", () => {
    const backends = tf.config.root.terraformBlocks.flatMap((block) => (isObject(block.backend) ? Object.entries(block.backend) : []));
    expect(backends.map(([kind]) => kind)).toEqual(["azurerm"]);
    const [, settings] = backends[0]!;
    expect(settings, "backend settings come from -backend-config, not from the code").toEqual([{}]);
    expect(existsSync(path.join(terraformDir, "backend.hcl.example"))).toBe(true);
  });
});
