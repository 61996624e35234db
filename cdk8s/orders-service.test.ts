import { Testing, Yaml } from "cdk8s";
import { describe, expect, it } from "vitest";
import { DEFAULT_PORT, HEALTH_PATH, READY_PATH } from "../server/core/contracts.js";
import { EXIT_MARGIN_SECONDS, GATEWAY_NAMESPACE, GATEWAY_TLS_SERVICE_ACCOUNT_NAME, NAMESPACE } from "./names.js";
import { OrdersService, type OrdersServiceProps } from "./orders-service.js";
import {
  DEV_AKS_ENV,
  DEV_LOCAL_ENV,
  PROD_ENV,
  SCENARIOS,
  restrictedViolations,
  selects,
  synthManifests,
} from "./test-helpers.js";

describe("synthesised manifests", () => {
  it.each(Object.entries(SCENARIOS))("match the reviewed snapshot (%s)", async (name, env) => {
    const yaml = Yaml.stringify(...synthManifests(env).objects);
    await expect(yaml).toMatchFileSnapshot(`__snapshots__/orders-${name}.k8s.yaml`);
  });
});

describe.each(Object.entries(SCENARIOS))("%s", (_name, env) => {
  const manifests = synthManifests(env);
  const deployment = manifests.one("Deployment");
  const pod = manifests.podSpec;
  const podLabels = deployment.spec!.template.metadata!.labels!;
  const container = pod.containers.find((c) => c.name === "server")!;
  const settings = manifests.one("ConfigMap").data!;

  it("rolls out one pod at a time as the old Deployment did", () => {
    expect(deployment.spec!.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: 1, maxUnavailable: 1 },
    });
  });

  it("probes the server's own routes on its port", () => {
    expect(container.ports).toEqual([{ name: "http", containerPort: DEFAULT_PORT, protocol: "TCP" }]);
    expect(container.startupProbe?.httpGet).toEqual({ path: HEALTH_PATH, port: DEFAULT_PORT });
    expect(container.livenessProbe?.httpGet).toEqual({ path: HEALTH_PATH, port: DEFAULT_PORT });
    expect(container.readinessProbe?.httpGet).toEqual({ path: READY_PATH, port: DEFAULT_PORT });
  });

  it("exposes port 80 on a ClusterIP Service that targets the container port", () => {
    const service = manifests.one("Service");
    expect(service.spec!.type).toBe("ClusterIP");
    expect(service.spec!.ports).toHaveLength(1);
    expect(service.spec!.ports![0]!.port).toBe(80);
    expect(service.spec!.ports![0]!.targetPort).toBe(container.ports![0]!.containerPort);
    expect(selects(service.spec!.selector, podLabels)).toBe(true);
  });

  it("meets Pod Security 'restricted', enforced on the namespace", () => {
    expect(restrictedViolations(pod)).toEqual([]);
    const namespace = manifests.named("Namespace", NAMESPACE);
    expect(namespace.metadata!.name).toBe(NAMESPACE);
    expect(namespace.metadata!.labels!["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });

  it("runs as uid 10001 on a read-only root filesystem, writing only to an emptyDir at /tmp", () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 });
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(container.volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
    expect(pod.volumes?.find((v) => v.name === "tmp")?.emptyDir).toBeDefined();
  });

  it("gives the preStop pause and the drain time to finish before the kill", () => {
    const command = container.lifecycle?.preStop?.exec?.command ?? [];
    expect(command.slice(0, 1)).toEqual(["sleep"]);
    const preStopSeconds = Number(command[1]);
    const drainSeconds = Number(settings.SHUTDOWN_TIMEOUT_MS) / 1000;
    expect(preStopSeconds).toBeGreaterThan(0);
    expect(drainSeconds).toBeGreaterThan(0);
    expect(preStopSeconds + drainSeconds + EXIT_MARGIN_SECONDS).toBeLessThanOrEqual(pod.terminationGracePeriodSeconds!);
  });

  it("sets CPU and memory requests and limits", () => {
    for (const key of ["requests", "limits"] as const) {
      expect(Object.keys(container.resources?.[key] ?? {}).sort()).toEqual(["cpu", "memory"]);
    }
  });

  it("keeps at least two pods through voluntary disruptions, selecting exactly these pods", () => {
    const pdb = manifests.one("PodDisruptionBudget");
    expect(pdb.spec!.minAvailable).toBe(2);
    expect(pdb.spec!.selector!.matchLabels).toEqual(deployment.spec!.selector.matchLabels);
    expect(selects(pdb.spec!.selector!.matchLabels, podLabels)).toBe(true);
    const fewestPods = manifests.all("HorizontalPodAutoscaler")[0]?.spec!.minReplicas ?? deployment.spec!.replicas!;
    expect(fewestPods).toBeGreaterThan(2);
  });

  it("spreads pods across nodes", () => {
    const byNode = pod.topologySpreadConstraints?.find((c) => c.topologyKey === "kubernetes.io/hostname");
    expect(byNode).toMatchObject({ maxSkew: 1, whenUnsatisfiable: "DoNotSchedule" });
    expect(selects(byNode!.labelSelector!.matchLabels, podLabels)).toBe(true);
  });

  it("puts the server's settings in the ConfigMap and no secrets anywhere", () => {
    expect(settings).toMatchObject({ PORT: String(DEFAULT_PORT), LOG_LEVEL: expect.any(String) });
    // Only a throwaway local cluster runs without sign-in, and so not as production (which refuses it).
    const signedIn = "OIDC_ISSUER" in env;
    expect(settings).toMatchObject(signedIn ? { NODE_ENV: "production", AUTH_MODE: "oidc" } : { NODE_ENV: "development", AUTH_MODE: "off" });
    expect(container.envFrom).toEqual([{ configMapRef: { name: manifests.one("ConfigMap").metadata!.name } }]);
    expect(container.env).toBeUndefined();
    expect(manifests.objects.map((o) => o.kind)).not.toContain("Secret");
  });

  it("labels everything with app.kubernetes.io/* and selects pods by name and instance", () => {
    expect(deployment.spec!.selector.matchLabels).toEqual({
      "app.kubernetes.io/name": "orders",
      "app.kubernetes.io/instance": `orders-${"DEPLOY_ENV" in env ? env.DEPLOY_ENV : "dev"}`,
    });
    expect(selects(deployment.spec!.selector.matchLabels, podLabels)).toBe(true);
    for (const object of manifests.objects) {
      expect(object.metadata.labels?.["app.kubernetes.io/managed-by"], object.kind).toBe("cdk8s");
      expect(object.metadata.labels?.["app.kubernetes.io/part-of"], object.kind).toBe("orders");
      if (object.kind !== "Namespace") {
        // Only the Gateway and the service account it reads its certificate through live in the gateway's namespace.
        const gatewaySide = object.kind === "Gateway" || object.metadata.name === GATEWAY_TLS_SERVICE_ACCOUNT_NAME;
        expect(object.metadata.namespace, object.kind).toBe(gatewaySide ? GATEWAY_NAMESPACE : NAMESPACE);
        expect(object.metadata.labels?.["app.kubernetes.io/name"], object.kind).toBe("orders");
      }
    }
  });
});

