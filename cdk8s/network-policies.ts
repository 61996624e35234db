/**
 * Who may talk to the server's pods, and whom they may talk to: NetworkPolicies, which Azure CNI
 * powered by Cilium enforces (terraform/modules/aks-cluster: network_policy = "cilium").
 *
 * Why standard NetworkPolicy and not CiliumNetworkPolicy with `toFQDNs`: FQDN rules need Cilium's
 * DNS proxy, which AKS runs only with Advanced Container Networking Services
 * (`networkProfile.advancedNetworking.security`, a paid option Terraform does not enable), so the
 * rules would not be enforced as written; and the CRD has no schema package to validate it offline.
 * NetworkPolicy is validated here against the Kubernetes schema and works on any CNI that enforces
 * it. What that costs: port 443 is open to every public address, not to Microsoft's names only. It
 * stays closed to private ranges (the VNet, the shops' networks joined to it, the pods).
 *
 * Kubelet probes need no rule: Cilium lets the node itself reach its local pods whatever the
 * policy (`allow-localhost`, whose default "auto" means "always" under Kubernetes; cilium/cilium
 * daemon option.AllowLocalhostAuto). AKS's own setting of it could not be read offline.
 */
import { k8s } from "cdk8s-plus-27";
import { Construct } from "constructs";
import { APP_NAME, NAMESPACE } from "./names.js";
import { PRIVATE_IPV4_RANGES } from "./props-checks.js";

/** One TCP port, or the range `port`–`endPort`. */
export interface PortRange {
  readonly port: number;
  /** @default - the one port */
  readonly endPort?: number;
}

/**
 * Azure SQL: the gateway on 1433, then, under the "Redirect" connection policy (the default for
 * clients inside Azure), the database's node directly on 11000–11999 (learn.microsoft.com,
 * azure-sql/database/connectivity-architecture). Port ranges need Cilium 1.16 or later; older
 * versions silently keep only the first port (cilium/cilium#28684).
 */
export const AZURE_SQL_PORTS: readonly PortRange[] = [{ port: 1433 }, { port: 11000, endPort: 11999 }];

/**
 * Addresses no Azure endpoint the server calls on 443 has: private ranges, link-local (the
 * instance metadata service) and the platform's virtual address 168.63.129.16. Workload identity
 * needs none of them: its token exchange goes to login.microsoftonline.com.
 */
const NOT_INTERNET = [...PRIVATE_IPV4_RANGES, "169.254.0.0/16", "168.63.129.16/32"];

export interface OrdersNetworkPoliciesProps {
  /** Labels of the pods to fence in: the server's. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** The namespace of the only pods that may connect to them: the gateway's. */
  readonly clientNamespace: string;
  /** Labels of those pods. */
  readonly clientLabels: Readonly<Record<string, string>>;
  /** The container port those clients connect to. */
  readonly port: number;
  /**
   * Ports of the database, open to any address (Azure SQL's public endpoint, or a private endpoint
   * in the VNet).
   * @default - none: the database is a file inside the pod
   */
  readonly databasePorts?: readonly PortRange[];
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Three policies for the server's pods: deny everything; admit the gateway on the container
 * port; let out DNS (kube-dns), https to the internet (Key Vault, Entra ID sign-in and the
 * workload identity token exchange) and the database.
 */
export class OrdersNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: OrdersNetworkPoliciesProps) {
    super(scope, id);
    const podSelector = { matchLabels: { ...props.podLabels } };
    const metadata = (suffix: string) => ({ name: `${APP_NAME}-${suffix}`, namespace: NAMESPACE, labels: { ...props.labels } });
    const tcp = ({ port, endPort }: PortRange): k8s.NetworkPolicyPort => ({
      protocol: "TCP",
      port: k8s.IntOrString.fromNumber(port),
      ...(endPort === undefined ? {} : { endPort }),
    });

    // Selecting the pods for both directions isolates them; the policies below are the exceptions.
    // Only the server's pods: the gateway's (and the operator's certificate-sync pod) in this
    // namespace keep their own traffic, which Istio and Azure manage.
    new k8s.KubeNetworkPolicy(this, "default-deny", {
      metadata: metadata("default-deny"),
      spec: { podSelector, policyTypes: ["Ingress", "Egress"] },
    });

    new k8s.KubeNetworkPolicy(this, "from-gateway", {
      metadata: metadata("from-gateway"),
      spec: {
        podSelector,
        policyTypes: ["Ingress"],
        // The gateway's pods in the gateway's namespace: both selectors in one peer, so both must hold.
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": props.clientNamespace } }, podSelector: { matchLabels: { ...props.clientLabels } } }],
            ports: [tcp({ port: props.port })],
          },
        ],
      },
    });

    new k8s.KubeNetworkPolicy(this, "egress", {
      metadata: metadata("egress"),
      spec: {
        podSelector,
        policyTypes: ["Egress"],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
              },
            ],
            ports: [
              { protocol: "UDP", port: k8s.IntOrString.fromNumber(53) },
              { protocol: "TCP", port: k8s.IntOrString.fromNumber(53) },
            ],
          },
          { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: NOT_INTERNET } }], ports: [tcp({ port: 443 })] },
          ...(props.databasePorts && props.databasePorts.length > 0
            ? [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: props.databasePorts.map(tcp) }]
            : []),
        ],
      },
    });
  }
}
