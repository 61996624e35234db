import { k8s } from "cdk8s-plus-27";
import { DEFAULT_PORT, HEALTH_PATH, READY_PATH } from "../server/core/contracts.js";
import { CONFIG_MAP_NAME, RUN_AS_USER, SERVICE_ACCOUNT_NAME, TMP_PATH } from "./names.js";
import type { ComputeResources, ContainerResources } from "./orders-service.js";

export interface ServerPodProps {
  readonly image: string;
  readonly resources: ContainerResources;
  readonly preStopSleepSeconds: number;
  readonly terminationGracePeriodSeconds: number;
  /** The pods' own labels, for spreading them across nodes and zones. */
  readonly selectorLabels: Readonly<Record<string, string>>;
}

/**
 * The server's pod: the restricted security profile, a read-only root with /tmp, probes on the
 * server's own routes, a preStop pause before the drain, and spread across nodes and zones.
 */
export function serverPodSpec({ image, resources, preStopSleepSeconds, terminationGracePeriodSeconds, selectorLabels }: ServerPodProps): k8s.PodSpec {
  const httpGet = (path: string): k8s.HttpGetAction => ({ path, port: k8s.IntOrString.fromNumber(DEFAULT_PORT) });
  return {
    serviceAccountName: SERVICE_ACCOUNT_NAME,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    terminationGracePeriodSeconds,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: RUN_AS_USER,
      runAsGroup: RUN_AS_USER,
      fsGroup: RUN_AS_USER,
      seccompProfile: { type: "RuntimeDefault" },
    },
    topologySpreadConstraints: [
      {
        // At most one pod more on any node than on another: losing a node costs one pod.
        topologyKey: "kubernetes.io/hostname",
        maxSkew: 1,
        whenUnsatisfiable: "DoNotSchedule",
        // Cordoned (draining) nodes do not count, or drains could leave pods unschedulable.
        nodeTaintsPolicy: "Honor",
        labelSelector: { matchLabels: selectorLabels },
        // Spread each rollout's ReplicaSet on its own, not old and new pods together.
        matchLabelKeys: ["pod-template-hash"],
      },
      {
        topologyKey: "topology.kubernetes.io/zone",
        maxSkew: 1,
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: { matchLabels: selectorLabels },
        matchLabelKeys: ["pod-template-hash"],
      },
    ],
    containers: [
      {
        name: "server",
        image,
        ports: [{ name: "http", containerPort: DEFAULT_PORT, protocol: "TCP" }],
        envFrom: [{ configMapRef: { name: CONFIG_MAP_NAME } }],
        resources: {
          requests: quantities(resources.requests),
          limits: quantities(resources.limits),
        },
        // Generous: migrations run before the server listens. Liveness waits for this to pass.
        startupProbe: { httpGet: httpGet(HEALTH_PATH), periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 60 },
        livenessProbe: { httpGet: httpGet(HEALTH_PATH), periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
        readinessProbe: { httpGet: httpGet(READY_PATH), periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
        lifecycle: {
          // Endpoints and kube-proxy learn of the termination asynchronously; keep serving
          // until they have, then SIGTERM starts the server's drain.
          preStop: { exec: { command: ["sleep", String(preStopSleepSeconds)] } },
        },
        securityContext: {
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        },
        volumeMounts: [{ name: "tmp", mountPath: TMP_PATH }],
      },
    ],
    volumes: [{ name: "tmp", emptyDir: { sizeLimit: k8s.Quantity.fromString("256Mi") } }],
  };
}

function quantities(resources: ComputeResources): Record<string, k8s.Quantity> {
  return { cpu: k8s.Quantity.fromString(resources.cpu), memory: k8s.Quantity.fromString(resources.memory) };
}
