/**
 * azure-pipelines.yml up to the registry, offline: the tests run as the README says on the image's
 * Node; the image is built, smoke-tested, and only then pushed (never before, never if the smoke
 * test failed, never from a pull request); the image pushed is, tag and digest, the one the Deploy
 * stage synthesises (followed through the real scripts and the real cdk8s synthesis).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { loadConfig } from "../../cdk8s/config.js";
import { REPO_ROOT, baseImageOf, readDockerfile } from "./dockerfile.js";
import { COMMIT, RUN, app, deployment, infra, only, outputVariablesSetBy, scratch, stageDependency, standIn } from "./pipeline-fixtures.js";
import { type Node, allSteps, expand, inputs, jobName, jobsOf, list, scriptOf, stageNamed, stagesOf, stepsOfJob, variablesOf } from "./pipelines.js";

const work = scratch("orders-pipeline-build-");

/** A docker on PATH that knows one pushed image: `image inspect` lists its repository digests. */
function dockerKnowing(folder: string, digests: string[], image?: string): string {
  const guard = image ? `[ "$1 $2" = "image inspect" ] && [ "\${@: -1}" = "${image}" ] || exit 1\n` : "";
  return standIn(join(work(), folder), "docker", `${guard}printf '%s\\n' ${digests.map((digest) => `"${digest}"`).join(" ")}\n`);
}

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

    it("runs on the Node release the image is built on (and so does Terraform's plan summary)", () => {
      const dockerfile = readDockerfile();
      const [image] = new Set(dockerfile.stages.map((stage) => baseImageOf(dockerfile, stage)));
      const nodeVersion = /^node:(\d+\.\d+\.\d+)-/.exec(image!)?.[1];
      const specs = [app, infra].flatMap((pipeline) =>
        allSteps(pipeline)
          .filter(({ step }) => step.task === "NodeTool@0")
          .map(({ step, variables: scope }) => expand(inputs(step).versionSpec!, scope)),
      );
      expect(specs.length).toBeGreaterThan(2);
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
      // Version 2 reads Cobertura without being told; version 1 is deprecated.
      expect(coverage.task).toBe("PublishCodeCoverageResults@2");
      // vitest's default reports directory and the Cobertura reporter's file name.
      expect(expand(inputs(coverage).summaryFileLocation!, RUN)).toBe(join(REPO_ROOT, "coverage", "cobertura-coverage.xml"));
      expect(inputs(coverage).failIfCoverageEmpty).toBe("true");
      expect(coverage.condition).toBe("succeededOrFailed()");
    });
  });

  describe("the image: built, smoke-tested, then pushed, tagged with the commit, deployed by digest", () => {
    const build = stageNamed(app, "Build");
    const buildJob = only(jobsOf(build), "one build job");
    const buildSteps = stepsOfJob(buildJob);
    const scope = { ...RUN, ...variablesOf(app).values, ...variablesOf(build).values };
    const docker = (command: string): Node[] => buildSteps.filter((step) => step.task === "Docker@2" && inputs(step).command === command);
    const builder = only(docker("build"), "Docker@2 build");
    const push = only(docker("push"), "Docker@2 push");
    const pushInputs = inputs(push);
    const pushed = `${RUN.containerRegistryLoginServer}/${expand(pushInputs.repository!, scope)}:${expand(pushInputs.tags!, scope)}`;
    const smokeTest = only(
      buildSteps.filter((step) => scriptOf(step)?.startsWith("pipelines/scripts/smoke-test-image.sh")),
      "the smoke test",
    );

    it("pushes one tag, the commit, to the registry of a service connection named by a variable, never from a pull request", () => {
      expect(pushInputs.tags).toBe("$(imageTag)");
      expect(expand(pushInputs.tags!, scope)).toBe(COMMIT);
      expect(pushInputs.containerRegistry).toBe("$(registryServiceConnection)");
      expect(push.condition).toMatch(/ne\(variables\['Build.Reason'\], 'PullRequest'\)/);
      expect(expand(inputs(builder).Dockerfile!, scope)).toBe(join(REPO_ROOT, "Dockerfile"));
    });

    it("builds once, for every run, under the name it is pushed with, without the registry connection", () => {
      expect(`${expand(inputs(builder).repository!, scope)}:${expand(inputs(builder).tags!, scope)}`).toBe(pushed);
      expect(inputs(builder).containerRegistry, "a pull request's code never runs where push credentials exist").toBeUndefined();
      expect(builder.condition, "pull requests build and smoke-test too").toBeUndefined();
    });

    it("pushes nothing before the smoke test, and pushes only if the smoke test (and every step before) succeeded", () => {
      const order = buildSteps.indexOf.bind(buildSteps);
      expect(order(builder)).toBeLessThan(order(smokeTest));
      expect(order(smokeTest)).toBeLessThan(order(push));
      // Nothing up to the smoke test can push: no buildAndPush, no push command, no docker push or login.
      expect(buildSteps.filter((step) => step.task === "Docker@2" && ["buildAndPush", "login"].includes(inputs(step).command!))).toEqual([]);
      for (const step of buildSteps.slice(0, order(smokeTest) + 1)) {
        expect(step.task === "Docker@2" && inputs(step).command === "push", `${step.displayName}`).toBe(false);
        expect(scriptOf(step) ?? "", `${step.displayName}`).not.toMatch(/\bdocker\s+(push|login)\b/);
      }
      // The smoke test always runs, and its failure fails the job: nothing may carry on past it.
      expect(smokeTest.condition).toBeUndefined();
      for (const step of buildSteps) expect(step.continueOnError, `${step.displayName}`).toBeUndefined();
      expect(String(push.condition)).toMatch(/^and\(succeeded\(\), /);
      expect(String(push.condition)).not.toMatch(/always\(\)|succeededOrFailed\(\)|failed\(\)/);
    });

    it("smoke-tests the image in production with sign-in settings, as AKS runs it", () => {
      const script = readFileSync(join(REPO_ROOT, "pipelines/scripts/smoke-test-image.sh"), "utf8");
      expect(script).toContain("--read-only");
      expect(script).toContain("--user 10001:10001");
      for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "PUBLIC_URL", "SESSION_SECRET"]) expect(script).toContain(`--env ${name}=`);
      expect(script).not.toMatch(/AUTH_MODE=off|NODE_ENV=development/);
      expect(script).toMatch(/\[ "\$status" = 401 \]/);
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
      expect(buildSteps.indexOf(recorder)).toBeGreaterThan(buildSteps.indexOf(push));
      expect(recorder.condition).toBe(push.condition);
      expect(outputVariablesSetBy("pipelines/scripts/pushed-image.sh")).toEqual([reference.variable]);
    });

    it("deploys, after synthesis, the very image and digest that was pushed (scripts and cdk8s run for real)", () => {
      // pushed-image.sh, with a docker that knows the image the push left on the agent.
      const digest = `sha256:${"ab12".repeat(16)}`;
      const path = dockerKnowing("bin", [`other.azurecr.io/orders@sha256:${"00".repeat(32)}`, `${pushed.replace(/:[^:]+$/, "")}@${digest}`], pushed);
      const recorder = only(buildSteps.filter((step) => step.name === "pushed"), "the recording step");
      const [, argument] = /^\S+ "(.+)"$/.exec(expand(scriptOf(recorder)!, scope))!;
      const output = execFileSync(join(REPO_ROOT, "pipelines/scripts/pushed-image.sh"), [argument!], {
        env: { ...process.env, PATH: path },
        encoding: "utf8",
      });
      const imageReference = /##vso\[task\.setvariable variable=imageReference;isOutput=true\](.+)/.exec(output)?.[1];
      expect(imageReference).toBe(`${pushed}@${digest}`);

      // The synthesis step of the Deploy job, run as the agent would, with its environment.
      const deploy = deployment(app, "Deploy");
      const deployScope = { ...scope, ...variablesOf(stageNamed(app, "Deploy")).values, ...variablesOf(deploy).values, image: imageReference! };
      const steps = stepsOfJob(deploy);
      const synth = only(steps.filter((step) => /\bnpm run synth\b/.test(scriptOf(step) ?? "")), "npm run synth");
      const env = Object.fromEntries(Object.entries(synth.env as Node).map(([name, value]) => [name, expand(String(value), deployScope)]));
      expect(env.IMAGE).toBe(imageReference);
      const outdir = join(work(), "manifests");
      execFileSync("bash", ["-c", scriptOf(synth)!], { cwd: REPO_ROOT, env: { ...process.env, ...env, CDK8S_OUTDIR: outdir }, stdio: "pipe" });

      // The apply step reads the file synthesis wrote, where it writes it without CDK8S_OUTDIR.
      const apply = only(steps.filter((step) => inputs(step).scriptPath?.endsWith("pipelines/scripts/deploy-manifests.sh")), "the apply step");
      const manifests = [...expand(inputs(apply).arguments!, deployScope).matchAll(/"([^"]*)"/g)].map((match) => match[1]!)[2]!;
      // What synthesis saw: the step drops the optional variable the group leaves undefined.
      const { CDK8S_OUTDIR: _ignored, ...withoutOutdir } = env;
      const undefinedInGroup = Object.keys(withoutOutdir).filter((name) => withoutOutdir[name]!.startsWith("$("));
      expect(undefinedInGroup).toEqual(["INGRESS_ALLOWED_CIDRS"]);
      for (const name of undefinedInGroup) delete withoutOutdir[name];
      expect(dirname(manifests)).toBe(loadConfig(withoutOutdir).outdir);
      expect(readdirSync(outdir)).toEqual([basename(manifests)]);

      const objects = parseAllDocuments(readFileSync(join(outdir, basename(manifests)), "utf8")).map((document) => document.toJS() as Node);
      const deploymentObject = only(objects.filter((object) => object.kind === "Deployment"), "one Deployment");
      const containers = ((((deploymentObject.spec as Node).template as Node).spec as Node).containers as Node[]).map((container) => container.image);
      expect(containers).toEqual([imageReference]);
    });
  });
});

describe("pipeline scripts", () => {
  const script = (name: string): string => join(REPO_ROOT, "pipelines/scripts", name);

  it("pushed-image.sh refuses a reference without a tag, and an image that was not pushed to that repository", () => {
    const env = { ...process.env, PATH: dockerKnowing("bin-unpushed", [`elsewhere.azurecr.io/orders@sha256:${"0".repeat(64)}`]) };
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
