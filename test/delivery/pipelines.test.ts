/**
 * The Azure Pipelines files, checked offline: they parse and pass the official schema; every npm
 * script, file and script they name exists; the tests run as the README says on the image's Node;
 * the image the Build stage pushes is, tag and digest, the one the Deploy stage synthesises and
 * applies (followed through the real scripts and the real cdk8s synthesis); connections use
 * compile-time variables; Terraform plans on pull requests and applies on main after approval.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { loadConfig } from "../../cdk8s/config.js";
import { NAMESPACE } from "../../cdk8s/names.js";
import { PipelineSchema, pipelineFiles, schemaPath, validateFile } from "../../pipelines/validate-pipelines.js";
import { REPO_ROOT, baseImageOf, readDockerfile } from "./dockerfile.js";
import {
  type Node,
  PIPELINES_DIR,
  PREDEFINED,
  allSteps,
  expand,
  inputs,
  jobName,
  jobsOf,
  list,
  loadPipeline,
  macrosIn,
  scriptOf,
  stageNamed,
  stagesOf,
  stepsOfJob,
  stringsIn,
  tasks,
  variablesOf,
} from "./pipelines.js";

const app = loadPipeline("azure-pipelines.yml");
const infra = loadPipeline("infra.yml");
const pipelines = { "azure-pipelines.yml": app, "infra.yml": infra };
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
const deployGuide = readFileSync(join(PIPELINES_DIR, "DEPLOY.md"), "utf8");

const COMMIT = "3f2c1ab9d0e4c5b6a7f8091a2b3c4d5e6f708192";
/** What a run would see: predefined variables, and the variable group as DEPLOY.md has it filled from Terraform. */
const RUN: Record<string, string> = {
  "Build.SourceVersion": COMMIT,
  "Build.SourcesDirectory": REPO_ROOT.replace(/\/$/, ""),
  "System.DefaultWorkingDirectory": REPO_ROOT.replace(/\/$/, ""),
  containerRegistryLoginServer: "acrordersprod001.azurecr.io",
  keyVaultUrl: "https://kv-orders-prod-001.vault.azure.net/",
  appIdentityClientId: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
  aksResourceGroup: "rg-orders-prod",
  aksClusterName: "aks-orders-prod",
  oidcIssuer: "https://login.microsoftonline.com/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/v2.0",
  oidcClientId: "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809",
  oidcAudience: "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809",
  publicUrl: "https://orders.retail.example.com",
};

/** Task inputs that name a service connection. */
const CONNECTION_INPUTS = ["containerRegistry", "azureSubscription", "azureSubscriptionConnection", "kubernetesServiceConnection", "dockerRegistryEndpoint"];

function only<T>(items: T[], what: string): T {
  expect(items, what).toHaveLength(1);
  return items[0]!;
}

function deployment(pipeline: Node, stage: string): Node {
  return only(jobsOf(stageNamed(pipeline, stage)).filter((job) => job.deployment), `${stage}: one deployment job`);
}

