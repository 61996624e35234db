/**
 * infra.yml, offline: Terraform plans on every run, pull requests included, as the read-only
 * connection, which Terraform grants what a refresh reads and nothing that writes; it applies only
 * on main, after the approval, as the connection that can assign roles, and only the changes that
 * were approved (terraform.sh compares before it applies; plan-changes.test.ts shows the
 * comparison refusing); both stages run on the Managed DevOps Pool inside the VNet.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { soleReference } from "../infra/terraform/hcl.js";
import { type TerraformContext, resource, resourcesOfType, terraformContext } from "../infra/terraform/context.js";
import { REPO_ROOT } from "./dockerfile.js";
import { compileTime, connectionOf, deployGuide, deployment, infra, only, outputVariablesSetBy } from "./pipeline-fixtures.js";
import { type Node, inputs, jobName, jobsOf, scriptOf, stageNamed, stepsOfJob, stringsIn, tasks, variablesOf } from "./pipelines.js";

const terraformScript = readFileSync(join(REPO_ROOT, "pipelines/scripts/terraform.sh"), "utf8");
/** The lines of one `case` branch of terraform.sh. */
function branchOf(action: "plan" | "apply"): string {
  const branch = new RegExp(`\\n  ${action}\\)\\n([\\s\\S]*?)\\n    ;;`).exec(terraformScript)?.[1];
  if (!branch) throw new Error(`terraform.sh has no ${action} branch`);
  return branch;
}

let tf: TerraformContext;
beforeAll(async () => {
  tf = await terraformContext();
});

