/**
 * The staff way in: a Gateway API `Gateway` served by AKS application routing's Istio
 * implementation (GatewayClass `approuting-istio`), terminating TLS with a Key Vault certificate,
 * and the two `HTTPRoute`s behind it (https to the Service, http redirected to https).
 *
 * Sources (read 2026, not tried on a cluster):
 * - learn.microsoft.com/azure/aks/app-routing-gateway-api-dns-tls: the listener `tls.options`
 *   `kubernetes.azure.com/tls-cert-keyvault-uri` and `…/tls-cert-service-account`, the service account
 *   in the Gateway's namespace with `azure.workload.identity/client-id` and the `use` label, the
 *   synced Secret `kv-gw-cert-<gateway>-<listener>`;
 * - Azure/aks-app-routing-operator (main, 2026-06) pkg/controller/keyvault/spc/gateway.go: what the
 *   operator writes into the listener's `certificateRefs`, the client id it reads from the service
 *   account's annotation, and that only `approuting-istio` / `istio` Gateways count (the former
 *   since PR #571; older operators ignore it);
 * - learn.microsoft.com/azure/aks/istio-gateway-api#annotation-customizations:
 *   `spec.infrastructure.annotations` reach the load balancer Service;
 * - istio/istio (master, 2026-08) manifests/…/files/kube-gateway.yaml: the gateway's pods run in
 *   the Gateway's namespace, labelled `gateway.networking.k8s.io/gateway-name: <gateway>` (a prefix
 *   Istio strips from infrastructure labels, so no Gateway can claim another's); they get a seccomp
 *   profile only if Istio's `gateways.seccompProfile` value is set (see cdk8s/README.md).
 */
