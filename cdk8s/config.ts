/**
 * The one typed config for the manifests, and the only module here that reads the environment.
 *
 * What differs between environments is reviewed in code (ENVIRONMENTS below); what only exists
 * at deploy time comes from variables set when synthesising:
 *
 *   DEPLOY_ENV       dev | prod (default dev): which chart to write
 *   IMAGE            the image CI built, e.g. myacr.azurecr.io/orders:3f2c1ab (dev default: orders:dev)
 *   KEY_VAULT_URL    https://<vault>.vault.azure.net/ holding the Azure SQL settings
 *   AZURE_CLIENT_ID  client id of the managed identity federated with system:serviceaccount:orders:orders
 *   DB_AUTH          sql (default) | entra
 *   CDK8S_OUTDIR     where to write (default cdk8s/dist; the cdk8s CLI sets it)
 *
 * and the staff gateway's (gateway-config.ts): TLS_CERTIFICATE_URI, GATEWAY_TLS_CLIENT_ID,
 * INGRESS_EXPOSURE, INGRESS_ALLOWED_CIDRS, INGRESS_SERVICE_ANNOTATIONS.
 */
import { join, resolve } from "node:path";
import { DB_AUTH_MODES, type DbAuthMode, type EnvVariable } from "../server/core/contracts.js";
import { gatewayRequested, type GatewayVariable, readGateway } from "./gateway-config.js";
import { isPinned, parseImageReference } from "./image-reference.js";
import type { KeyVaultProps, OrdersServiceProps, SignInProps } from "./orders-service.js";
import { GUID, KEY_VAULT_URL } from "./props-checks.js";

export const ENVIRONMENT_NAMES = ["dev", "prod"] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** Construct props that are the same on every deploy of an environment. */
type FixedServiceProps = Omit<OrdersServiceProps, "environment" | "image" | "keyVault" | "signIn" | "gateway">;

export interface EnvironmentSettings {
  /** The image when IMAGE is unset. @default - none: IMAGE is required */
  readonly defaultImage?: string;
  /** Refuse `:latest` and untagged images, so that what runs is the build CI tested. */
  readonly requirePinnedImage: boolean;
  /** Refuse to synthesise without KEY_VAULT_URL and AZURE_CLIENT_ID. */
  readonly requireKeyVault: boolean;
  /** Refuse to synthesise without the staff gateway (TLS_CERTIFICATE_URI and the rest). */
  readonly requireGateway: boolean;
  readonly service: FixedServiceProps;
}

export const ENVIRONMENTS: Readonly<Record<EnvironmentName, EnvironmentSettings>> = {
  dev: {
    defaultImage: "orders:dev",
    requirePinnedImage: false,
    // Without a vault, dev pods fall back to a throwaway SQLite file each: enough for a local cluster.
    requireKeyVault: false,
    // A local cluster has no gateway (kubectl port-forward); dev on AKS asks for one by its variables.
    requireGateway: false,
    service: {
      replicas: 3,
      logLevel: "debug",
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    },
  },
  prod: {
    requirePinnedImage: true,
    requireKeyVault: true,
    requireGateway: true,
    service: {
      logLevel: "info",
      resources: { requests: { cpu: "250m", memory: "384Mi" }, limits: { cpu: "1", memory: "512Mi" } },
      autoscaling: { minReplicas: 3, maxReplicas: 10, targetCpuUtilizationPercent: 70 },
    },
  },
};

/** Everything one environment's chart needs. */
export interface EnvironmentConfig {
  readonly environment: EnvironmentName;
  readonly service: Omit<OrdersServiceProps, "environment">;
}

export interface SynthConfig extends EnvironmentConfig {
  /** Absolute path of the directory the manifests are written to. */
  readonly outdir: string;
}