/** `${{ variables.name }}` with the pipeline's own variables: what the environment name compiles to. */
function compileTime(pipeline: Node, text: string): string {
  const values = variablesOf(pipeline).values;
  return text.replace(/\$\{\{\s*variables\.([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`\${{ variables.${name} }} is not a variable defined in the YAML`);
    return values[name]!;
  });
}

/** `$[ stageDependencies.S.J.outputs['step.var'] ]` → its parts. */
function stageDependency(expression: string): { stage: string; job: string; step: string; variable: string } {
  const match = /^\$\[\s*stageDependencies\.(\w+)\.(\w+)\.outputs\['(\w+)\.(\w+)'\]\s*\]$/.exec(expression.trim());
  if (!match) throw new Error(`not a stageDependencies output reference: ${expression}`);
  const [, stage, job, step, variable] = match;
  return { stage: stage!, job: job!, step: step!, variable: variable! };
}

/** The output variables a script sets with ##vso[task.setvariable ...;isOutput=true]. */
function outputVariablesSetBy(script: string): string[] {
  return [...readFileSync(join(REPO_ROOT, script), "utf8").matchAll(/task\.setvariable variable=(\w+);isOutput=true/g)].map((match) => match[1]!);
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "orders-pipelines-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A `docker` that runs `body` (bash), in its own folder under the work dir: the PATH that finds it first. */
function fakeDocker(folder: string, body: string): string {
  const bin = join(work, folder);
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "docker"), `#!/usr/bin/env bash\n${body}`);
  chmodSync(join(bin, "docker"), 0o755);
  return `${bin}:${process.env.PATH}`;
}

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

  const schemaAvailable = existsSync(schemaPath());
  describe.skipIf(!schemaAvailable)("against the official Azure Pipelines schema", () => {
    let schema: PipelineSchema;
    beforeAll(() => {
      schema = PipelineSchema.fromFile(schemaPath());
    });

    it("are valid", () => {
      for (const file of Object.keys(pipelines)) expect(validateFile(schema, join(PIPELINES_DIR, file)), file).toEqual([]);
    });

    it("and a mistake is reported at its place, with the alternatives that came closest", () => {
      const broken = readFileSync(join(PIPELINES_DIR, "azure-pipelines.yml"), "utf8")
        .replace("testResultsFiles:", "testResultFiles:")
        .replace("task: KubernetesManifest@1", "task: KubernetesManifests@1")
        .replace("          - script: npm ci --no-audit --no-fund", "          - scirpt: npm ci --no-audit --no-fund");
      const file = join(work, "broken.yml");
      writeFileSync(file, broken);
      const problems = validateFile(schema, file).map((problem) => `${problem.path}: ${problem.message}`);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^\/stages\/0\/jobs\/0\/steps\/\d+: unexpected property 'scirpt'$/),
          expect.stringMatching(/^\/stages\/0\/jobs\/0\/steps\/\d+\/inputs: unexpected property 'testResultFiles'$/),
          expect.stringMatching(/^\/stages\/2\/jobs\/0\/strategy\/runOnce\/deploy\/steps\/\d+\/task: is not one of the \d+ allowed values/),
        ]),
      );
      expect(problems).toHaveLength(3);
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

describe("azure-pipelines.yml", () => {
  it("runs Test, then Build, then Deploy", () => {
    expect(stagesOf(app).map((stage) => [stage.stage, stage.dependsOn ?? null])).toEqual([
      ["Test", null],
      ["Build", "Test"],
      ["Deploy", "Build"],
    ]);
  });

  describe("Test stage", () => {
    const test = only(jobsOf(stageNamed(app, "Test")), "one test job");
    const steps = stepsOfJob(test);
    const variables = variablesOf(test).values;

    it("runs on the Node release the image is built on", () => {
      const dockerfile = readDockerfile();
      const [image] = new Set(dockerfile.stages.map((stage) => baseImageOf(dockerfile, stage)));
      const nodeVersion = /^node:(\d+\.\d+\.\d+)-/.exec(image!)?.[1];
      const specs = allSteps(app).filter(({ step }) => step.task === "NodeTool@0").map(({ step, variables: scope }) => expand(inputs(step).versionSpec!, scope));
      expect(specs.length).toBeGreaterThan(0);
      for (const spec of specs) expect(spec).toBe(nodeVersion);
    });

    it("installs with npm ci, then runs the README's test command with CI=true", () => {
      const readmeCommand = /\nTests:\s*\n\s*\n\s{4}(.+)\n/.exec(readFileSync(join(REPO_ROOT, "README.md"), "utf8"))?.[1]?.trim();
      expect(readmeCommand).toBe("npm test");
      const commands = steps.map(scriptOf).filter((text): text is string => text !== undefined);
      const install = commands.findIndex((text) => /^npm ci\b/.test(text));
      const run = commands.findIndex((text) => text === readmeCommand || text.startsWith(`${readmeCommand} -- `));
      expect(install).toBeGreaterThanOrEqual(0);
      expect(run).toBeGreaterThan(install);
      expect(variables.CI).toBe("true");
    });

    it("gives the PostgreSQL suites a real server and the browser suite Chromium, where the tests look for them", () => {
      const services = test.services as Node;
      const container = only(
        list((app.resources as Node).containers).filter((candidate) => candidate.container === Object.values(services)[0]),
        "the service container",
      );
      expect(container.image).toMatch(/^postgres:\d+/);
      expect(container.ports).toContain("5432:5432");
      expect((container.env as Node).POSTGRES_HOST_AUTH_METHOD).toBe("trust");
      expect(variables.TEST_POSTGRES_URL).toBe(`postgres://postgres@127.0.0.1:5432/${(container.env as Node).POSTGRES_DB}`);
      expect(readFileSync(join(REPO_ROOT, "test/support/databases.ts"), "utf8")).toContain("process.env.TEST_POSTGRES_URL");
      expect(variables.CHROMIUM_PATH).toBe("/usr/bin/chromium");
      expect(readFileSync(join(REPO_ROOT, "test/e2e/browser.ts"), "utf8")).toContain("process.env.CHROMIUM_PATH");
    });

    it("publishes the JUnit file vitest writes and the Cobertura coverage it measures, pass or fail", () => {
      const vitestConfig = readFileSync(join(REPO_ROOT, "vitest.config.ts"), "utf8");
      const junit = /junit:\s*"([^"]+)"/.exec(vitestConfig)?.[1];
      const results = only(steps.filter((step) => step.task === "PublishTestResults@2"), "PublishTestResults@2");
      expect(inputs(results)).toMatchObject({ testResultsFormat: "JUnit", testResultsFiles: junit });
      expect(results.condition).toBe("succeededOrFailed()");

      const testCommand = steps.map(scriptOf).find((text) => text?.startsWith("npm test"))!;
      expect(testCommand).toContain("--coverage.enabled");
      expect(testCommand).toContain("--coverage.reporter=cobertura");
      const coverage = only(steps.filter((step) => String(step.task).startsWith("PublishCodeCoverageResults@")), "coverage publishing");
      // vitest's default reports directory and the Cobertura reporter's file name.
      expect(expand(inputs(coverage).summaryFileLocation!, RUN)).toBe(join(REPO_ROOT, "coverage", "cobertura-coverage.xml"));
      expect(inputs(coverage).codeCoverageTool).toBe("Cobertura");
      expect(coverage.condition).toBe("succeededOrFailed()");
    });
  });

  describe("the image: built once, tagged with the commit, deployed by digest", () => {
    const build = stageNamed(app, "Build");
    const buildJob = only(jobsOf(build), "one build job");
    const buildSteps = stepsOfJob(buildJob);
    const scope = { ...RUN, ...variablesOf(app).values, ...variablesOf(build).values };
    const push = only(buildSteps.filter((step) => step.task === "Docker@2" && inputs(step).command === "buildAndPush"), "Docker@2 buildAndPush");
    const pushInputs = inputs(push);
    const pushed = `${RUN.containerRegistryLoginServer}/${expand(pushInputs.repository!, scope)}:${expand(pushInputs.tags!, scope)}`;

    it("pushes one tag, the commit, to the registry of a service connection named by a variable", () => {
      expect(pushInputs.tags).toBe("$(imageTag)");
      expect(expand(pushInputs.tags!, scope)).toBe(COMMIT);
      expect(pushInputs.containerRegistry).toBe("$(registryServiceConnection)");
      expect(push.condition).toMatch(/ne\(variables\['Build.Reason'\], 'PullRequest'\)/);
      expect(expand(pushInputs.Dockerfile!, scope)).toBe(join(REPO_ROOT, "Dockerfile"));
    });

    it("builds the same image name on pull requests, without pushing", () => {
      const prBuild = only(buildSteps.filter((step) => step.task === "Docker@2" && inputs(step).command === "build"), "Docker@2 build");
      expect(`${expand(inputs(prBuild).repository!, scope)}:${expand(inputs(prBuild).tags!, scope)}`).toBe(pushed);
      expect(inputs(prBuild).containerRegistry).toBeUndefined();
      expect(prBuild.condition).toMatch(/eq\(variables\['Build.Reason'\], 'PullRequest'\)/);
    });

    it("smoke-tests and records exactly the image Docker@2 made", () => {
      for (const script of ["pipelines/scripts/smoke-test-image.sh", "pipelines/scripts/pushed-image.sh"]) {
        const step = only(buildSteps.filter((candidate) => scriptOf(candidate)?.startsWith(script)), script);
        expect(expand(scriptOf(step)!, scope)).toBe(`${script} "${pushed}"`);
      }
    });

    it("hands the pushed reference to the Deploy job through the output the script sets", () => {
      const deploy = deployment(app, "Deploy");
      const reference = stageDependency(String(variablesOf(deploy).values.image));
      expect(reference.stage).toBe(build.stage);
      expect(reference.job).toBe(jobName(buildJob));
      const recorder = only(buildSteps.filter((step) => step.name === reference.step), `step ${reference.step}`);
      expect(scriptOf(recorder)).toMatch(/^pipelines\/scripts\/pushed-image\.sh /);
      expect(outputVariablesSetBy("pipelines/scripts/pushed-image.sh")).toEqual([reference.variable]);
    });

    it("deploys, after synthesis, the very image and digest that was pushed (scripts and cdk8s run for real)", () => {
      // pushed-image.sh, with a docker that knows the image the push left on the agent.
      const digest = `sha256:${"ab12".repeat(16)}`;
      const path = fakeDocker(
        "bin",
        `[ "$1 $2" = "image inspect" ] && [ "\${@: -1}" = "${pushed}" ] || exit 1\n` +
          `printf '%s\\n' "other.azurecr.io/orders@sha256:${"00".repeat(32)}" "${pushed.replace(/:[^:]+$/, "")}@${digest}"\n`,
      );
      const recorder = only(buildSteps.filter((step) => step.name === "pushed"), "the recording step");
      const [, argument] = /^\S+ "(.+)"$/.exec(expand(scriptOf(recorder)!, scope))!;
      const output = execFileSync(join(REPO_ROOT, "pipelines/scripts/pushed-image.sh"), [argument!], {
        env: { ...process.env, PATH: path },
        encoding: "utf8",
      });
      const imageReference = /##vso\[task\.setvariable variable=imageReference;isOutput=true\](.+)/.exec(output)?.[1];
      expect(imageReference).toBe(`${pushed}@${digest}`);

      // npm run synth, with the Deploy step's environment.
      const deploy = deployment(app, "Deploy");
      const deployScope = { ...scope, ...variablesOf(stageNamed(app, "Deploy")).values, ...variablesOf(deploy).values, image: imageReference! };
      const steps = stepsOfJob(deploy);
      const synth = only(steps.filter((step) => scriptOf(step) === "npm run synth"), "npm run synth");
      const env = Object.fromEntries(Object.entries(synth.env as Node).map(([name, value]) => [name, expand(String(value), deployScope)]));
      expect(env.IMAGE).toBe(imageReference);
      const outdir = join(work, "manifests");
      execFileSync("npm", ["run", "--silent", "synth"], { cwd: REPO_ROOT, env: { ...process.env, ...env, CDK8S_OUTDIR: outdir }, stdio: "pipe" });

      // KubernetesManifest@1 applies the file synthesis wrote, where it writes it without CDK8S_OUTDIR.
      const apply = only(steps.filter((step) => step.task === "KubernetesManifest@1"), "KubernetesManifest@1");
      const manifests = expand(inputs(apply).manifests!, deployScope);
      const { CDK8S_OUTDIR: _ignored, ...withoutOutdir } = env;
      expect(dirname(manifests)).toBe(loadConfig(withoutOutdir).outdir);
      expect(readdirSync(outdir)).toEqual([basename(manifests)]);

      const objects = parseAllDocuments(readFileSync(join(outdir, basename(manifests)), "utf8")).map((document) => document.toJS() as Node);
      const deploymentObject = only(objects.filter((object) => object.kind === "Deployment"), "one Deployment");
      const containers = ((((deploymentObject.spec as Node).template as Node).spec as Node).containers as Node[]).map((container) => container.image);
      expect(containers).toEqual([imageReference]);
    });
  });

  describe("Deploy stage", () => {
    const stage = stageNamed(app, "Deploy");
    const job = deployment(app, "Deploy");
    const steps = stepsOfJob(job);

    it("runs only for main, never for a pull request, after Build", () => {
      expect(stage.condition).toBe("and(succeeded(), eq(variables['Build.SourceBranch'], 'refs/heads/main'), ne(variables['Build.Reason'], 'PullRequest'))");
    });

    it("is a deployment job on the approval-guarded environment, in the namespace cdk8s writes", () => {
      expect(compileTime(app, String(job.environment))).toBe("orders-prod");
      expect(deployGuide).toMatch(/orders-prod[^\n]*approv|approv[^\n]*orders-prod/i);
      const apply = only(steps.filter((step) => step.task === "KubernetesManifest@1"), "KubernetesManifest@1");
      expect(expand(inputs(apply).namespace!, variablesOf(app).values)).toBe(NAMESPACE);
    });

    it("applies with KubernetesManifest@1 through the Azure Resource Manager connection and waits for the rollout", () => {
      const apply = inputs(only(steps.filter((step) => step.task === "KubernetesManifest@1"), "KubernetesManifest@1"));
      expect(apply).toMatchObject({
        action: "deploy",
        connectionType: "azureResourceManager",
        azureSubscriptionConnection: "$(aksServiceConnection)",
        azureResourceGroup: "$(aksResourceGroup)",
        kubernetesCluster: "$(aksClusterName)",
      });
      expect(Number(apply.rolloutStatusTimeout)).toBeGreaterThan(0);
      const order = steps.map((step) => (scriptOf(step) === "npm run synth" ? "synth" : step.task === "KubernetesManifest@1" ? "apply" : null)).filter(Boolean);
      expect(order).toEqual(["synth", "apply"]);
    });
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
    expect(new Set(used)).toEqual(new Set(["orders-acr", "orders-aks", "orders-terraform"]));
    for (const name of used) expect(deployGuide).toContain(`\`${name}\``);
    expect(deployGuide).toMatch(/workload identity federation/i);
    expect(stringsIn(pipelines).join("\n")).not.toMatch(/client_?secret|password\s*:/i);
  });
});

