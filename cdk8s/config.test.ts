import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";
import { isPinned, parseImageReference } from "./image-reference.js";
import { DEV_AKS_ENV, PROD_ENV } from "./test-helpers.js";

/** The message loadConfig throws for `env`, or "" when it accepts it. */
function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
    return "";
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message;
  }
}

describe("loadConfig", () => {
  it("defaults to dev with a local image, no vault, and writes to cdk8s/dist", () => {
    const config = loadConfig({});
    expect(config.environment).toBe("dev");
    expect(config.service.image).toBe("orders:dev");
    expect(config.service.keyVault).toBeUndefined();
    expect(config.outdir).toBe(join(import.meta.dirname, "dist"));
  });

  it("takes prod's image, vault and identity from the environment", () => {
    const config = loadConfig({ ...PROD_ENV, KEY_VAULT_URL: "https://KV-Orders-Prod.vault.azure.net", CDK8S_OUTDIR: "out" });
    expect(config.environment).toBe("prod");
    expect(config.service.image).toBe(PROD_ENV.IMAGE);
    expect(config.service.keyVault).toEqual({
      url: "https://kv-orders-prod.vault.azure.net/",
      workloadIdentityClientId: PROD_ENV.AZURE_CLIENT_ID,
      dbAuth: undefined,
    });
    expect(config.outdir).toBe(resolve("out"));
  });

  it("accepts a digest in prod", () => {
    expect(configError({ ...PROD_ENV, IMAGE: `myacr.azurecr.io/orders@sha256:${"0".repeat(64)}` })).toBe("");
  });

  it.each([
    ["myacr.azurecr.io/orders:latest", /IMAGE "myacr.azurecr.io\/orders:latest" is tagged "latest"/],
    ["myacr.azurecr.io/orders", /IMAGE "myacr.azurecr.io\/orders" has no tag/],
    ["localhost:5000/orders", /IMAGE "localhost:5000\/orders" has no tag/],
  ])("refuses prod image %s, saying how to pin it", (image, message) => {
    const error = configError({ ...PROD_ENV, IMAGE: image });
    expect(error).toMatch(message);
    expect(error).toMatch(/IMAGE=myacr\.azurecr\.io\/orders:\$\(git rev-parse --short HEAD\)/);
  });

  it("lets dev run :latest", () => {
    expect(configError({ IMAGE: "myacr.azurecr.io/orders:latest" })).toBe("");
  });

  it("names every missing prod setting at once", () => {
    const error = configError({ DEPLOY_ENV: "prod" });
    expect(error).toMatch(/^Cannot synthesise the prod manifests:/);
    expect(error).toMatch(/IMAGE is not set/);
    expect(error).toMatch(/KEY_VAULT_URL is required for prod/);
    expect(error).toMatch(/AZURE_CLIENT_ID is required for prod/);
    expect(error).toMatch(/OIDC_ISSUER is required for prod/);
    expect(error).toMatch(/OIDC_CLIENT_ID is required for prod/);
    expect(error).toMatch(/PUBLIC_URL is required for prod/);
    expect(error).toMatch(/TLS_CERTIFICATE_URI is required for prod; set it to Terraform's tls_certificate_uri/);
    expect(error).toMatch(/GATEWAY_TLS_CLIENT_ID is required for prod; set it to Terraform's gateway_tls_service_account\.client_id/);
    expect(error).toMatch(/INGRESS_SERVICE_ANNOTATIONS is required for prod; .*terraform output -json ingress_service_annotations/);
  });

  it("takes prod's sign-in settings, the audience defaulting to the client id", () => {
    expect(loadConfig(PROD_ENV).service.signIn).toEqual({
      issuer: PROD_ENV.OIDC_ISSUER,
      clientId: PROD_ENV.OIDC_CLIENT_ID,
      publicUrl: PROD_ENV.PUBLIC_URL,
    });
    expect(loadConfig({ ...PROD_ENV, OIDC_AUDIENCE: "api://orders" }).service.signIn?.audience).toBe("api://orders");
  });

  it("needs sign-in wherever there is a vault (AKS), not on a local cluster", () => {
    expect(configError({ KEY_VAULT_URL: PROD_ENV.KEY_VAULT_URL, AZURE_CLIENT_ID: PROD_ENV.AZURE_CLIENT_ID })).toMatch(/OIDC_ISSUER is required for dev/);
    expect(loadConfig({}).service.signIn).toBeUndefined();
  });

  it.each([
    [{ DEPLOY_ENV: "staging" }, /DEPLOY_ENV "staging" is not an environment; set it to one of dev, prod/],
    [{ IMAGE: "$(imageRef)" }, /IMAGE "\$\(imageRef\)" is not a container image reference/],
    [{ ...PROD_ENV, KEY_VAULT_URL: "https://kv-orders.example.com/" }, /KEY_VAULT_URL "https:\/\/kv-orders.example.com\/" is not a Key Vault URL/],
    [{ ...PROD_ENV, KEY_VAULT_URL: "http://kv-orders.vault.azure.net/" }, /is not a Key Vault URL/],
    [{ ...PROD_ENV, AZURE_CLIENT_ID: "orders-identity" }, /AZURE_CLIENT_ID "orders-identity" is not a client id/],
    [{ KEY_VAULT_URL: PROD_ENV.KEY_VAULT_URL }, /KEY_VAULT_URL and AZURE_CLIENT_ID go together/],
    [{ ...PROD_ENV, DB_AUTH: "password" }, /DB_AUTH "password" is not supported; set it to sql or entra/],
    [{ DB_AUTH: "entra" }, /DB_AUTH applies to Azure SQL.*set KEY_VAULT_URL too/],
    [{ ...PROD_ENV, PUBLIC_URL: "http://orders.retail.example.com" }, /PUBLIC_URL "http:\/\/orders.retail.example.com" must be https:\/\/<host name>/],
    [{ ...PROD_ENV, PUBLIC_URL: "https://orders.retail.example.com/app/" }, /must be https:\/\/<host name> with no path/],
    [{ ...PROD_ENV, OIDC_ISSUER: "login.microsoftonline.com" }, /OIDC_ISSUER "login.microsoftonline.com" is not an https issuer URL/],
    [{ ...PROD_ENV, OIDC_CLIENT_ID: "orders-app" }, /OIDC_CLIENT_ID "orders-app" is not a client id/],
    [{ PUBLIC_URL: "https://orders.local" }, /OIDC_ISSUER is required with the other sign-in settings/],
  ])("explains a bad setting: %j", (env, message) => {
    expect(configError(env)).toMatch(message);
  });

  it("takes prod's gateway: internal by default, the load balancer placed where Terraform says", () => {
    expect(loadConfig(PROD_ENV).service.gateway).toEqual({
      tlsCertificateUri: PROD_ENV.TLS_CERTIFICATE_URI,
      tlsIdentityClientId: PROD_ENV.GATEWAY_TLS_CLIENT_ID,
      exposure: { kind: "internal" },
      loadBalancerPlacement: {
        "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": "snet-orders-prod-ingress",
        "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.0.1.4",
      },
    });
  });

  it("takes a public gateway's allowed ranges, comma- or space-separated", () => {
    const { INGRESS_SERVICE_ANNOTATIONS: _placement, ...env } = DEV_AKS_ENV;
    expect(loadConfig({ ...env, INGRESS_ALLOWED_CIDRS: "203.0.113.0/24, 198.51.100.0/25" }).service.gateway).toEqual({
      tlsCertificateUri: DEV_AKS_ENV.TLS_CERTIFICATE_URI,
      tlsIdentityClientId: DEV_AKS_ENV.GATEWAY_TLS_CLIENT_ID,
      exposure: { kind: "public", allowedCidrs: ["203.0.113.0/24", "198.51.100.0/25"] },
    });
  });

  it("has no gateway on a local cluster, and needs the vault and sign-in for one in dev", () => {
    expect(loadConfig({}).service.gateway).toBeUndefined();
    const error = configError({ TLS_CERTIFICATE_URI: PROD_ENV.TLS_CERTIFICATE_URI });
    expect(error).toMatch(/KEY_VAULT_URL is required for dev/);
    expect(error).toMatch(/PUBLIC_URL is required for dev/);
    expect(error).toMatch(/GATEWAY_TLS_CLIENT_ID is required with the other gateway settings/);
  });

  const annotations = (value: Record<string, string>) => JSON.stringify(value);
  it.each([
    [{ TLS_CERTIFICATE_URI: "https://kv-orders-prod.vault.azure.net/secrets/staff-tls" }, /TLS_CERTIFICATE_URI ".*\/secrets\/staff-tls" is not a Key Vault certificate URI/],
    [{ TLS_CERTIFICATE_URI: "http://kv-orders-prod.vault.azure.net/certificates/staff-tls" }, /is not a Key Vault certificate URI/],
    [{ TLS_CERTIFICATE_URI: "https://kv-orders-prod.example.com/certificates/staff-tls" }, /is not a Key Vault certificate URI/],
    [{ TLS_CERTIFICATE_URI: "https://kv-orders-prod.vault.azure.net/certificates/" }, /is not a Key Vault certificate URI/],
    [{ GATEWAY_TLS_CLIENT_ID: "orders-gateway-tls" }, /GATEWAY_TLS_CLIENT_ID "orders-gateway-tls" is not a client id/],
    [{ INGRESS_EXPOSURE: "external" }, /INGRESS_EXPOSURE "external" is not supported; set it to internal \(the default\) or public/],
    [{ INGRESS_EXPOSURE: "public" }, /INGRESS_ALLOWED_CIDRS is required with INGRESS_EXPOSURE=public, or the whole internet could connect/],
    [{ INGRESS_EXPOSURE: "public", INGRESS_ALLOWED_CIDRS: "0.0.0.0/0" }, /INGRESS_ALLOWED_CIDRS "0\.0\.0\.0\/0": expected IPv4 ranges/],
    [{ INGRESS_EXPOSURE: "public", INGRESS_ALLOWED_CIDRS: "203.0.113.7,*" }, /INGRESS_ALLOWED_CIDRS "203\.0\.113\.7", "\*"/],
    [{ INGRESS_ALLOWED_CIDRS: "203.0.113.0/24" }, /INGRESS_ALLOWED_CIDRS applies to a public gateway only/],
    [{ INGRESS_SERVICE_ANNOTATIONS: "internal" }, /INGRESS_SERVICE_ANNOTATIONS is not a JSON object of strings/],
    [{ INGRESS_SERVICE_ANNOTATIONS: "[]" }, /INGRESS_SERVICE_ANNOTATIONS is not a JSON object of strings/],
    [
      { INGRESS_EXPOSURE: "public", INGRESS_ALLOWED_CIDRS: "203.0.113.0/24" },
      /INGRESS_SERVICE_ANNOTATIONS are Terraform's for an internal gateway, but INGRESS_EXPOSURE is public/,
    ],
    [
      {
        INGRESS_EXPOSURE: "public",
        INGRESS_ALLOWED_CIDRS: "203.0.113.0/24",
        INGRESS_SERVICE_ANNOTATIONS: annotations({ "service.beta.kubernetes.io/azure-allowed-ip-ranges": "198.51.100.0/24" }),
      },
      /INGRESS_SERVICE_ANNOTATIONS admit 198\.51\.100\.0\/24, but INGRESS_ALLOWED_CIDRS is 203\.0\.113\.0\/24/,
    ],
    [
      { INGRESS_SERVICE_ANNOTATIONS: annotations({ "service.beta.kubernetes.io/azure-allowed-service-tags": "Internet" }) },
      /INGRESS_SERVICE_ANNOTATIONS: annotation service\.beta\.kubernetes\.io\/azure-allowed-service-tags does not belong/,
    ],
    [{ PUBLIC_URL: "https://orders.retail.example.com:8443" }, /PUBLIC_URL "https:\/\/orders\.retail\.example\.com:8443" must have no port/],
  ])("explains a bad gateway setting: %j", (change, message) => {
    expect(configError({ ...PROD_ENV, ...change })).toMatch(message);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ IMAGE: " ", KEY_VAULT_URL: "", AZURE_CLIENT_ID: "" }).service).toMatchObject({
      image: "orders:dev",
      keyVault: undefined,
    });
  });
});