import { isIPv4 } from "node:net";
import type { IGateway, IHTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1";
import { ApiObject } from "cdk8s";
import { k8s } from "cdk8s-plus-27";
import { Construct } from "constructs";
import { APP_NAME, GATEWAY_NAME, GATEWAY_NAMESPACE, GATEWAY_TLS_SERVICE_ACCOUNT_NAME, NAMESPACE } from "./names.js";
import { GUID, isHostName, isIPv4Cidr, isPrivateIPv4, KEY_VAULT_CERTIFICATE_URI } from "./props-checks.js";

const GATEWAY_CLASS_NAME = "approuting-istio";
const TLS_CERT_KEYVAULT_URI_OPTION = "kubernetes.azure.com/tls-cert-keyvault-uri";
const TLS_CERT_SERVICE_ACCOUNT_OPTION = "kubernetes.azure.com/tls-cert-service-account";
/**
 * The label Istio puts, from the Gateway's name, on the pods it runs for the Gateway (the label
 * GEP-1762 names for this): the only clients the server's pods admit.
 */
export const GATEWAY_POD_LABELS: Readonly<Record<string, string>> = { "gateway.networking.k8s.io/gateway-name": GATEWAY_NAME };

const LB = "service.beta.kubernetes.io";
/** Makes the load balancer internal (a private address in the VNet). */
export const INTERNAL_LB_ANNOTATION = `${LB}/azure-load-balancer-internal`;
/** The only source ranges a public load balancer (and the NSG AKS manages for it) admits. */
export const ALLOWED_RANGES_ANNOTATION = `${LB}/azure-allowed-ip-ranges`;
/**
 * Where the load balancer's address comes from, as Terraform's `ingress_service_annotations` gives
 * it: internal, a fixed address in the ingress subnet; public, the static public IP Terraform made.
 * Whether it is internal and whom it admits are the construct's to set, from `exposure`.
 */
const PLACEMENT_ANNOTATIONS = {
  internal: [`${LB}/azure-load-balancer-internal-subnet`, `${LB}/azure-load-balancer-ipv4`],
  public: [`${LB}/azure-pip-name`, `${LB}/azure-load-balancer-resource-group`, `${LB}/azure-load-balancer-ipv4`],
} as const;

/** How staff reach the gateway. */
export type IngressExposure =
  /** A private address, from the VNet and the networks joined to it (the shops'), by private DNS. */
  | { readonly kind: "internal" }
  /** A public address that admits only `allowedCidrs` (the shops' and offices' public ranges). */
  | { readonly kind: "public"; readonly allowedCidrs: readonly string[] };

/** What differs between deploys of the gateway (Terraform outputs). */
export interface GatewaySettings {
  /**
   * Key Vault URI of the TLS certificate (output `tls_certificate_uri`). Versionless, so the
   * operator picks up renewals: `https://<vault>.vault.azure.net/certificates/<name>`.
   */
  readonly tlsCertificateUri: string;
  /**
   * Client id of the user-assigned identity that may read that certificate, federated with
   * `system:serviceaccount:orders-gateway:orders-gateway-tls` (GATEWAY_NAMESPACE, GATEWAY_TLS_SERVICE_ACCOUNT_NAME) (output `gateway_tls_service_account.client_id`).
   */
  readonly tlsIdentityClientId: string;
  /** @default { kind: "internal" } */
  readonly exposure?: IngressExposure;
  /**
   * Which address the load balancer takes (`PLACEMENT_ANNOTATIONS`, from Terraform's
   * `ingress_service_annotations`), so that it is the one the DNS record points at.
   * @default - none: Azure picks an address, which the DNS record must then follow
   */
  readonly loadBalancerPlacement?: Readonly<Record<string, string>>;
}

export interface OrdersGatewayProps extends GatewaySettings {
  /** The staff host name, e.g. `orders.retail.example.com` (the host of PUBLIC_URL). */
  readonly hostname: string;
  /** The Service the https route sends requests to, in the server's namespace (`orders`), where the routes live too. */
  readonly backend: { readonly serviceName: string; readonly port: number };
  /**
   * Labels for every object here. They must not select the backend's pods: an Istio without the
   * Gateway's infrastructure labels copies its metadata labels onto the gateway's pods.
   */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The Gateway (https on 443 for the staff host, http on 80 that only redirects) and the service
 * account the application routing operator reads the certificate through, in the gateway's own
 * namespace (Pod Security "baseline": Istio shapes its pods); the routes beside the Service, in
 * the server's namespace, which alone the listeners accept routes from.
 */
export class OrdersGateway extends Construct {
  constructor(scope: Construct, id: string, props: OrdersGatewayProps) {
    super(scope, id);
    checkGateway(props);
    const exposure = props.exposure ?? { kind: "internal" };
    const metadata = (name: string, namespace = NAMESPACE) => ({ name, namespace, labels: { ...props.labels } });

    new k8s.KubeNamespace(this, "namespace", {
      metadata: {
        ...metadata(GATEWAY_NAMESPACE),
        namespace: undefined,
        labels: {
          ...props.labels,
          // Istio's gateway pods (its template sets no seccomp profile unless told to) meet "baseline", not "restricted".
          "pod-security.kubernetes.io/enforce": "baseline",
          "pod-security.kubernetes.io/enforce-version": "latest",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/audit": "restricted",
        },
      },
    });

    new k8s.KubeServiceAccount(this, "tls-service-account", {
      metadata: {
        ...metadata(GATEWAY_TLS_SERVICE_ACCOUNT_NAME, GATEWAY_NAMESPACE),
        labels: { ...props.labels, "azure.workload.identity/use": "true" },
        annotations: { "azure.workload.identity/client-id": props.tlsIdentityClientId },
      },
      // The operator's placeholder pod asks for the token itself; nothing else should get one.
      automountServiceAccountToken: false,
    });

    // Routes from the server's namespace only: nothing else in the cluster can claim the staff host.
    const allowedRoutes = {
      namespaces: { from: "Selector" as const, selector: { matchLabels: { "kubernetes.io/metadata.name": NAMESPACE } } },
      kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }],
    };
    const gateway: IGateway = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: metadata(GATEWAY_NAME, GATEWAY_NAMESPACE),
      spec: {
        gatewayClassName: GATEWAY_CLASS_NAME,
        infrastructure: {
          // Set, so that Istio does not fall back to copying the Gateway's own labels onto its pods
          // (pilot/pkg/config/kube/gatewaycommon/deploymentcontroller.go, extractInfrastructureMetadata).
          labels: { "app.kubernetes.io/part-of": APP_NAME, "app.kubernetes.io/component": "gateway" },
          annotations: {
            ...props.loadBalancerPlacement,
            ...(exposure.kind === "internal"
              ? { [INTERNAL_LB_ANNOTATION]: "true" }
              : { [ALLOWED_RANGES_ANNOTATION]: exposure.allowedCidrs.join(",") }),
          },
        },
        listeners: [
          {
            name: "https",
            hostname: props.hostname,
            port: 443,
            protocol: "HTTPS",
            tls: {
              mode: "Terminate",
              options: {
                [TLS_CERT_KEYVAULT_URI_OPTION]: props.tlsCertificateUri,
                [TLS_CERT_SERVICE_ACCOUNT_OPTION]: GATEWAY_TLS_SERVICE_ACCOUNT_NAME,
              },
              // What the operator writes here once it has synced the certificate. Written by us too,
              // so that a client-side `kubectl apply` (which replaces the whole listener list of a
              // custom resource) does not take it away on every deploy until the operator puts it back.
              certificateRefs: [{ group: "", kind: "Secret", name: `kv-gw-cert-${GATEWAY_NAME}-https`, namespace: GATEWAY_NAMESPACE }],
            },
            allowedRoutes,
          },
          // Plain http only answers with a redirect (the route below); nothing is served on it.
          { name: "http", hostname: props.hostname, port: 80, protocol: "HTTP", allowedRoutes },
        ],
      },
    };
    new ApiObject(this, "gateway", gateway);

    const parent = (sectionName: string) => ({ group: "gateway.networking.k8s.io", kind: "Gateway", namespace: GATEWAY_NAMESPACE, name: GATEWAY_NAME, sectionName });
    const https: IHTTPRoute = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: metadata(GATEWAY_NAME),
      spec: {
        // The https listener only: attached to the Gateway as a whole it would serve plain http too.
        parentRefs: [parent("https")],
        hostnames: [props.hostname],
        rules: [
          {
            matches: [{ path: { type: "PathPrefix", value: "/" } }],
            backendRefs: [{ group: "", kind: "Service", name: props.backend.serviceName, port: props.backend.port }],
          },
        ],
      },
    };
    new ApiObject(this, "https-route", https);

    const redirect: IHTTPRoute = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: metadata(`${GATEWAY_NAME}-redirect-to-https`),
      spec: {
        parentRefs: [parent("http")],
        hostnames: [props.hostname],
        // No port: the spec derives 443 from the https scheme, so the Location has none.
        rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
      },
    };
    new ApiObject(this, "redirect-route", redirect);
  }
}