describe("infra.yml", () => {
  const plan = only(jobsOf(stageNamed(infra, "Plan")), "one plan job");
  const planSteps = stepsOfJob(plan);
  const terraformScript = readFileSync(join(REPO_ROOT, "pipelines/scripts/terraform.sh"), "utf8");

  it("checks formatting, then inits, validates and plans, on every run including pull requests", () => {
    expect(stageNamed(infra, "Plan").condition).toBeUndefined();
    const commands = planSteps.map((step) => scriptOf(step) ?? `${step.task} ${inputs(step).arguments ?? ""}`);
    expect(commands.findIndex((text) => text.startsWith("terraform fmt -check"))).toBeLessThan(commands.findIndex((text) => text.startsWith("AzureCLI@2 plan ")));
    for (const command of ["terraform init", "terraform validate", "terraform plan"]) expect(terraformScript).toContain(command);
  });

  it("applies only on main, after the approval on its environment, and only when the plan changes something", () => {
    const apply = stageNamed(infra, "Apply");
    const job = deployment(infra, "Apply");
    expect(compileTime(infra, String(job.environment))).toBe("orders-infra");
    expect(deployGuide).toMatch(/orders-infra[^\n]*approv|approv[^\n]*orders-infra/i);
    const condition = String(apply.condition);
    expect(condition).toContain("eq(variables['Build.SourceBranch'], 'refs/heads/main')");
    expect(condition).toContain("ne(variables['Build.Reason'], 'PullRequest')");
    const [, stage, jobName_, step, variable] = /dependencies\.(\w+)\.outputs\['(\w+)\.(\w+)\.(\w+)'\]/.exec(condition) ?? [];
    expect([stage, jobName_]).toEqual(["Plan", jobName(plan)]);
    expect(planSteps.some((candidate) => candidate.name === step && inputs(candidate).scriptPath?.endsWith("pipelines/scripts/terraform.sh"))).toBe(true);
    expect(outputVariablesSetBy("pipelines/scripts/terraform.sh")).toEqual([variable]);
    expect(stepsOfJob(job).some((candidate) => / apply /.test(` ${inputs(candidate).arguments ?? ""} `))).toBe(true);
  });

  it("signs Terraform in with the connection's federated credential, and installs a Terraform that versions.tf accepts", () => {
    for (const { step } of tasks(infra, "AzureCLI@2")) {
      expect(inputs(step).addSpnToEnvironment).toBe("true");
      expect((step.env as Node).SYSTEM_ACCESSTOKEN).toBe("$(System.AccessToken)");
    }
    expect(terraformScript).toContain("export ARM_USE_OIDC=true");
    expect(terraformScript).toContain("ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID");
    const version = variablesOf(infra).values.terraformVersion!;
    const required = /required_version\s*=\s*">=\s*(\d+)\.(\d+)/.exec(readFileSync(join(REPO_ROOT, "terraform/versions.tf"), "utf8"))!;
    const [major, minor] = version.split(".").map(Number);
    expect(major! > Number(required[1]) || (major === Number(required[1]) && minor! >= Number(required[2]))).toBe(true);
  });
});