/** A setting is missing or malformed; the message names each variable and how to mend it. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const DEFAULT_OUTDIR = join(import.meta.dirname, "dist");

type Environment = Readonly<Record<string, string | undefined>>;
/** Synthesis's own variables; the others it reads are the server's (core/contracts.ts), passed on to the pods. */
type SynthVariable = "DEPLOY_ENV" | "IMAGE" | "CDK8S_OUTDIR" | GatewayVariable;
export type Read = (name: SynthVariable | EnvVariable) => string | undefined;

export function loadConfig(env: Environment = process.env): SynthConfig {
  const errors: string[] = [];
  const read: Read = (name) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const environmentName = read("DEPLOY_ENV") ?? "dev";
  if (!isEnvironmentName(environmentName)) {
    throw new ConfigError(
      `DEPLOY_ENV "${environmentName}" is not an environment; set it to one of ${ENVIRONMENT_NAMES.join(", ")}`,
    );
  }
  const settings = ENVIRONMENTS[environmentName];

  const image = read("IMAGE") ?? settings.defaultImage;
  const example = "IMAGE=myacr.azurecr.io/orders:$(git rev-parse --short HEAD)";
  if (image === undefined) {
    errors.push(`IMAGE is not set; set it to the image CI built and pushed, e.g. ${example}`);
  } else {
    const reference = parseImageReference(image);
    if (!reference) {
      errors.push(`IMAGE "${image}" is not a container image reference; expected registry/repository:tag, e.g. ${example}`);
    } else if (settings.requirePinnedImage && !isPinned(reference)) {
      const problem = reference.tag === undefined ? "has no tag" : 'is tagged "latest"';
      errors.push(
        `IMAGE "${image}" ${problem}; the ${environmentName} chart deploys exactly one build, so give the tag CI ` +
          `pushed (not latest) or a digest, e.g. ${example} or IMAGE=${reference.repository}@sha256:<digest>`,
      );
    }
  }

  // A gateway means AKS, and on AKS the pods read a vault and staff sign in.
  const gatewayWanted = settings.requireGateway || gatewayRequested(read);
  const keyVault = readKeyVault(read, settings.requireKeyVault || gatewayWanted ? environmentName : undefined, errors);
  // On AKS (a vault) staff sign in; only a throwaway local cluster may run without.
  const signIn = readSignIn(read, settings.requireKeyVault || keyVault || gatewayWanted ? environmentName : undefined, errors);
  const gateway = readGateway(read, settings.requireGateway ? environmentName : undefined, errors);
  if (gateway && signIn && new URL(signIn.publicUrl).port !== "") {
    errors.push(`PUBLIC_URL "${signIn.publicUrl}" must have no port: the gateway serves https on 443`);
  }

  if (errors.length > 0) {
    throw new ConfigError(
      `Cannot synthesise the ${environmentName} manifests:\n${errors.map((error) => `  - ${error}`).join("\n")}`,
    );
  }

  const outdir = read("CDK8S_OUTDIR");
  return {
    environment: environmentName,
    outdir: outdir ? resolve(outdir) : DEFAULT_OUTDIR,
    service: { ...settings.service, image: image!, keyVault, ...(signIn ? { signIn } : {}), ...(gateway ? { gateway } : {}) },
  };
}

