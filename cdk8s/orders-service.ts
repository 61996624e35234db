import { createHash } from "node:crypto";
import { Construct } from "constructs";
import { k8s } from "cdk8s-plus-27";
import { type DbAuthMode, DEFAULT_PORT, DEFAULT_SHUTDOWN_TIMEOUT_MS, type LogLevel } from "../server/core/contracts.js";
import { GATEWAY_POD_LABELS, type GatewaySettings, OrdersGateway } from "./gateway.js";
import { parseImageReference } from "./image-reference.js";
import { APP_NAME, CONFIG_MAP_NAME, GATEWAY_NAMESPACE, NAMESPACE, SERVICE_ACCOUNT_NAME, SERVICE_PORT } from "./names.js";
import { AZURE_SQL_PORTS, OrdersNetworkPolicies } from "./network-policies.js";
import { checkAutoscaling, checkResources, checkTermination, isLabelValue } from "./props-checks.js";
import { serverPodSpec } from "./server-pod.js";
import { serverSettings } from "./server-settings.js";

/** CPU and memory as Kubernetes quantities, e.g. `{ cpu: "250m", memory: "384Mi" }`. */
export interface ComputeResources {
  readonly cpu: string;
  readonly memory: string;
}

export interface ContainerResources {
  /** What the scheduler reserves for each pod. */
  readonly requests: ComputeResources;
  /** The most a pod may use: CPU above it is throttled, memory above it gets the pod killed. */
  readonly limits: ComputeResources;
}

/** Where the server finds its Azure SQL settings, and the identity it reads them with. */
export interface KeyVaultProps {
  /** Vault URL, e.g. `https://kv-orders-prod.vault.azure.net/`. */
  readonly url: string;
  /**
   * Client id of the user-assigned managed identity whose federated credential trusts
   * `system:serviceaccount:orders:orders`. The workload identity webhook injects it as
   * AZURE_CLIENT_ID, with AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE.
   */
  readonly workloadIdentityClientId: string;
  /** @default "sql" */
  readonly dbAuth?: DbAuthMode;
}

/**
 * Staff sign-in with Microsoft Entra ID (Terraform's entra-app outputs). The server authenticates
 * as the app with the pod's federated service-account token (no client secret) and reads the
 * session secret from Key Vault, so sign-in needs `keyVault` too.
 */
export interface SignInProps {
  /** `https://login.microsoftonline.com/<tenant id>/v2.0` (output `oidc_issuer`). */
  readonly issuer: string;
  /** The app registration's client id (output `oidc_client_id`). */
  readonly clientId: string;
  /** What access tokens' `aud` must be (output `oidc_audience`). @default the client id */
  readonly audience?: string;
  /** The address staff open, `https://…` (output `public_url`); the redirect URI is `<publicUrl>/auth/callback`. */
  readonly publicUrl: string;
}

export interface AutoscalingProps {
  /** Must exceed minAvailable, so that a node drain can always evict a pod. */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Average CPU use, as a percentage of the CPU request, that the autoscaler aims at. */
  readonly targetCpuUtilizationPercent: number;
}

export interface OrdersServiceProps {
  /** Image to run, e.g. `myacr.azurecr.io/orders:3f2c1ab`. Its tag becomes `app.kubernetes.io/version`. */
  readonly image: string;
  /** Names the instance (`app.kubernetes.io/instance: orders-<environment>`). */
  readonly environment: string;
  /**
   * Pod count. Ignored (the Deployment leaves `replicas` unset) when `autoscaling` is given,
   * so that `kubectl apply` does not undo the autoscaler's choice on every deploy.
   * @default 3
   */
  readonly replicas?: number;
  /** @default requests 250m CPU / 384Mi memory, limits 1 CPU / 512Mi memory */
  readonly resources?: ContainerResources;
  /** @default "info" */
  readonly logLevel?: Exclude<LogLevel, "silent">;
  /**
   * Azure Key Vault and workload identity.
   * @default - none: each pod keeps a throwaway SQLite database under /tmp, which suits a local
   * cluster and nothing else.
   */
  readonly keyVault?: KeyVaultProps;
  /**
   * Staff sign-in. Without it the pods run with sign-in off in development mode: for a throwaway
   * local cluster only (the server refuses production without sign-in).
   * @default - none
   */
  readonly signIn?: SignInProps;
  /**
   * The staff way in: a Gateway (AKS application routing, `approuting-istio`) for the host of
   * `signIn.publicUrl`, TLS from Key Vault, and NetworkPolicies that let only its pods reach the
   * server's, which therefore trust the one hop it adds (TRUST_PROXY=1).
   * @default - none: no Gateway, no NetworkPolicies, TRUST_PROXY unset (reach the pods with kubectl port-forward)
   */
  readonly gateway?: GatewaySettings;
  /** Seconds the preStop hook waits, so endpoints stop sending traffic before SIGTERM. @default 5 */
  readonly preStopSleepSeconds?: number;
  /** How long the server drains in-flight requests after SIGTERM (SHUTDOWN_TIMEOUT_MS). @default 10000 */
  readonly shutdownTimeoutMs?: number;
  /**
   * Must cover the preStop sleep, the drain and EXIT_MARGIN_SECONDS; the construct refuses less.
   * @default 30
   */
  readonly terminationGracePeriodSeconds?: number;
  /** Pods that voluntary disruptions (node drains, upgrades) must leave running. @default 2 */
  readonly minAvailable?: number;
  /** A HorizontalPodAutoscaler on CPU. @default - none: a fixed `replicas` */
  readonly autoscaling?: AutoscalingProps;
}

