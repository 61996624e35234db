/**
 * The Azure Pipelines files as files, checked offline: they parse and pass the official schema
 * (deprecated tasks refused, the inputs the schema lacks checked against the task reference);
 * every npm script, file, script, secure file, variable group and variable they name exists or is
 * documented; connections are named by compile-time variables and use workload identity federation.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PipelineSchema, pipelineFiles, schemaPath, validateFile } from "../../pipelines/validate-pipelines.js";
import { TASK_INPUTS_MISSING_FROM_SCHEMA, describedTasks, taskNames } from "../../pipelines/task-inputs.js";
import { REPO_ROOT } from "./dockerfile.js";
import { CONNECTION_INPUTS, RUN, deployGuide, infra, pipelines, scratch } from "./pipeline-fixtures.js";
import { type Node, PIPELINES_DIR, PREDEFINED, allSteps, expand, inputs, jobsOf, macrosIn, scriptOf, stagesOf, stringsIn, tasks, variablesOf } from "./pipelines.js";

const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
const work = scratch("orders-pipeline-files-");

describe("pipeline files", () => {
  it("are the two pipelines, and each parses as YAML without duplicate keys", () => {
    expect(pipelineFiles().map((file) => basename(file))).toEqual(Object.keys(pipelines).sort());
  });

  it("run on main and on pull requests to main", () => {
    for (const [name, pipeline] of Object.entries(pipelines)) {
      const trigger = pipeline.trigger as Node;
      const pr = pipeline.pr as Node;
      expect((trigger.branches as Node).include, name).toEqual(["main"]);
      expect((pr.branches as Node).include, name).toEqual(["main"]);
    }
  });

  it("use no version 1 of the coverage task (deprecated), and no other task the schema marks deprecated", () => {
    const used = Object.values(pipelines).flatMap((pipeline) => allSteps(pipeline).map(({ step }) => step.task).filter((task): task is string => typeof task === "string"));
    expect(used).toContain("PublishCodeCoverageResults@2");
    expect(used).not.toContain("PublishCodeCoverageResults@1");
  });

  const schemaAvailable = existsSync(schemaPath());
  describe.skipIf(!schemaAvailable)("against the official Azure Pipelines schema", () => {
    let schema: PipelineSchema;
    let official: Record<string, unknown>;
    beforeAll(() => {
      schema = PipelineSchema.fromFile(schemaPath());
      official = JSON.parse(readFileSync(schemaPath(), "utf8")) as Record<string, unknown>;
    });

    const validate = (text: string): string[] => {
      const file = join(work(), "candidate.yml");
      writeFileSync(file, text);
      return validateFile(schema, file).map((problem) => `${problem.path}: ${problem.message}`);
    };

    it("are valid", () => {
      for (const file of Object.keys(pipelines)) expect(validateFile(schema, join(PIPELINES_DIR, file)), file).toEqual([]);
    });

    it("and a mistake is reported at its place, with the alternatives that came closest", () => {
      const problems = validate(
        readFileSync(join(PIPELINES_DIR, "azure-pipelines.yml"), "utf8")
          .replace("testResultsFiles:", "testResultFiles:")
          .replace("task: KubeloginInstaller@0", "task: KubeloginInstallr@0")
          .replace("          - script: npm ci --no-audit --no-fund", "          - scirpt: npm ci --no-audit --no-fund"),
      );
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^\/stages\/0\/jobs\/0\/steps\/\d+: unexpected property 'scirpt'$/),
          expect.stringMatching(/^\/stages\/0\/jobs\/0\/steps\/\d+\/inputs: unexpected property 'testResultFiles'$/),
          expect.stringMatching(/^\/stages\/2\/jobs\/0\/strategy\/runOnce\/deploy\/steps\/\d+\/task: is not one of the \d+ allowed values/),
        ]),
      );
      expect(problems).toHaveLength(3);
    });

    it("refuse a task the schema marks deprecated, naming it", () => {
      const problems = validate(
        readFileSync(join(PIPELINES_DIR, "azure-pipelines.yml"), "utf8").replace(
          /task: PublishCodeCoverageResults@2[\s\S]*?failIfCoverageEmpty: true/,
          "task: PublishCodeCoverageResults@1\n            inputs:\n              codeCoverageTool: Cobertura\n              summaryFileLocation: coverage/cobertura-coverage.xml",
        ),
      );
      expect(problems).toEqual([expect.stringMatching(/^\/stages\/0\/jobs\/0\/steps\/\d+\/task: PublishCodeCoverageResults@1 is deprecated/)]);
    });

    it("check PublishCodeCoverageResults@2, which the schema names without inputs, against its task reference", () => {
      // The schema alone refuses every use of it; that is why the validator adds its documented inputs.
      expect(describedTasks(official).has("PublishCodeCoverageResults@2")).toBe(false);
      const pipeline = readFileSync(join(PIPELINES_DIR, "azure-pipelines.yml"), "utf8");
      // Version 1's inputs are gone in version 2; summaryFileLocation is required.
      expect(validate(pipeline.replace("failIfCoverageEmpty: true", "reportDirectory: coverage"))).toEqual([
        expect.stringMatching(/^\/stages\/0\/jobs\/0\/steps\/\d+\/inputs: unexpected property 'reportDirectory'$/),
      ]);
      expect(validate(pipeline.replace(/summaryFileLocation: .*\n/, ""))).toEqual([
        expect.stringMatching(/^\/stages\/0\/jobs\/0\/steps\/\d+\/inputs: missing required property 'summaryFileLocation'$/),
      ]);
    });

    it("fill in only what the schema lacks: each documented task is named by the schema, not deprecated, and not described by it", () => {
      const named = new Map(taskNames(official).map((entry) => [entry.name, entry]));
      for (const task of Object.keys(TASK_INPUTS_MISSING_FROM_SCHEMA)) {
        expect(named.has(task), `${task} is in the schema's list of tasks`).toBe(true);
        expect(named.get(task)!.deprecationMessage, task).toBeUndefined();
        expect(describedTasks(official).has(task), `the schema now describes ${task}: remove it from TASK_INPUTS_MISSING_FROM_SCHEMA`).toBe(false);
      }
    });
  });
  if (!schemaAvailable) console.warn(`pipeline schema validation NOT RUN: ${schemaPath()} is absent (set AZURE_PIPELINES_SCHEMA)`);
});

describe("what the pipelines name exists", () => {
  const steps = Object.values(pipelines).flatMap(allSteps);

  it("every npm script they run is in package.json", () => {
    const commands = steps.map(({ step }) => scriptOf(step)).filter((text): text is string => text !== undefined);
    const used = commands.flatMap((text) => [...text.matchAll(/\bnpm run ([\w:-]+)/g)].map((match) => match[1]!));
    const npmTest = commands.filter((text) => /\bnpm test\b/.test(text));
    expect(used.length + npmTest.length).toBeGreaterThan(0);
    for (const script of used) expect(packageJson.scripts, `npm run ${script}`).toHaveProperty(script);
    if (npmTest.length > 0) expect(packageJson.scripts).toHaveProperty("test");
  });

  it("every repository file and folder they name exists, and every script they run is executable and parses", () => {
    const named = new Set<string>();
    for (const { step, variables } of steps) {
      const text = scriptOf(step);
      if (text) for (const match of text.matchAll(/(?:^|[\s"'])((?:pipelines|terraform|cdk8s|server|client|test)\/[\w./-]+)/g)) named.add(match[1]!);
      const values = { ...RUN, ...variables };
      for (const [name, value] of Object.entries({ ...inputs(step), ...(step.workingDirectory ? { workingDirectory: String(step.workingDirectory) } : {}) })) {
        if (!["Dockerfile", "buildContext", "scriptPath", "workingDirectory"].includes(name)) continue;
        const path = expand(value, values);
        expect(path.startsWith(RUN["Build.SourcesDirectory"]!), `${name}: ${value}`).toBe(true);
        named.add(relative(REPO_ROOT, path) || ".");
      }
    }
    expect([...named]).toEqual(expect.arrayContaining(["Dockerfile", "terraform", "pipelines/scripts/terraform.sh", "pipelines/scripts/pushed-image.sh"]));
    for (const path of named) {
      expect(existsSync(join(REPO_ROOT, path)), path).toBe(true);
      if (path.endsWith(".sh")) {
        expect(statSync(join(REPO_ROOT, path)).mode & 0o111, `${path} is not executable`).not.toBe(0);
        expect(spawnSync("bash", ["-n", join(REPO_ROOT, path)]).status, `bash -n ${path}`).toBe(0);
      }
    }
  });

  it("every secure file and variable group they use is described in DEPLOY.md", () => {
    const infraVariables = variablesOf(infra).values;
    for (const { step } of tasks(infra, "DownloadSecureFile@1")) {
      const name = expand(inputs(step).secureFile!, infraVariables);
      expect(deployGuide, `secure file ${name}`).toContain(name);
    }
    const groups = Object.values(pipelines).flatMap((pipeline) => [pipeline, ...stagesOf(pipeline), ...stagesOf(pipeline).flatMap(jobsOf)].flatMap((scope) => variablesOf(scope).groups));
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(deployGuide, `variable group ${group}`).toContain(group);
  });

  it("every variable they read that the YAML does not define is a predefined one, a step output, or documented in DEPLOY.md", () => {
    for (const [file, pipeline] of Object.entries(pipelines)) {
      const defined = new Set<string>();
      for (const scope of [pipeline, ...stagesOf(pipeline), ...stagesOf(pipeline).flatMap(jobsOf)]) {
        for (const name of Object.keys(variablesOf(scope).values)) defined.add(name);
      }
      const stepNames = new Set(allSteps(pipeline).map(({ step }) => step.name).filter((name): name is string => typeof name === "string"));
      const fromGroups = new Set(
        stringsIn(pipeline)
          .flatMap(macrosIn)
          .filter((name) => !defined.has(name) && !PREDEFINED.test(name) && !stepNames.has(name.split(".")[0]!)),
      );
      for (const name of fromGroups) expect(deployGuide, `${file}: $(${name}) is documented`).toMatch(new RegExp(`\\|\\s*\`${name}\`\\s*\\|`));

      // And a stage that reads them links a variable group (else they stay literal "$(name)" on the agent).
      for (const stage of stagesOf(pipeline)) {
        const reads = stringsIn(stage).flatMap(macrosIn).filter((name) => fromGroups.has(name));
        const linked = [pipeline, stage, ...jobsOf(stage)].some((scope) => variablesOf(scope).groups.length > 0);
        if (reads.length > 0) expect(linked, `${file}: stage ${stage.stage} reads ${reads.join(", ")} without a variable group`).toBe(true);
      }
    }
  });
});

describe("service connections", () => {
  it("are named by variables defined in the YAML (known when the run is authorised), and use workload identity federation", () => {
    const used: string[] = [];
    for (const [file, pipeline] of Object.entries(pipelines)) {
      const defined = variablesOf(pipeline).values;
      for (const { step } of allSteps(pipeline)) {
        for (const [name, value] of Object.entries(inputs(step))) {
          if (!CONNECTION_INPUTS.includes(name)) continue;
          const [variable] = /^\$\((\w+)\)$/.exec(value)?.slice(1) ?? [];
          expect(variable, `${file}: ${step.task} ${name}: ${value}`).toBeDefined();
          expect(defined[variable!], `${file}: ${variable} is defined in the YAML`).toMatch(/\S/);
          used.push(defined[variable!]!);
        }
      }
    }
    expect(new Set(used)).toEqual(new Set(["orders-acr", "orders-aks", "orders-terraform", "orders-terraform-plan"]));
    for (const name of used) expect(deployGuide).toContain(`\`${name}\``);
    expect(deployGuide).toMatch(/workload identity federation/i);
    expect(stringsIn(pipelines).join("\n")).not.toMatch(/client_?secret|password\s*:/i);
  });

  it("that can change anything admit main only (Branch control), as DEPLOY.md sets them up", () => {
    const section = /### 2\.2 [^\n]*\n([\s\S]*?)\n### /.exec(deployGuide)?.[1] ?? "";
    expect(section).toMatch(/Branch control/);
    expect(section).toContain("refs/heads/main");
    for (const name of ["orders-terraform", "orders-aks", "orders-acr"]) expect(section, name).toContain(`\`${name}\``);
  });
});
