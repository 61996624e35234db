/**
 * The staff gateway's part of the config: its synthesis variables, read through config.ts's
 * reader (this module does not touch the environment itself), checked, and turned into
 * GatewaySettings. Every value is a Terraform output or variable of the same name.
 */
import type { EnvironmentName, Read } from "./config.js";
import { ALLOWED_RANGES_ANNOTATION, type GatewaySettings, INTERNAL_LB_ANNOTATION, type IngressExposure, placementProblems } from "./gateway.js";
import { GATEWAY_NAMESPACE, GATEWAY_TLS_SERVICE_ACCOUNT_NAME } from "./names.js";
import { GUID, isIPv4Cidr, KEY_VAULT_CERTIFICATE_URI } from "./props-checks.js";

/** Setting any of these asks for a gateway (in dev; prod always has one). */
export const GATEWAY_VARIABLES = [
  "TLS_CERTIFICATE_URI",
  "GATEWAY_TLS_CLIENT_ID",
  "INGRESS_EXPOSURE",
  "INGRESS_ALLOWED_CIDRS",
  "INGRESS_SERVICE_ANNOTATIONS",
] as const;
export type GatewayVariable = (typeof GATEWAY_VARIABLES)[number];

/** Whether any gateway variable is set: that asks for a gateway where one is not required. */
export function gatewayRequested(read: Read): boolean {
  return GATEWAY_VARIABLES.some((name) => read(name) !== undefined);
}

/** `requiredBy` names the environment that cannot run without the gateway, if this one cannot. */
export function readGateway(read: Read, requiredBy: EnvironmentName | undefined, errors: string[]): GatewaySettings | undefined {
  if (!requiredBy && !gatewayRequested(read)) return undefined;
  const before = errors.length;
  const where = requiredBy ? ` for ${requiredBy}` : " with the other gateway settings";

  const certificateUri = read("TLS_CERTIFICATE_URI");
  if (certificateUri === undefined) {
    errors.push(
      `TLS_CERTIFICATE_URI is required${where}; set it to Terraform's tls_certificate_uri, the staff certificate in ` +
        "Key Vault (https://<vault>.vault.azure.net/certificates/<name>)",
    );
  } else if (!KEY_VAULT_CERTIFICATE_URI.test(certificateUri)) {
    errors.push(
      `TLS_CERTIFICATE_URI "${certificateUri}" is not a Key Vault certificate URI; expected ` +
        "https://<vault>.vault.azure.net/certificates/<name>, optionally /<version> (better without: renewals are picked up)",
    );
  }

  const clientId = read("GATEWAY_TLS_CLIENT_ID")?.toLowerCase();
  if (clientId === undefined) {
    errors.push(
      `GATEWAY_TLS_CLIENT_ID is required${where}; set it to Terraform's gateway_tls_service_account.client_id ` +
        `(the identity that may read the certificate, federated with system:serviceaccount:${GATEWAY_NAMESPACE}:${GATEWAY_TLS_SERVICE_ACCOUNT_NAME})`,
    );
  } else if (!GUID.test(clientId)) {
    errors.push(`GATEWAY_TLS_CLIENT_ID "${clientId}" is not a client id; expected a GUID like 00000000-0000-0000-0000-000000000000`);
  }

  const exposure = readExposure(read, errors);
  const placement = exposure ? readPlacement(read, exposure, requiredBy, errors) : undefined;

  if (errors.length > before) return undefined;
  return {
    tlsCertificateUri: certificateUri!,
    tlsIdentityClientId: clientId!,
    exposure: exposure!,
    ...(placement ? { loadBalancerPlacement: placement } : {}),
  };
}

function readExposure(read: Read, errors: string[]): IngressExposure | undefined {
  const name = read("INGRESS_EXPOSURE")?.toLowerCase() ?? "internal";
  const ranges = read("INGRESS_ALLOWED_CIDRS")?.split(/[\s,]+/).filter(Boolean) ?? [];
  if (name === "internal") {
    if (ranges.length === 0) return { kind: "internal" };
    errors.push(
      "INGRESS_ALLOWED_CIDRS applies to a public gateway only (an internal one answers the VNet and the networks " +
        "joined to it); unset it, or set INGRESS_EXPOSURE=public",
    );
  } else if (name === "public") {
    const bad = ranges.filter((range) => !isIPv4Cidr(range));
    if (ranges.length === 0) {
      errors.push(
        "INGRESS_ALLOWED_CIDRS is required with INGRESS_EXPOSURE=public, or the whole internet could connect; set it " +
          "to the shops' and offices' public ranges, comma-separated (Terraform's ingress_allowed_cidrs), e.g. 203.0.113.0/24,198.51.100.0/24",
      );
    } else if (bad.length > 0) {
      errors.push(
        `INGRESS_ALLOWED_CIDRS ${bad.map((range) => `"${range}"`).join(", ")}: expected IPv4 ranges such as 203.0.113.0/24; ` +
          "0.0.0.0/0, bare addresses and service tags are refused",
      );
    } else {
      return { kind: "public", allowedCidrs: ranges };
    }
  } else {
    errors.push(`INGRESS_EXPOSURE "${name}" is not supported; set it to internal (the default) or public, as Terraform's ingress_exposure`);
  }
  return undefined;
}

/**
 * INGRESS_SERVICE_ANNOTATIONS: `terraform output -json ingress_service_annotations`. The keys that
 * say internal or public and whom a public one admits must agree with INGRESS_EXPOSURE and
 * INGRESS_ALLOWED_CIDRS (the construct writes those itself); the rest place the load balancer.
 */
function readPlacement(
  read: Read,
  exposure: IngressExposure,
  requiredBy: EnvironmentName | undefined,
  errors: string[],
): Record<string, string> | undefined {
  const text = read("INGRESS_SERVICE_ANNOTATIONS");
  const name = "INGRESS_SERVICE_ANNOTATIONS";
  if (text === undefined) {
    if (requiredBy) {
      errors.push(
        `${name} is required for ${requiredBy}; set it to the output of \`terraform output -json ingress_service_annotations\`, ` +
          "so that the load balancer takes the address the DNS record points at",
      );
    }
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === "string")) {
    errors.push(`${name} is not a JSON object of strings; set it to the output of \`terraform output -json ingress_service_annotations\``);
    return undefined;
  }
  const { [INTERNAL_LB_ANNOTATION]: internal, [ALLOWED_RANGES_ANNOTATION]: ranges, ...placement } = parsed as Record<string, string>;
  const terraformSays = internal === "true" ? "internal" : "public";
  if ((internal !== undefined || ranges !== undefined) && terraformSays !== exposure.kind) {
    errors.push(
      `${name} are Terraform's for an ${terraformSays} gateway, but INGRESS_EXPOSURE is ${exposure.kind}; ` +
        "synthesise with the exposure Terraform was applied with (its ingress_exposure)",
    );
  } else if (exposure.kind === "public" && ranges !== undefined && !sameRanges(ranges.split(","), exposure.allowedCidrs)) {
    errors.push(
      `${name} admit ${ranges}, but INGRESS_ALLOWED_CIDRS is ${exposure.allowedCidrs.join(",")}; ` +
        "give both from the same Terraform apply (its ingress_allowed_cidrs)",
    );
  }
  errors.push(...placementProblems(exposure.kind, placement).map((problem) => `${name}: ${problem}`));
  return placement;
}

function sameRanges(a: readonly string[], b: readonly string[]): boolean {
  const normalise = (ranges: readonly string[]) => [...new Set(ranges.map((range) => range.trim()))].sort().join(",");
  return normalise(a) === normalise(b);
}