function checkGateway(props: OrdersGatewayProps): void {
  const problems: string[] = [];
  if (!isHostName(props.hostname)) problems.push(`hostname "${props.hostname}" is not a lower-case DNS name such as orders.retail.example.com`);
  if (!KEY_VAULT_CERTIFICATE_URI.test(props.tlsCertificateUri)) {
    problems.push(`tlsCertificateUri "${props.tlsCertificateUri}" is not https://<vault>.vault.azure.net/certificates/<name>[/<version>]`);
  }
  if (!GUID.test(props.tlsIdentityClientId)) problems.push(`tlsIdentityClientId "${props.tlsIdentityClientId}" is not a client id (a GUID)`);
  const exposure = props.exposure ?? { kind: "internal" };
  if (exposure.kind === "public") {
    if (exposure.allowedCidrs.length === 0) problems.push("a public gateway needs allowedCidrs: it would admit the whole internet");
    const bad = exposure.allowedCidrs.filter((cidr) => !isIPv4Cidr(cidr));
    if (bad.length > 0) problems.push(`allowedCidrs ${bad.join(", ")} are not IPv4 ranges such as 203.0.113.0/24 (and never /0)`);
  }
  problems.push(...placementProblems(exposure.kind, props.loadBalancerPlacement ?? {}));
  if (problems.length > 0) throw new Error(`OrdersGateway: ${problems.join("; ")}`);
}

/** What is wrong with load balancer placement annotations for this exposure; empty when nothing. */
export function placementProblems(exposure: IngressExposure["kind"], placement: Readonly<Record<string, string>>): string[] {
  const allowed: readonly string[] = PLACEMENT_ANNOTATIONS[exposure];
  const problems = Object.keys(placement)
    .filter((key) => !allowed.includes(key))
    .map((key) => `annotation ${key} does not belong to a ${exposure} load balancer's placement (${allowed.join(", ")})`);
  const address = placement[`${LB}/azure-load-balancer-ipv4`];
  if (address !== undefined && !isIPv4(address)) {
    problems.push(`load balancer address "${address}" is not an IPv4 address`);
  } else if (address !== undefined && isPrivateIPv4(address) !== (exposure === "internal")) {
    problems.push(`load balancer address ${address} is ${isPrivateIPv4(address) ? "private" : "public"}, but the gateway is ${exposure}`);
  }
  return problems;
}
