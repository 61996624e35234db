/** The staff gateway and the NetworkPolicies that make it the only way to the server's pods. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { Testing } from "cdk8s";
import { describe, expect, it } from "vitest";
import { DEFAULT_PORT } from "../server/core/contracts.js";
import { GATEWAY_POD_LABELS, type GatewaySettings, OrdersGateway, type OrdersGatewayProps } from "./gateway.js";
import { GATEWAY_NAMESPACE, NAMESPACE } from "./names.js";
import { OrdersService } from "./orders-service.js";
import { DEV_AKS_ENV, DEV_LOCAL_ENV, PROD_ENV, selects, synthManifests, type Manifests } from "./test-helpers.js";

const LB = "service.beta.kubernetes.io";

/** The labels Istio gives the gateway's pods: the Gateway's infrastructure labels and its name. */
function gatewayPodLabels(manifests: Manifests): Record<string, string> {
  const gateway = manifests.one("Gateway");
  return { ...gateway.spec.infrastructure?.labels, "gateway.networking.k8s.io/gateway-name": gateway.metadata!.name! };
}

describe.each([
  ["prod", PROD_ENV],
  ["dev on AKS", DEV_AKS_ENV],
] as const)("%s: the staff gateway", (_name, env) => {
  const manifests = synthManifests(env);
  const gateway = manifests.one("Gateway");
  const host = new URL(env.PUBLIC_URL).hostname;
  const podLabels = manifests.one("Deployment").spec!.template.metadata!.labels!;
  const listener = (name: string) => gateway.spec.listeners.find((l) => l.name === name)!;

  it("is an approuting-istio Gateway with https on 443 and http on 80, both for the staff host only", () => {
    expect(gateway.metadata).toMatchObject({ name: "orders", namespace: GATEWAY_NAMESPACE });
    expect(gateway.spec.gatewayClassName).toBe("approuting-istio");
    expect(gateway.spec.listeners.map(({ name, port, protocol, hostname }) => ({ name, port, protocol, hostname }))).toEqual([
      { name: "https", port: 443, protocol: "HTTPS", hostname: host },
      { name: "http", port: 80, protocol: "HTTP", hostname: host },
    ]);
    expect(listener("http").tls).toBeUndefined();
  });

  it("terminates TLS with the Key Vault certificate, read through the gateway TLS service account", () => {
    expect(listener("https").tls).toMatchObject({
      mode: "Terminate",
      options: {
        "kubernetes.azure.com/tls-cert-keyvault-uri": env.TLS_CERTIFICATE_URI,
        "kubernetes.azure.com/tls-cert-service-account": "orders-gateway-tls",
      },
      // The operator's own name for the Secret it syncs: kv-gw-cert-<gateway>-<listener>.
      certificateRefs: [{ group: "", kind: "Secret", name: "kv-gw-cert-orders-https", namespace: GATEWAY_NAMESPACE }],
    });
    expect(manifests.named("ServiceAccount", "orders-gateway-tls").metadata).toMatchObject({
      namespace: gateway.metadata!.namespace,
      labels: { "azure.workload.identity/use": "true" },
      annotations: { "azure.workload.identity/client-id": env.GATEWAY_TLS_CLIENT_ID },
    });
  });

  it("sends https for the staff host to the orders Service, and nothing on plain http", () => {
    const route = manifests.named("HTTPRoute", "orders");
    const service = manifests.one("Service");
    expect(route.metadata).toMatchObject({ namespace: NAMESPACE });
    expect(route.spec.parentRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "Gateway", namespace: GATEWAY_NAMESPACE, name: "orders", sectionName: "https" }]);
    expect(route.spec.hostnames).toEqual([host]);
    expect(route.spec.rules).toHaveLength(1);
    expect(route.spec.rules![0]!.matches).toEqual([{ path: { type: "PathPrefix", value: "/" } }]);
    expect(route.spec.rules![0]!.backendRefs).toEqual([{ group: "", kind: "Service", name: service.metadata!.name, port: service.spec!.ports![0]!.port }]);
    expect(service.spec!.ports![0]!.targetPort).toBe(DEFAULT_PORT);
  });

  it("runs apart from the server, in a namespace of its own under Pod Security 'baseline', taking routes from the server's namespace only", () => {
    const namespace = manifests.named("Namespace", GATEWAY_NAMESPACE);
    expect(namespace.metadata!.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "restricted" });
    for (const name of ["https", "http"]) {
      expect(listener(name).allowedRoutes?.namespaces).toEqual({ from: "Selector", selector: { matchLabels: { "kubernetes.io/metadata.name": NAMESPACE } } });
    }
  });

  it("answers plain http with a 301 to https and nothing else", () => {
    const redirect = manifests.named("HTTPRoute", "orders-redirect-to-https");
    expect(redirect.spec.parentRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "Gateway", namespace: GATEWAY_NAMESPACE, name: "orders", sectionName: "http" }]);
    expect(redirect.spec.hostnames).toEqual([host]);
    expect(redirect.spec.rules).toEqual([{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }]);
    expect(manifests.all("HTTPRoute")).toHaveLength(2);
  });

  it("carries no label that would make the gateway's pods look like the server's", () => {
    expect(selects(manifests.one("Deployment").spec!.selector.matchLabels, gateway.metadata!.labels!)).toBe(false);
    expect(selects(manifests.one("Deployment").spec!.selector.matchLabels, gatewayPodLabels(manifests))).toBe(false);
    expect(selects(GATEWAY_POD_LABELS, podLabels)).toBe(false);
  });

  it("has the server trust the one hop the gateway adds", () => {
    expect(manifests.one("ConfigMap").data!.TRUST_PROXY).toBe("1");
  });
});