describe("staff sign-in", () => {
  it("gives prod's pods the sign-in settings; the client secret is no one's (the federated token), the session secret the vault's", () => {
    const settings = synthManifests(PROD_ENV).one("ConfigMap").data!;
    expect(settings).toMatchObject({
      AUTH_MODE: "oidc",
      OIDC_ISSUER: PROD_ENV.OIDC_ISSUER,
      OIDC_CLIENT_ID: PROD_ENV.OIDC_CLIENT_ID,
      OIDC_AUDIENCE: PROD_ENV.OIDC_CLIENT_ID,
      PUBLIC_URL: PROD_ENV.PUBLIC_URL,
      KEY_VAULT_URL: PROD_ENV.KEY_VAULT_URL,
    });
    expect(Object.keys(settings)).not.toContain("OIDC_CLIENT_SECRET");
    expect(Object.keys(settings)).not.toContain("SESSION_SECRET");
    // The workload identity webhook projects the token the server signs in to Entra with.
    expect(synthManifests(PROD_ENV).one("Deployment").spec!.template.metadata!.labels!["azure.workload.identity/use"]).toBe("true");
  });

  it("refuses sign-in without a vault to read the session secret from", () => {
    const chart = Testing.chart();
    const signIn = { issuer: PROD_ENV.OIDC_ISSUER, clientId: PROD_ENV.OIDC_CLIENT_ID, publicUrl: PROD_ENV.PUBLIC_URL };
    expect(() => new OrdersService(chart, "orders", { image: "orders:dev", environment: "dev", signIn })).toThrow(/signIn needs keyVault/);
  });
});

describe("workload identity and Key Vault", () => {
  it.each([
    ["prod", PROD_ENV],
    ["dev on AKS", DEV_AKS_ENV],
  ] as const)("%s: the service account carries the client id and pods opt in to the webhook", (_name, env) => {
    const manifests = synthManifests(env);
    const account = manifests.named("ServiceAccount", "orders");
    expect(account.metadata).toMatchObject({
      name: "orders",
      namespace: "orders",
      labels: { "azure.workload.identity/use": "true" },
      annotations: { "azure.workload.identity/client-id": env.AZURE_CLIENT_ID },
    });
    expect(manifests.podSpec.serviceAccountName).toBe("orders");
    const podLabels = manifests.one("Deployment").spec!.template.metadata!.labels!;
    expect(podLabels["azure.workload.identity/use"]).toBe("true");
    expect(manifests.one("ConfigMap").data).toMatchObject({
      KEY_VAULT_URL: env.KEY_VAULT_URL,
      AZURE_CREDENTIAL: "workload",
      DB_AUTH: "DB_AUTH" in env ? env.DB_AUTH : "sql",
    });
  });

  it("dev without a vault runs on SQLite under /tmp and does not ask for an identity", () => {
    const manifests = synthManifests(DEV_LOCAL_ENV);
    const data = manifests.one("ConfigMap").data!;
    expect(data.DATABASE_URL).toBe("sqlite:/tmp/orders.sqlite");
    expect(data).not.toHaveProperty("KEY_VAULT_URL");
    expect(manifests.one("ServiceAccount").metadata!.annotations).toBeUndefined();
    expect(manifests.one("Deployment").spec!.template.metadata!.labels).not.toHaveProperty("azure.workload.identity/use");
  });
});