const DEFAULT_RESOURCES: ContainerResources = {
  requests: { cpu: "250m", memory: "384Mi" },
  limits: { cpu: "1", memory: "512Mi" },
};

/**
 * The orders GraphQL server on AKS: ServiceAccount (workload identity), ConfigMap, Deployment,
 * ClusterIP Service, PodDisruptionBudget and, optionally, a HorizontalPodAutoscaler and the staff
 * gateway with the NetworkPolicies that make it the only way in, all in the `orders` namespace
 * (which the chart creates).
 */
export class OrdersService extends Construct {
  /** Labels that identify this instance's pods; the Deployment, Service and PDB select on them. */
  public readonly selectorLabels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: OrdersServiceProps) {
    super(scope, id);

    if (!isLabelValue(`${APP_NAME}-${props.environment}`)) {
      throw new Error(`OrdersService: environment "${props.environment}" must be a short label value such as "prod"`);
    }
    const image = parseImageReference(props.image);
    if (!image) throw new Error(`OrdersService: "${props.image}" is not a container image reference`);

    const replicas = props.replicas ?? 3;
    const resources = props.resources ?? DEFAULT_RESOURCES;
    const preStopSleepSeconds = props.preStopSleepSeconds ?? 5;
    const shutdownTimeoutMs = props.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    const terminationGracePeriodSeconds = props.terminationGracePeriodSeconds ?? 30;
    const minAvailable = props.minAvailable ?? 2;
    const fewestPods = props.autoscaling?.minReplicas ?? replicas;

    checkTermination(preStopSleepSeconds, shutdownTimeoutMs, terminationGracePeriodSeconds);
    checkResources(resources);
    if (!Number.isInteger(minAvailable) || minAvailable < 1 || minAvailable >= fewestPods) {
      throw new Error(
        `OrdersService: minAvailable ${minAvailable} must be at least 1 and below the pod count ${fewestPods}, ` +
          "or the PodDisruptionBudget would block every node drain",
      );
    }
    if (props.autoscaling) checkAutoscaling(props.autoscaling);
    if (props.signIn && !props.keyVault) {
      throw new Error("OrdersService: signIn needs keyVault: the session secret is read from the vault with the workload identity");
    }
    if (props.gateway && !props.signIn) {
      throw new Error("OrdersService: gateway needs signIn: the gateway opens the server to staff networks, which must not find sign-in off");
    }
    if (props.gateway && new URL(props.signIn!.publicUrl).port !== "") {
      throw new Error(`OrdersService: the gateway serves https on 443, so signIn.publicUrl must have no port, got ${props.signIn!.publicUrl}`);
    }

    this.selectorLabels = {
      "app.kubernetes.io/name": APP_NAME,
      "app.kubernetes.io/instance": `${APP_NAME}-${props.environment}`,
    };
    const labels = {
      ...this.selectorLabels,
      "app.kubernetes.io/component": "server",
      "app.kubernetes.io/part-of": APP_NAME,
      "app.kubernetes.io/managed-by": "cdk8s",
    };
    const version = image.tag !== undefined && isLabelValue(image.tag) ? image.tag : undefined;
    const versionedLabels = version ? { ...labels, "app.kubernetes.io/version": version } : labels;
    const workloadIdentity = props.keyVault !== undefined;

    new k8s.KubeServiceAccount(this, "service-account", {
      metadata: {
        name: SERVICE_ACCOUNT_NAME,
        namespace: NAMESPACE,
        labels: workloadIdentity ? { ...labels, "azure.workload.identity/use": "true" } : labels,
        annotations: props.keyVault
          ? { "azure.workload.identity/client-id": props.keyVault.workloadIdentityClientId }
          : undefined,
      },
      // The server never calls the Kubernetes API; the workload identity webhook projects its own token.
      automountServiceAccountToken: false,
    });

    const settings = serverSettings(props, shutdownTimeoutMs);
    new k8s.KubeConfigMap(this, "config", {
      metadata: { name: CONFIG_MAP_NAME, namespace: NAMESPACE, labels },
      data: settings,
    });

    // Before the pods, so that none runs with TRUST_PROXY=1 while anything but the gateway reaches it.
    if (props.gateway) {
      new OrdersNetworkPolicies(this, "network-policies", {
        podLabels: this.selectorLabels,
        clientNamespace: GATEWAY_NAMESPACE,
        clientLabels: GATEWAY_POD_LABELS,
        port: DEFAULT_PORT,
        databasePorts: props.keyVault ? AZURE_SQL_PORTS : undefined,
        labels,
      });
    }

    new k8s.KubeDeployment(this, "deployment", {
      metadata: { name: APP_NAME, namespace: NAMESPACE, labels: versionedLabels },
      spec: {
        replicas: props.autoscaling ? undefined : replicas,
        selector: { matchLabels: this.selectorLabels },
        strategy: {
          type: "RollingUpdate",
          rollingUpdate: { maxSurge: k8s.IntOrString.fromNumber(1), maxUnavailable: k8s.IntOrString.fromNumber(1) },
        },
        template: {
          metadata: {
            labels: workloadIdentity ? { ...versionedLabels, "azure.workload.identity/use": "true" } : versionedLabels,
            // A ConfigMap change alone does not restart pods; a changed hash in the template does.
            annotations: { "checksum/config": sha256(JSON.stringify(settings)) },
          },
          spec: serverPodSpec({
            image: props.image,
            resources,
            preStopSleepSeconds,
            terminationGracePeriodSeconds,
            selectorLabels: this.selectorLabels,
          }),
        },
      },
    });

    new k8s.KubeService(this, "service", {
      metadata: { name: APP_NAME, namespace: NAMESPACE, labels },
      spec: {
        type: "ClusterIP",
        selector: this.selectorLabels,
        ports: [
          {
            name: "http",
            port: SERVICE_PORT,
            targetPort: k8s.IntOrString.fromNumber(DEFAULT_PORT),
            protocol: "TCP",
            appProtocol: "http",
          },
        ],
      },
    });

    new k8s.KubePodDisruptionBudget(this, "pdb", {
      metadata: { name: APP_NAME, namespace: NAMESPACE, labels },
      spec: {
        minAvailable: k8s.IntOrString.fromNumber(minAvailable),
        selector: { matchLabels: this.selectorLabels },
        // Pods that are not ready serve nothing; let drains evict them even when the budget is spent.
        unhealthyPodEvictionPolicy: "AlwaysAllow",
      },
    });

    if (props.autoscaling) {
      new k8s.KubeHorizontalPodAutoscalerV2(this, "hpa", {
        metadata: { name: APP_NAME, namespace: NAMESPACE, labels },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: APP_NAME },
          minReplicas: props.autoscaling.minReplicas,
          maxReplicas: props.autoscaling.maxReplicas,
          metrics: [
            {
              type: "Resource",
              resource: {
                name: "cpu",
                target: { type: "Utilization", averageUtilization: props.autoscaling.targetCpuUtilizationPercent },
              },
            },
          ],
        },
      });
    }

    if (props.gateway) {
      // Without `instance`: Istio may copy the Gateway's labels onto its own pods, which must not
      // match this instance's selector (the Service would send them the server's requests).
      const gatewayLabels = { ...labels, "app.kubernetes.io/component": "gateway" } as Record<string, string>;
      delete gatewayLabels["app.kubernetes.io/instance"];
      new OrdersGateway(this, "gateway", {
        ...props.gateway,
        hostname: new URL(props.signIn!.publicUrl).hostname,
        backend: { serviceName: APP_NAME, port: SERVICE_PORT },
        labels: gatewayLabels,
      });
    }
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
