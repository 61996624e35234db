/**
 * The Deploy stage of azure-pipelines.yml, offline: main only, after the approval; from the Managed
 * DevOps Pool inside the VNet (the pool Terraform names); as the deploy connection's Entra identity
 * through kubelogin, never an admin kubeconfig, applying both namespaces of the real manifests and
 * waiting for them (deploy-manifests.sh run with stand-in az, kubelogin and kubectl); with the
 * sign-in and Gateway settings of the variable group reaching synthesis (an optional one the group
 * leaves out dropped, as on the agent).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { APP_NAME, GATEWAY_NAME, GATEWAY_NAMESPACE, NAMESPACE } from "../../cdk8s/names.js";
import { resolveStatic } from "../infra/terraform/hcl.js";
import { type TerraformContext, terraformContext } from "../infra/terraform/context.js";
import { REPO_ROOT } from "./dockerfile.js";
import { RUN, app, compileTime, deployGuide, deployment, infra, only, scratch, standIn } from "./pipeline-fixtures.js";
import { type Node, expand, inputs, scriptOf, stageNamed, stepsOfJob, stringsIn, variablesOf } from "./pipelines.js";

const work = scratch("orders-pipeline-deploy-");
let tf: TerraformContext;
beforeAll(async () => {
  tf = await terraformContext();
});

describe("Deploy stage", () => {
  const stage = stageNamed(app, "Deploy");
  const job = deployment(app, "Deploy");
  const steps = stepsOfJob(job);
  const apply = only(steps.filter((step) => inputs(step).scriptPath?.endsWith("pipelines/scripts/deploy-manifests.sh")), "the apply step");
  const synth = only(steps.filter((step) => /\bnpm run synth\b/.test(scriptOf(step) ?? "")), "the synthesis step");
  const scope = { ...RUN, ...variablesOf(app).values, ...variablesOf(stage).values, ...variablesOf(job).values };
  /** The apply step's arguments: resource group, cluster, manifest file, timeout in seconds. */
  const applyArguments = (): string[] => [...expand(inputs(apply).arguments!, scope).matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);

  it("runs only for main, never for a pull request, after Build", () => {
    expect(stage.condition).toBe("and(succeeded(), eq(variables['Build.SourceBranch'], 'refs/heads/main'), ne(variables['Build.Reason'], 'PullRequest'))");
  });

  it("is a deployment job on the approval-guarded environment", () => {
    expect(compileTime(app, String(job.environment))).toBe("orders-prod");
    expect(deployGuide).toMatch(/orders-prod[^\n]*approv|approv[^\n]*orders-prod/i);
  });

  it("applies through the Azure Resource Manager connection, after synthesis, the file synthesis wrote, and waits for the rollout", () => {
    expect(apply.task).toBe("AzureCLI@2");
    expect(inputs(apply)).toMatchObject({ azureSubscription: "$(aksServiceConnection)", scriptType: "bash", scriptLocation: "scriptPath" });
    expect(inputs(apply).arguments).toMatch(/^"\$\(aksResourceGroup\)" "\$\(aksClusterName\)" /);
    const [group, cluster, manifests, timeout] = applyArguments();
    expect([group, cluster]).toEqual([RUN.aksResourceGroup, RUN.aksClusterName]);
    expect(manifests).toBe(join(REPO_ROOT, "cdk8s", "dist", "orders-prod.k8s.yaml"));
    expect(Number(timeout)).toBeGreaterThan(0);
    const order = steps.map((step) => (step === synth ? "synth" : step === apply ? "apply" : null)).filter(Boolean);
    expect(order).toEqual(["synth", "apply"]);
  });

  it("runs on the Managed DevOps Pool Terraform makes (a compile-time variable), as infra.yml does", () => {
    expect(job.pool).toEqual({ name: "${{ variables.devopsPoolName }}" });
    const poolName = compileTime(app, "${{ variables.devopsPoolName }}");
    // terraform/locals.tf names it; with terraform.tfvars.example's project and environment:
    expect(resolveStatic("${local.devops_pool_name}", tf.rootScope())).toBe(poolName);
    expect(String(tf.config.root.outputs.get("devops_pool_name")!.value)).toBe("${module.devops_pool.name}");
    expect(compileTime(infra, "${{ variables.devopsPoolName }}")).toBe(poolName);
    // No Microsoft-hosted fallback: a hosted agent cannot reach the API server.
    expect(stringsIn(job).join("\n")).not.toMatch(/vmImage/);
    expect(deployGuide).toContain(`\`${poolName}\``);
  });

  it("signs in to the cluster as the connection's Entra identity through kubelogin, never with admin credentials", () => {
    const installer = only(steps.filter((step) => step.task === "KubeloginInstaller@0"), "KubeloginInstaller@0");
    expect(steps.indexOf(installer)).toBeLessThan(steps.indexOf(apply));
    expect(expand(inputs(installer).kubeloginVersion!, scope), "a pinned kubelogin release").toMatch(/^\d+\.\d+\.\d+$/);
    const script = readFileSync(join(REPO_ROOT, "pipelines/scripts/deploy-manifests.sh"), "utf8");
    expect(script).toMatch(/^az aks get-credentials /m);
    expect(script).toMatch(/^kubelogin convert-kubeconfig --login azurecli$/m);
    const everything = [...[app, infra].flatMap((pipeline) => stringsIn(pipeline)), ...readdirSync(join(REPO_ROOT, "pipelines/scripts")).map((name) => readFileSync(join(REPO_ROOT, "pipelines/scripts", name), "utf8"))];
    for (const text of everything) expect(text).not.toMatch(/^[^#\n]*(--admin\b|kube_?admin_?config|useClusterAdmin:\s*true)/im);
    expect(readFileSync(join(REPO_ROOT, "terraform/outputs.tf"), "utf8")).not.toMatch(/output\s+"kube_?config/);
  });

  it("applies both namespaces of the real manifests without --namespace, then waits for each Deployment and Gateway in it", () => {
    // The manifests the pipeline would apply, synthesised for real with the group's values.
    const outdir = join(work(), "dist");
    const env = Object.fromEntries(Object.entries(synth.env as Node).map(([name, value]) => [name, expand(String(value), { ...scope, image: `${RUN.containerRegistryLoginServer}/orders:abc@sha256:${"cd".repeat(32)}` })]));
    execFileSync("bash", ["-c", scriptOf(synth)!], { cwd: REPO_ROOT, env: { ...process.env, ...env, CDK8S_OUTDIR: outdir }, stdio: "pipe" });
    const manifest = join(outdir, "orders-prod.k8s.yaml");
    const objects = parseAllDocuments(readFileSync(manifest, "utf8")).map((document) => document.toJS() as { kind: string; metadata: { name: string; namespace?: string } });
    expect(new Set(objects.map((object) => object.metadata.namespace).filter(Boolean))).toEqual(new Set([NAMESPACE, GATEWAY_NAMESPACE]));
    // What `kubectl get --filename ... --output jsonpath=...` prints for them.
    writeFileSync(join(work(), "objects.txt"), objects.map(({ kind, metadata }) => `${kind} ${metadata.namespace ?? ""} ${metadata.name}\n`).join(""));

    const log = join(work(), "commands.log");
    const record = (name: string, extra = "") => `echo "${name} $* KUBECONFIG=\${KUBECONFIG:-}" >>"${log}"\n${extra}`;
    standIn(join(work(), "cluster-bin"), "az", record("az"));
    standIn(join(work(), "cluster-bin"), "kubelogin", record("kubelogin"));
    const path = standIn(join(work(), "cluster-bin"), "kubectl", record("kubectl", `[ "$1" != get ] || cat "${join(work(), "objects.txt")}"\n[ "\${FAIL_ROLLOUT:-}" != "$3" ] || exit 1\n`));
    const [group, cluster, , timeout] = applyArguments();
    const run = (failRollout = "") => {
      writeFileSync(log, "");
      const result = spawnSync(join(REPO_ROOT, "pipelines/scripts/deploy-manifests.sh"), [group!, cluster!, manifest, timeout!], { env: { PATH: path, FAIL_ROLLOUT: failRollout }, encoding: "utf8" });
      return { status: result.status, commands: readFileSync(log, "utf8").trim().split("\n") };
    };

    const { status, commands } = run();
    expect(status).toBe(0);
    const kubeconfig = /--file (\S+)/.exec(commands[0]!)?.[1];
    expect(commands.map((line) => line.replace(` KUBECONFIG=${kubeconfig}`, "").replace(kubeconfig!, "<kubeconfig>"))).toEqual([
      `az aks get-credentials --resource-group ${group} --name ${cluster} --file <kubeconfig> --only-show-errors`,
      "kubelogin convert-kubeconfig --login azurecli",
      `kubectl apply --filename ${manifest}`,
      `kubectl get --filename ${manifest} --output jsonpath={range .items[*]}{.kind} {.metadata.namespace} {.metadata.name}{"\\n"}{end}`,
      `kubectl --namespace ${NAMESPACE} rollout status deployment/${APP_NAME} --timeout ${timeout}s`,
      `kubectl --namespace ${GATEWAY_NAMESPACE} wait gateway.gateway.networking.k8s.io/${GATEWAY_NAME} --for condition=Programmed --timeout ${timeout}s`,
    ]);
    // A rollout that does not finish in time fails the deploy.
    expect(run("rollout").status).not.toBe(0);
  });

  it("hands synthesis the sign-in and Gateway settings from the variable group, and checks they are there first", () => {
    const env = synth.env as Node;
    const fromGroup = {
      OIDC_ISSUER: "oidcIssuer",
      OIDC_CLIENT_ID: "oidcClientId",
      OIDC_AUDIENCE: "oidcAudience",
      PUBLIC_URL: "publicUrl",
      TLS_CERTIFICATE_URI: "tlsCertificateUri",
      GATEWAY_TLS_CLIENT_ID: "gatewayTlsClientId",
      INGRESS_EXPOSURE: "ingressExposure",
      INGRESS_ALLOWED_CIDRS: "ingressAllowedCidrs",
      INGRESS_SERVICE_ANNOTATIONS: "ingressServiceAnnotations",
    };
    for (const [name, variable] of Object.entries(fromGroup)) expect(env[name], name).toBe(`$(${variable})`);
    const check = only(steps.filter((step) => scriptOf(step)?.startsWith("pipelines/scripts/require-variables.sh ")), "the variable group check");
    expect(steps.indexOf(check)).toBeLessThan(steps.indexOf(synth));
    const required = scriptOf(check)!.split(/\s+/).slice(1);
    // Every one but the ranges, which a public gateway alone has.
    expect(required).toEqual(expect.arrayContaining(Object.values(fromGroup).filter((variable) => variable !== "ingressAllowedCidrs")));
    expect(required).not.toContain("ingressAllowedCidrs");
    for (const variable of required) expect((check.env as Node)[variable], variable).toBe(`$(${variable})`);
  });

  it("drops the optional ranges when the group leaves them out, and passes them on when it has them", () => {
    // The step's own script, with an npm that reports what synthesis would see.
    const path = standIn(join(work(), "bin"), "npm", 'echo "INGRESS_ALLOWED_CIDRS=${INGRESS_ALLOWED_CIDRS-(unset)} $*"\n');
    const run = (value: string): string =>
      execFileSync("bash", ["-c", scriptOf(synth)!], { env: { PATH: path, INGRESS_ALLOWED_CIDRS: value }, encoding: "utf8" }).trim();
    // What the agent leaves in place of a variable the group does not define: the macro itself.
    const undefinedInGroup = expand(String((synth.env as Node).INGRESS_ALLOWED_CIDRS), RUN);
    expect(undefinedInGroup).toBe("$(ingressAllowedCidrs)");
    expect(run(undefinedInGroup)).toBe("INGRESS_ALLOWED_CIDRS=(unset) run synth");
    expect(run("198.51.100.0/24,192.0.2.0/24")).toBe("INGRESS_ALLOWED_CIDRS=198.51.100.0/24,192.0.2.0/24 run synth");
  });
});