describe("parseImageReference", () => {
  it.each([
    ["orders:dev", { repository: "orders", tag: "dev" }],
    ["orders:5000", { repository: "orders", tag: "5000" }],
    ["localhost:5000/orders", { repository: "localhost:5000/orders" }],
    ["localhost:5000/team/orders:v1.2.3", { repository: "localhost:5000/team/orders", tag: "v1.2.3" }],
    [`myacr.azurecr.io/orders:abc@sha256:${"f".repeat(64)}`, { repository: "myacr.azurecr.io/orders", tag: "abc", digest: `sha256:${"f".repeat(64)}` }],
  ])("%s", (reference, expected) => {
    expect(parseImageReference(reference)).toEqual({ tag: undefined, digest: undefined, ...expected });
  });

  it.each(["", "Orders:dev", "orders:", "orders:-x", "orders@sha256:short", "my acr/orders:1"])("rejects %j", (reference) => {
    expect(parseImageReference(reference)).toBeUndefined();
  });

  it("calls a reference pinned when it has a digest or a tag other than latest", () => {
    expect(isPinned(parseImageReference("orders:3f2c1ab")!)).toBe(true);
    expect(isPinned(parseImageReference(`orders@sha256:${"0".repeat(64)}`)!)).toBe(true);
    expect(isPinned(parseImageReference("orders:latest")!)).toBe(false);
    expect(isPinned(parseImageReference("orders")!)).toBe(false);
  });
});