describe("load balancer exposure", () => {
  it("prod is internal at the address Terraform reserved in the ingress subnet", () => {
    expect(synthManifests(PROD_ENV).one("Gateway").spec.infrastructure!.annotations).toEqual(JSON.parse(PROD_ENV.INGRESS_SERVICE_ANNOTATIONS));
  });

  it("dev on AKS is public, on Terraform's public IP, admitting only the allowed ranges", () => {
    const annotations = synthManifests(DEV_AKS_ENV).one("Gateway").spec.infrastructure!.annotations!;
    expect(annotations).toEqual({
      [`${LB}/azure-pip-name`]: "pip-orders-dev-ingress",
      [`${LB}/azure-load-balancer-resource-group`]: "rg-orders-dev",
      [`${LB}/azure-allowed-ip-ranges`]: DEV_AKS_ENV.INGRESS_ALLOWED_CIDRS,
    });
    expect(annotations).not.toHaveProperty(`${LB}/azure-load-balancer-internal`);
  });
});

describe.each([
  ["prod", PROD_ENV],
  ["dev on AKS", DEV_AKS_ENV],
] as const)("%s: NetworkPolicies", (_name, env) => {
  const manifests = synthManifests(env);
  const podLabels = manifests.one("Deployment").spec!.template.metadata!.labels!;
  const policy = (name: string) => manifests.named("NetworkPolicy", name).spec!;

  it("select the server's pods only, not the gateway's", () => {
    for (const { spec } of manifests.all("NetworkPolicy")) {
      expect(selects(spec!.podSelector.matchLabels, podLabels)).toBe(true);
      expect(selects(spec!.podSelector.matchLabels, gatewayPodLabels(manifests))).toBe(false);
    }
  });

  it("deny everything in both directions by default", () => {
    expect(policy("orders-default-deny")).toMatchObject({ policyTypes: ["Ingress", "Egress"] });
    expect(policy("orders-default-deny").ingress).toBeUndefined();
    expect(policy("orders-default-deny").egress).toBeUndefined();
  });

  it("admit only the gateway's pods, on the container port", () => {
    const ingress = manifests.all("NetworkPolicy").flatMap(({ spec }) => spec!.ingress ?? []);
    expect(ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": GATEWAY_NAMESPACE } }, podSelector: { matchLabels: GATEWAY_POD_LABELS } }],
        ports: [{ protocol: "TCP", port: DEFAULT_PORT }],
      },
    ]);
    expect(selects(GATEWAY_POD_LABELS, gatewayPodLabels(manifests))).toBe(true);
  });

  it("let out DNS to kube-dns, https to public addresses, and Azure SQL", () => {
    const egress = manifests.all("NetworkPolicy").flatMap(({ spec }) => spec!.egress ?? []);
    expect(egress).toHaveLength(3);
    const [dns, https, database] = egress;
    expect(dns).toEqual({
      to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
      ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
    });
    expect(https!.ports).toEqual([{ protocol: "TCP", port: 443 }]);
    expect(https!.to).toEqual([{ ipBlock: { cidr: "0.0.0.0/0", except: expect.arrayContaining(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"]) } }]);
    expect(database!.ports).toEqual([{ protocol: "TCP", port: 1433 }, { protocol: "TCP", port: 11000, endPort: 11999 }]);
    // Every rule names its ports: nothing is open on all of them.
    expect(egress.every((rule) => (rule.ports ?? []).length > 0)).toBe(true);
  });

  it("are in place before the pods start (they come first in the file)", () => {
    const kinds = manifests.objects.map((o) => o.kind);
    expect(kinds.lastIndexOf("NetworkPolicy")).toBeLessThan(kinds.indexOf("Deployment"));
  });
});

describe("a local cluster (dev without a vault)", () => {
  it("has no gateway, no NetworkPolicies, and trusts no forwarded header", () => {
    const manifests = synthManifests(DEV_LOCAL_ENV);
    expect(manifests.all("Gateway")).toEqual([]);
    expect(manifests.all("HTTPRoute")).toEqual([]);
    expect(manifests.all("NetworkPolicy")).toEqual([]);
    expect(manifests.one("ConfigMap").data).not.toHaveProperty("TRUST_PROXY");
  });
});

describe("Terraform agrees", () => {
  it("on the gateway TLS service account its federated credential trusts", async () => {
    const locals = (await parse("locals.tf", readFileSync(join(import.meta.dirname, "../terraform/locals.tf"), "utf8"))).locals[0];
    expect(locals.gateway_tls_service_account).toEqual({ name: "orders-gateway-tls", namespace: "${local.app_kubernetes_namespace}-gateway" });
    expect(GATEWAY_NAMESPACE).toBe(`${NAMESPACE}-gateway`);
    expect(locals.app_kubernetes_namespace).toBe(NAMESPACE);
  });
});

describe("OrdersGateway and OrdersService refuse", () => {
  const settings: GatewaySettings = { tlsCertificateUri: PROD_ENV.TLS_CERTIFICATE_URI, tlsIdentityClientId: PROD_ENV.GATEWAY_TLS_CLIENT_ID };
  const gateway = (props: Partial<OrdersGatewayProps>) => () =>
    new OrdersGateway(Testing.chart(), "gateway", {
      ...settings,
      hostname: "orders.retail.example.com",
      backend: { serviceName: "orders", port: 80 },
      labels: {},
      ...props,
    });

  it.each<[string, Partial<OrdersGatewayProps>, RegExp]>([
    ["a public gateway open to all", { exposure: { kind: "public", allowedCidrs: [] } }, /would admit the whole internet/],
    ["0.0.0.0/0", { exposure: { kind: "public", allowedCidrs: ["0.0.0.0/0"] } }, /allowedCidrs 0\.0\.0\.0\/0 are not IPv4 ranges/],
    ["a public IP for an internal one", { loadBalancerPlacement: { [`${LB}/azure-pip-name`]: "pip" } }, /azure-pip-name does not belong to a internal/],
    ["a public address for an internal one", { loadBalancerPlacement: { [`${LB}/azure-load-balancer-ipv4`]: "20.1.2.3" } }, /20\.1\.2\.3 is public, but the gateway is internal/],
    ["a secret URI", { tlsCertificateUri: "https://kv-orders-prod.vault.azure.net/secrets/staff-tls" }, /tlsCertificateUri .* is not https:\/\/<vault>/],
    ["an address for a host", { hostname: "10.0.1.4" }, /hostname "10\.0\.1\.4" is not a lower-case DNS name/],
  ])("%s", (_name, props, message) => {
    expect(gateway(props)).toThrow(message);
  });

  it("a gateway in front of a server with sign-in off, or on another port", () => {
    const service = (publicUrl?: string) => () =>
      new OrdersService(Testing.chart(), "orders", {
        image: "orders:test",
        environment: "test",
        gateway: settings,
        ...(publicUrl
          ? {
              keyVault: { url: PROD_ENV.KEY_VAULT_URL, workloadIdentityClientId: PROD_ENV.AZURE_CLIENT_ID },
              signIn: { issuer: PROD_ENV.OIDC_ISSUER, clientId: PROD_ENV.OIDC_CLIENT_ID, publicUrl },
            }
          : {}),
      });
    expect(service()).toThrow(/gateway needs signIn/);
    expect(service("https://orders.retail.example.com:8443")).toThrow(/must have no port/);
    expect(service("https://orders.retail.example.com")).not.toThrow();
  });
});