describe("infra.yml", () => {
  const planStage = stageNamed(infra, "Plan");
  const plan = only(jobsOf(planStage), "one plan job");
  const planSteps = stepsOfJob(plan);
  const applyJob = deployment(infra, "Apply");
  const applySteps = stepsOfJob(applyJob);
  const terraformStep = (steps: Node[], action: string): Node =>
    only(
      steps.filter((step) => step.task === "AzureCLI@2" && inputs(step).arguments?.startsWith(`${action} `)),
      `terraform.sh ${action}`,
    );

  it("checks formatting, then inits, validates and plans, on every run including pull requests", () => {
    expect(planStage.condition).toBeUndefined();
    const commands = planSteps.map((step) => scriptOf(step) ?? `${step.task} ${inputs(step).arguments ?? ""}`);
    expect(commands.findIndex((text) => text.startsWith("terraform fmt -check"))).toBeLessThan(commands.findIndex((text) => text.startsWith("AzureCLI@2 plan ")));
    for (const command of ["terraform init", "terraform validate", "terraform plan"]) expect(terraformScript).toContain(command);
  });

  it("applies only on main, after the approval on its environment, and only when the plan changes something", () => {
    const apply = stageNamed(infra, "Apply");
    expect(compileTime(infra, String(applyJob.environment))).toBe("orders-infra");
    expect(deployGuide).toMatch(/orders-infra[^\n]*approv|approv[^\n]*orders-infra/i);
    const condition = String(apply.condition);
    expect(condition).toContain("eq(variables['Build.SourceBranch'], 'refs/heads/main')");
    expect(condition).toContain("ne(variables['Build.Reason'], 'PullRequest')");
    const [, stage, jobName_, step, variable] = /dependencies\.(\w+)\.outputs\['(\w+)\.(\w+)\.(\w+)'\]/.exec(condition) ?? [];
    expect([stage, jobName_]).toEqual(["Plan", jobName(plan)]);
    expect(planSteps.some((candidate) => candidate.name === step && inputs(candidate).scriptPath?.endsWith("pipelines/scripts/terraform.sh"))).toBe(true);
    expect(outputVariablesSetBy("pipelines/scripts/terraform.sh")).toEqual([variable]);
    expect(applySteps.some((candidate) => / apply /.test(` ${inputs(candidate).arguments ?? ""} `))).toBe(true);
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

  it("plans as the read-only connection, pull requests included, and never names the one that applies", () => {
    const planConnections = planSteps.map((step) => connectionOf(infra, step)).filter((connection) => connection !== undefined);
    expect(planConnections.map(({ variable, name }) => `${variable}=${name}`)).toEqual(["terraformPlanServiceConnection=orders-terraform-plan"]);
    expect(stringsIn(planStage).join("\n")).not.toContain("$(terraformServiceConnection)");
    const applyConnections = applySteps.map((step) => connectionOf(infra, step)).filter((connection) => connection !== undefined);
    expect(applyConnections.map(({ variable, name }) => `${variable}=${name}`)).toEqual(["terraformServiceConnection=orders-terraform"]);
    expect(connectionOf(infra, terraformStep(applySteps, "apply"))!.name).toBe("orders-terraform");
  });

  it("plans without the state lock and without registering resource providers: the read-only identity can do neither", () => {
    const planBranch = branchOf("plan");
    expect(planBranch).toMatch(/terraform plan [^\n]*-lock=false/);
    expect(planBranch).toContain("export ARM_RESOURCE_PROVIDER_REGISTRATIONS=none");
    const applyBranch = branchOf("apply");
    expect(applyBranch).not.toContain("-lock=false");
    expect(applyBranch).not.toContain("ARM_RESOURCE_PROVIDER_REGISTRATIONS");
  });

  it("applies exactly the approved changes: the Plan job's summary reaches Apply, which compares before it applies the plan it compared", () => {
    // Plan writes the summary into the folder it publishes; Apply downloads that artifact and reads it.
    const publish = only(planSteps.filter((step) => typeof step.publish === "string"), "the published plan");
    expect(inputs(terraformStep(planSteps, "plan")).arguments).toContain(`"${publish.publish}"`);
    const download = only(applySteps.filter((step) => step.download === "current"), "the approved plan, downloaded");
    expect(download.artifact).toBe(publish.artifact);
    expect(inputs(terraformStep(applySteps, "apply")).arguments).toContain(`"$(Pipeline.Workspace)/${publish.artifact}"`);

    const planBranch = branchOf("plan");
    expect(planBranch).toMatch(/node "\$plan_changes" summarise [^\n]*>"\$dir\/plan-changes\.json"/);
    // Only the summary and the lock file are published, never the plan file or its JSON (every value in clear).
    expect([...planBranch.matchAll(/>\s*"\$dir\/([^"]+)"|cp [^\n]* "\$dir\/"/g)].map((match) => match[1] ?? "lock file")).toEqual(["plan-changes.json", "lock file"]);
    expect(planBranch).toContain('cp .terraform.lock.hcl "$dir/"');
    expect(terraformScript).toMatch(/show -json tfplan >"\$private\/plan\.json"/);

    const applyBranch = branchOf("apply");
    const lines = applyBranch.split("\n").map((line) => line.trim());
    const at = (pattern: RegExp): number => lines.findIndex((line) => pattern.test(line));
    expect(at(/^terraform plan .*-out=tfplan$/)).toBeGreaterThanOrEqual(0);
    expect(at(/node "\$plan_changes" compare "\$dir\/plan-changes\.json"/)).toBeGreaterThan(at(/^terraform plan /));
    expect(at(/^terraform apply -input=false tfplan$/)).toBeGreaterThan(at(/compare/));
    // Fails closed: the apply needs the comparison's explicit "identical".
    expect(applyBranch).toContain('[[ "$verdict" != "identical to the approved plan"* ]]');
    expect(applyBranch).not.toMatch(/-auto-approve/);
    expect(applyBranch.match(/terraform apply/g)).toHaveLength(1);
  });

  it("runs both stages on the Managed DevOps Pool, where the Key Vault firewall admits the agents", () => {
    for (const job of [plan, applyJob]) expect(job.pool, jobName(job)).toEqual({ name: "${{ variables.devopsPoolName }}" });
    expect(stringsIn(infra).join("\n")).not.toMatch(/vmImage/);
    const allowed = String(tf.config.root.moduleCalls.get("key_vault")!.allowed_subnet_ids);
    expect(allowed).toContain("module.networking.devops_pool_subnet_id");
  });
});

describe("the read-only plan identity in Terraform", () => {
  it("gets what a refresh reads beyond Reader, and nothing that writes", async () => {
    const root = tf.config.root;
    expect(await soleReference(root.moduleCalls.get("key_vault")!.plan_reader_principal_ids)).toBe("var.terraform_plan_principal_object_ids");
    expect(await soleReference(root.moduleCalls.get("aks_cluster")!.cluster_user_principal_ids)).toBe("var.terraform_plan_principal_object_ids");

    const keyVault = tf.moduleAt("modules/key-vault");
    const readers = resourcesOfType(keyVault, "azurerm_role_assignment").filter(([, grant]) => grant.for_each === "${toset(var.plan_reader_principal_ids)}");
    expect(Object.fromEntries(readers.map(([key, grant]) => [key, grant.role_definition_name]))).toEqual({
      "azurerm_role_assignment.plan_reader": "Key Vault Reader",
      "azurerm_role_assignment.plan_session_secret_reader": "Key Vault Secrets User",
    });
    expect(await soleReference(resource(keyVault, "azurerm_role_assignment.plan_reader").scope)).toBe("azurerm_key_vault.this.id");
    // Secrets User on the session secret alone, not on the database secrets beside it.
    expect(resource(keyVault, "azurerm_role_assignment.plan_session_secret_reader").scope).toBe(
      "${azurerm_key_vault.this.id}/secrets/${azurerm_key_vault_secret.session_secret.name}",
    );

    const aks = tf.moduleAt("modules/aks-cluster");
    expect(String(aks.locals.get("cluster_users"))).toContain("var.cluster_user_principal_ids");
    const admin = resourcesOfType(aks, "azurerm_role_assignment").filter(([, grant]) => /Admin/.test(String(grant.role_definition_name)));
    for (const [key, grant] of admin) expect(JSON.stringify(grant), key).not.toContain("cluster_user_principal_ids");
  });

  it("plans the same as the identity that applies: Terraform names the identities that apply instead of 'whoever runs it'", async () => {
    const root = tf.config.root;
    expect(await soleReference(root.moduleCalls.get("key_vault")!.terraform_principal_ids)).toBe("var.terraform_principal_object_ids");
    expect(await soleReference(root.moduleCalls.get("entra_app")!.owner_object_ids)).toBe("var.terraform_principal_object_ids");

    const keyVault = tf.moduleAt("modules/key-vault");
    const deployer = resource(keyVault, "azurerm_role_assignment.deployer");
    expect(deployer.for_each).toBe("${local.deployer_role_assignments}");
    expect(String(keyVault.locals.get("terraform_principal_ids"))).toMatch(/length\(var\.terraform_principal_ids\) > 0 \? var\.terraform_principal_ids : \[data\.azurerm_client_config\.current\.object_id\]/);
    const entraApp = tf.moduleAt("modules/entra-app");
    expect(resource(entraApp, "azuread_application.orders").owners).toBe("${local.owners}");
    expect(resource(entraApp, "azuread_service_principal.orders").owners).toBe("${local.owners}");

    // The running identity's object id appears only as those fallbacks.
    for (const module of tf.config.modules.values()) {
      for (const [key, block] of [...module.resources, ...[...module.locals].map(([name, value]) => [`local.${name}`, value] as const)]) {
        const text = JSON.stringify(block);
        if (!/_client_config\.current\.object_id/.test(text)) continue;
        expect(["local.terraform_principal_ids", "local.owners"], `${key} depends on who runs Terraform`).toContain(key);
      }
    }
    for (const name of ["terraform_principal_object_ids", "terraform_plan_principal_object_ids"]) expect(deployGuide, name).toContain(`\`${name}\``);
  });

  it("is set up in DEPLOY.md with the roles Terraform cannot grant", () => {
    const section = /### 2\.1 [^\n]*\n([\s\S]*?)\n### 2\.2/.exec(deployGuide)?.[1] ?? "";
    for (const grant of [
      /--assignee "\$PLAN_APP" --role "Reader" --scope "\$SUB"/,
      /--assignee "\$PLAN_APP" --role "Storage Blob Data Reader" --scope "\$STATE_ID"/,
      /az role assignment delete --assignee "\$PLAN_APP" --role "Contributor"/,
    ]) {
      expect(section).toMatch(grant);
    }
    expect(section).not.toMatch(/create --assignee "\$PLAN_APP" --role "(Contributor|Owner|Role Based Access Control Administrator|Storage Blob Data Contributor)"/);
    expect(deployGuide).toMatch(/grant "\$PLAN_APP" Application\.Read\.All/);
    expect(deployGuide).not.toMatch(/grant "\$PLAN_APP" (?!Application\.Read\.All)/);
  });
});