describe("replicas", () => {
  it("dev runs a fixed 3 replicas", () => {
    const manifests = synthManifests(DEV_LOCAL_ENV);
    expect(manifests.one("Deployment").spec!.replicas).toBe(3);
    expect(manifests.all("HorizontalPodAutoscaler")).toEqual([]);
  });

  it("prod leaves replicas to the autoscaler, which never goes below 3", () => {
    const manifests = synthManifests(PROD_ENV);
    // A replicas field would be re-applied on every deploy, undoing the autoscaler.
    expect(manifests.one("Deployment").spec!.replicas).toBeUndefined();
    const hpa = manifests.one("HorizontalPodAutoscaler");
    expect(hpa.spec!.minReplicas).toBe(3);
    expect(hpa.spec!.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "orders" });
  });
});

describe("OrdersService", () => {
  const base: OrdersServiceProps = { image: "orders:test", environment: "test" };
  const synth = (props: Partial<OrdersServiceProps>) => {
    const chart = Testing.chart();
    new OrdersService(chart, "orders", { ...base, ...props });
    return Testing.synth(chart);
  };

  it("tags pods with the image tag as app.kubernetes.io/version, and not with a digest", () => {
    const version = (image: string) =>
      synth({ image }).find((o) => o.kind === "Deployment").spec.template.metadata.labels["app.kubernetes.io/version"];
    expect(version("myacr.azurecr.io/orders:3f2c1ab")).toBe("3f2c1ab");
    expect(version(`myacr.azurecr.io/orders@sha256:${"a".repeat(64)}`)).toBeUndefined();
  });

  it("restarts pods when a setting changes", () => {
    const hash = (props: Partial<OrdersServiceProps>) =>
      synth(props).find((o) => o.kind === "Deployment").spec.template.metadata.annotations["checksum/config"];
    expect(hash({ logLevel: "info" })).toBe(hash({ logLevel: "info" }));
    expect(hash({ logLevel: "info" })).not.toBe(hash({ logLevel: "debug" }));
  });

  it("refuses a grace period that the preStop pause and the drain do not fit in", () => {
    expect(() => synth({ shutdownTimeoutMs: 25_000 })).toThrow(/terminationGracePeriodSeconds 30 is too short.*need 35 s/);
    expect(() => synth({ shutdownTimeoutMs: 25_000, terminationGracePeriodSeconds: 35 })).not.toThrow();
  });

  it("refuses a disruption budget that would block every drain", () => {
    expect(() => synth({ replicas: 2 })).toThrow(/minAvailable 2 must be .* below the pod count 2/);
    expect(() => synth({ replicas: 2, minAvailable: 1 })).not.toThrow();
  });

  it("refuses requests above limits and malformed quantities", () => {
    const limits = { cpu: "500m", memory: "512Mi" };
    expect(() => synth({ resources: { requests: { cpu: "1", memory: "256Mi" }, limits } })).toThrow(
      /cpu request 1 exceeds its limit 500m/,
    );
    expect(() => synth({ resources: { requests: { cpu: "100m", memory: "1Gi" }, limits } })).toThrow(/memory request 1Gi exceeds/);
    expect(() => synth({ resources: { requests: { cpu: "100m", memory: "256MB" }, limits } })).toThrow(/not a Kubernetes quantity/);
  });

  it("refuses an environment name that cannot be a label", () => {
    expect(() => synth({ environment: "prod env" })).toThrow(/environment "prod env" must be a short label value/);
  });

  it("refuses an autoscaler with a range upside down", () => {
    expect(() => synth({ autoscaling: { minReplicas: 5, maxReplicas: 3, targetCpuUtilizationPercent: 70 } })).toThrow(
      /minReplicas ≤ maxReplicas/,
    );
  });
});

describe("restrictedViolations (the checker the tests above rely on)", () => {
  it("flags what the restricted profile forbids", () => {
    const violations = restrictedViolations({
      hostNetwork: true,
      volumes: [{ name: "host", hostPath: { path: "/var/run" } }],
      containers: [
        {
          name: "bad",
          image: "x",
          ports: [{ containerPort: 80, hostPort: 80 }],
          securityContext: { privileged: true, runAsUser: 0, capabilities: { add: ["SYS_ADMIN"] } },
        },
      ],
    });
    expect(violations).toEqual([
      "pod: hostNetwork",
      "volume host: hostPath",
      "container bad: privileged",
      "container bad: allowPrivilegeEscalation is not false",
      "container bad: runAsNonRoot is not true",
      "container bad: runAsUser 0",
      "container bad: seccomp undefined",
      "container bad: capabilities do not drop ALL",
      "container bad: adds capabilities SYS_ADMIN",
      "container bad: hostPort 80",
    ]);
  });
});