describe("pipeline scripts", () => {
  const script = (name: string): string => join(REPO_ROOT, "pipelines/scripts", name);

  it("pushed-image.sh refuses a reference without a tag, and an image that was not pushed to that repository", () => {
    const env = { ...process.env, PATH: fakeDocker("bin-unpushed", `echo "elsewhere.azurecr.io/orders@sha256:${"0".repeat(64)}"\n`) };
    const untagged = spawnSync(script("pushed-image.sh"), ["acr.azurecr.io/orders"], { env, encoding: "utf8" });
    expect(untagged.status).toBe(1);
    expect(untagged.stdout).toMatch(/task\.logissue type=error\].*has no tag/);
    const unpushed = spawnSync(script("pushed-image.sh"), ["acr.azurecr.io/orders:abc"], { env, encoding: "utf8" });
    expect(unpushed.status).toBe(1);
    expect(unpushed.stdout).toMatch(/has no digest in acr\.azurecr\.io\/orders/);
    expect(unpushed.stdout).not.toContain("task.setvariable");
  });

  it("require-variables.sh names every variable that is empty or an unexpanded $(macro)", () => {
    const result = spawnSync(script("require-variables.sh"), ["keyVaultUrl", "aksClusterName", "aksResourceGroup"], {
      env: { PATH: process.env.PATH, keyVaultUrl: "https://kv.vault.azure.net/", aksClusterName: "$(aksClusterName)" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("not set: aksClusterName ($(aksClusterName)) aksResourceGroup;");
    const ok = spawnSync(script("require-variables.sh"), ["keyVaultUrl"], { env: { PATH: process.env.PATH, keyVaultUrl: "x" }, encoding: "utf8" });
    expect(ok.status).toBe(0);
  });
});
