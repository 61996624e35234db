/**
 * What the pipeline tests share: both pipelines and DEPLOY.md, loaded once; what a run would see
 * (predefined variables and the variable group as DEPLOY.md has it filled from Terraform); lookups
 * that fail with a message naming what is missing; stand-in commands on a PATH of their own.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { REPO_ROOT } from "./dockerfile.js";
import { type Node, PIPELINES_DIR, jobsOf, loadPipeline, stageNamed, variablesOf } from "./pipelines.js";

export const app = loadPipeline("azure-pipelines.yml");
export const infra = loadPipeline("infra.yml");
export const pipelines: Readonly<Record<string, Node>> = { "azure-pipelines.yml": app, "infra.yml": infra };
export const deployGuide = readFileSync(join(PIPELINES_DIR, "DEPLOY.md"), "utf8");

export const COMMIT = "3f2c1ab9d0e4c5b6a7f8091a2b3c4d5e6f708192";
/** What a run would see: predefined variables, and the variable group as DEPLOY.md has it filled from Terraform. */
export const RUN: Readonly<Record<string, string>> = {
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
  tlsCertificateUri: "https://kv-orders-prod-001.vault.azure.net/certificates/staff-tls",
  gatewayTlsClientId: "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c",
  // Internal exposure: ingressAllowedCidrs is not in the group, as DEPLOY.md says.
  ingressExposure: "internal",
  ingressServiceAnnotations: JSON.stringify({
    "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
    "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": "snet-ingress",
    "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.0.1.4",
  }),
};

/** Task inputs that name a service connection. */
export const CONNECTION_INPUTS = ["containerRegistry", "azureSubscription", "azureSubscriptionConnection", "kubernetesServiceConnection", "dockerRegistryEndpoint"];

export function only<T>(items: T[], what: string): T {
  expect(items, what).toHaveLength(1);
  return items[0]!;
}

export function deployment(pipeline: Node, stage: string): Node {
  return only(jobsOf(stageNamed(pipeline, stage)).filter((job) => job.deployment), `${stage}: one deployment job`);
}

/** `${{ variables.name }}` with the pipeline's own variables: what an environment or pool name compiles to. */
export function compileTime(pipeline: Node, text: string): string {
  const values = variablesOf(pipeline).values;
  return text.replace(/\$\{\{\s*variables\.([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`\${{ variables.${name} }} is not a variable defined in the YAML`);
    return values[name]!;
  });
}

/** `$[ stageDependencies.S.J.outputs['step.var'] ]` → its parts. */
export function stageDependency(expression: string): { stage: string; job: string; step: string; variable: string } {
  const match = /^\$\[\s*stageDependencies\.(\w+)\.(\w+)\.outputs\['(\w+)\.(\w+)'\]\s*\]$/.exec(expression.trim());
  if (!match) throw new Error(`not a stageDependencies output reference: ${expression}`);
  const [, stage, job, step, variable] = match;
  return { stage: stage!, job: job!, step: step!, variable: variable! };
}

/** The output variables a script sets with ##vso[task.setvariable ...;isOutput=true]. */
export function outputVariablesSetBy(script: string): string[] {
  return [...readFileSync(join(REPO_ROOT, script), "utf8").matchAll(/task\.setvariable variable=(\w+);isOutput=true/g)].map((match) => match[1]!);
}

/** The connection a step names through `$(variable)`, with the variable. */
export function connectionOf(pipeline: Node, step: Node): { input: string; variable: string; name: string } | undefined {
  const defined = variablesOf(pipeline).values;
  for (const [input, value] of Object.entries((step.inputs ?? {}) as Node)) {
    if (!CONNECTION_INPUTS.includes(input)) continue;
    const variable = /^\$\((\w+)\)$/.exec(String(value))?.[1] ?? String(value);
    return { input, variable, name: defined[variable] ?? String(value) };
  }
  return undefined;
}

/** A scratch folder for the test file, removed after it. */
export function scratch(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error("scratch folder used outside a test");
    return dir;
  };
}

/** A command `name` that runs `body` (bash), in `folder`: returns a PATH that finds it first (and this Node). */
export function standIn(folder: string, name: string, body: string): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, name), `#!/usr/bin/env bash\n${body}`);
  chmodSync(join(folder, name), 0o755);
  return [folder, dirname(process.execPath), process.env.PATH].join(":");
}