/** `requiredBy` names the environment that cannot run without Key Vault, if this one cannot. */
function readKeyVault(
  read: Read,
  requiredBy: EnvironmentName | undefined,
  errors: string[],
): KeyVaultProps | undefined {
  const url = read("KEY_VAULT_URL")?.toLowerCase();
  const clientId = read("AZURE_CLIENT_ID")?.toLowerCase();
  const dbAuth = read("DB_AUTH");
  const before = errors.length;

  if (url === undefined && requiredBy) {
    errors.push(
      `KEY_VAULT_URL is required for ${requiredBy}; set it to the vault URI from the Terraform outputs ` +
        "(https://<vault-name>.vault.azure.net/)",
    );
  } else if (url !== undefined && !KEY_VAULT_URL.test(url)) {
    errors.push(`KEY_VAULT_URL "${url}" is not a Key Vault URL; expected https://<vault-name>.vault.azure.net/`);
  }
  if (clientId === undefined && requiredBy) {
    errors.push(
      `AZURE_CLIENT_ID is required for ${requiredBy}; set it to the client id of the workload identity ` +
        "from the Terraform outputs (the identity federated with system:serviceaccount:orders:orders)",
    );
  } else if (clientId !== undefined && !GUID.test(clientId)) {
    errors.push(`AZURE_CLIENT_ID "${clientId}" is not a client id; expected a GUID like 00000000-0000-0000-0000-000000000000`);
  }
  if (!requiredBy && (url === undefined) !== (clientId === undefined)) {
    errors.push(
      "KEY_VAULT_URL and AZURE_CLIENT_ID go together (the pods read the vault with that identity); set both or neither",
    );
  }
  if (dbAuth !== undefined && !(DB_AUTH_MODES as readonly string[]).includes(dbAuth)) {
    errors.push(`DB_AUTH "${dbAuth}" is not supported; set it to ${DB_AUTH_MODES.join(" or ")}`);
  } else if (dbAuth !== undefined && url === undefined && !requiredBy) {
    errors.push("DB_AUTH applies to Azure SQL, whose settings come from Key Vault; set KEY_VAULT_URL too, or unset DB_AUTH");
  }

  if (errors.length > before || url === undefined || clientId === undefined) return undefined;
  return {
    url: url.endsWith("/") ? url : `${url}/`,
    workloadIdentityClientId: clientId,
    dbAuth: dbAuth as DbAuthMode | undefined,
  };
}

function isEnvironmentName(name: string): name is EnvironmentName {
  return (ENVIRONMENT_NAMES as readonly string[]).includes(name);
}

/**
 * Sign-in settings (Terraform's entra-app outputs); `requiredBy` names the environment that
 * needs them. Without any, and not required, the chart runs with sign-in off.
 */
function readSignIn(read: Read, requiredBy: EnvironmentName | undefined, errors: string[]): SignInProps | undefined {
  const issuer = read("OIDC_ISSUER");
  const clientId = read("OIDC_CLIENT_ID")?.toLowerCase();
  const audience = read("OIDC_AUDIENCE");
  const publicUrl = read("PUBLIC_URL");
  if (!requiredBy && issuer === undefined && clientId === undefined && publicUrl === undefined) return undefined;
  const before = errors.length;
  const where = requiredBy ? ` for ${requiredBy}` : " with the other sign-in settings";
  if (issuer === undefined) {
    errors.push(`OIDC_ISSUER is required${where}; set it to Terraform's oidc_issuer (https://login.microsoftonline.com/<tenant id>/v2.0)`);
  } else if (!/^https:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(issuer)) {
    errors.push(`OIDC_ISSUER "${issuer}" is not an https issuer URL; expected https://login.microsoftonline.com/<tenant id>/v2.0`);
  }
  if (clientId === undefined) errors.push(`OIDC_CLIENT_ID is required${where}; set it to Terraform's oidc_client_id`);
  else if (!GUID.test(clientId)) errors.push(`OIDC_CLIENT_ID "${clientId}" is not a client id; expected a GUID like 00000000-0000-0000-0000-000000000000`);
  if (publicUrl === undefined) {
    errors.push(`PUBLIC_URL is required${where}; set it to the https address staff open (Terraform's public_url), e.g. https://orders.retail.example.com`);
  } else if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(publicUrl)) {
    errors.push(`PUBLIC_URL "${publicUrl}" must be https://<host name> with no path or trailing slash, e.g. https://orders.retail.example.com`);
  }
  if (errors.length > before) return undefined;
  return { issuer: issuer!, clientId: clientId!, publicUrl: publicUrl!.toLowerCase(), ...(audience ? { audience } : {}) };
}
