/** Shared by the cdk8s tests: synthesise an environment in memory, find objects, check pod security. */
import type { IGateway, IHTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1";
import { Testing } from "cdk8s";
import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1";
import type { IConfigMap, INamespace, IPodSpec, IService, IServiceAccount } from "kubernetes-models/v1";
import { loadConfig } from "./config.js";
import { OrdersChart } from "./orders-chart.js";

/** What CI would pass for prod (values are made up but well-formed). */
export const PROD_ENV = {
  DEPLOY_ENV: "prod",
  IMAGE: "myacr.azurecr.io/orders:3f2c1ab",
  KEY_VAULT_URL: "https://kv-orders-prod.vault.azure.net/",
  AZURE_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
  OIDC_ISSUER: "https://login.microsoftonline.com/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/v2.0",
  OIDC_CLIENT_ID: "99999999-8888-7777-6666-555555555555",
  PUBLIC_URL: "https://orders.retail.example.com",
  // The staff gateway, internal (the default): Terraform's outputs as `terraform output` prints them.
  TLS_CERTIFICATE_URI: "https://kv-orders-prod.vault.azure.net/certificates/staff-tls",
  GATEWAY_TLS_CLIENT_ID: "77777777-8888-9999-aaaa-bbbbbbbbbbbb",
  INGRESS_SERVICE_ANNOTATIONS: JSON.stringify({
    "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
    "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": "snet-orders-prod-ingress",
    "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.0.1.4",
  }),
} as const;

/** A dev deploy to AKS, with Key Vault and workload identity. */
export const DEV_AKS_ENV = {
  DEPLOY_ENV: "dev",
  IMAGE: "myacr.azurecr.io/orders:3f2c1ab",
  KEY_VAULT_URL: "https://kv-orders-dev.vault.azure.net/",
  AZURE_CLIENT_ID: "66666666-7777-8888-9999-000000000000",
  DB_AUTH: "entra",
  OIDC_ISSUER: "https://login.microsoftonline.com/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/v2.0",
  OIDC_CLIENT_ID: "12121212-3434-5656-7878-909090909090",
  PUBLIC_URL: "https://orders-dev.retail.example.com",
  // Public, from the shops' ranges only.
  TLS_CERTIFICATE_URI: "https://kv-orders-dev.vault.azure.net/certificates/staff-tls",
  GATEWAY_TLS_CLIENT_ID: "abababab-cdcd-efef-0101-232323232323",
  INGRESS_EXPOSURE: "public",
  INGRESS_ALLOWED_CIDRS: "203.0.113.0/24,198.51.100.0/25",
  INGRESS_SERVICE_ANNOTATIONS: JSON.stringify({
    "service.beta.kubernetes.io/azure-pip-name": "pip-orders-dev-ingress",
    "service.beta.kubernetes.io/azure-load-balancer-resource-group": "rg-orders-dev",
    "service.beta.kubernetes.io/azure-allowed-ip-ranges": "203.0.113.0/24,198.51.100.0/25",
  }),
} as const;

/** `npm run synth` with nothing set. */
export const DEV_LOCAL_ENV = {} as const;

export const SCENARIOS = { prod: PROD_ENV, "dev-aks": DEV_AKS_ENV, "dev-local": DEV_LOCAL_ENV } as const;

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

interface KindMap {
  Namespace: INamespace;
  ServiceAccount: IServiceAccount;
  ConfigMap: IConfigMap;
  Deployment: IDeployment;
  Service: IService;
  PodDisruptionBudget: IPodDisruptionBudget;
  HorizontalPodAutoscaler: IHorizontalPodAutoscaler;
  NetworkPolicy: INetworkPolicy;
  Gateway: IGateway;
  HTTPRoute: IHTTPRoute;
}

export class Manifests {
  constructor(readonly objects: readonly KubeObject[]) {}

  /** The one object of this kind; fails when there is none or several. */
  one<K extends keyof KindMap>(kind: K): KindMap[K] {
    const found = this.all(kind);
    if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
    return found[0]!;
  }

  all<K extends keyof KindMap>(kind: K): KindMap[K][] {
    return this.objects.filter((o) => o.kind === kind) as unknown as KindMap[K][];
  }

  /** The object of this kind with this name; fails when there is none. */
  named<K extends keyof KindMap>(kind: K, name: string): KindMap[K] {
    const found = this.all(kind).find((o) => (o as { metadata?: { name?: string } }).metadata?.name === name);
    if (!found) throw new Error(`no ${kind} named ${name}`);
    return found;
  }

  get podSpec(): IPodSpec {
    return this.one("Deployment").spec!.template.spec!;
  }
}

export function synthManifests(env: Readonly<Record<string, string>>): Manifests {
  const chart = new OrdersChart(Testing.app(), loadConfig(env));
  return new Manifests(Testing.synth(chart) as KubeObject[]);
}

const RESTRICTED_VOLUME_TYPES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);

/**
 * What the Pod Security Standard "restricted" (with the baseline it includes) forbids, as far as
 * our pods could get it wrong. https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export function restrictedViolations(pod: IPodSpec): string[] {
  const violations: string[] = [];
  for (const field of ["hostNetwork", "hostPID", "hostIPC"] as const) {
    if (pod[field]) violations.push(`pod: ${field}`);
  }
  for (const volume of pod.volumes ?? []) {
    const types = Object.keys(volume).filter((key) => key !== "name");
    if (!types.every((type) => RESTRICTED_VOLUME_TYPES.has(type))) violations.push(`volume ${volume.name}: ${types}`);
  }
  const podContext = pod.securityContext ?? {};
  if (podContext.runAsUser === 0) violations.push("pod: runAsUser 0");
  if (podContext.seccompProfile?.type === "Unconfined") violations.push("pod: seccomp Unconfined");

  for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
    const where = `container ${container.name}`;
    const context = container.securityContext ?? {};
    if (context.privileged) violations.push(`${where}: privileged`);
    if (context.allowPrivilegeEscalation !== false) violations.push(`${where}: allowPrivilegeEscalation is not false`);
    if (!(context.runAsNonRoot ?? podContext.runAsNonRoot)) violations.push(`${where}: runAsNonRoot is not true`);
    if (context.runAsUser === 0) violations.push(`${where}: runAsUser 0`);
    const seccomp = (context.seccompProfile ?? podContext.seccompProfile)?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") violations.push(`${where}: seccomp ${seccomp}`);
    if (!context.capabilities?.drop?.includes("ALL")) violations.push(`${where}: capabilities do not drop ALL`);
    const added = (context.capabilities?.add ?? []).filter((capability) => capability !== "NET_BIND_SERVICE");
    if (added.length > 0) violations.push(`${where}: adds capabilities ${added}`);
    for (const port of container.ports ?? []) {
      if (port.hostPort) violations.push(`${where}: hostPort ${port.hostPort}`);
    }
  }
  return violations;
}

/** True when every label the selector asks for is on the pod. */
export function selects(matchLabels: Readonly<Record<string, string>> | undefined, podLabels: Record<string, string>): boolean {
  const wanted = Object.entries(matchLabels ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => podLabels[key] === value);
}
