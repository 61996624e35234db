/**
 * Every synthesised object against the Kubernetes OpenAPI schemas (kubernetes-models' validators),
 * offline, and the Gateway API objects against the Gateway API CRDs' schemas
 * (@kubernetes-models/gateway-api, generated from the v1.0.0 CRDs; AKS installs v1.2.1 or v1.3.0,
 * whose v1 Gateway and HTTPRoute only add fields). They check types, required fields, patterns
 * and enums; they do not reject unknown fields, which the typed cdk8s classes (and, for the
 * Gateway API objects, the models' TypeScript interfaces) already rule out, nor run the CRDs' CEL
 * rules, which only an API server evaluates.
 */
import { Gateway, HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Namespace, Service, ServiceAccount } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { SCENARIOS, synthManifests, type KubeObject } from "./test-helpers.js";

/** Keyed by `apiVersion/kind`; an object whose kind is missing here fails the test. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "v1/Namespace": Namespace,
  "v1/ServiceAccount": ServiceAccount,
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "gateway.networking.k8s.io/v1/Gateway": Gateway,
  "gateway.networking.k8s.io/v1/HTTPRoute": HTTPRoute,
};

function schemaErrors(object: KubeObject): string | undefined {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) return `no schema validator for ${object.apiVersion} ${object.kind}; add it to MODELS`;
  try {
    new Model(object as never).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe.each(Object.entries(SCENARIOS))("Kubernetes schemas (%s)", (_name, env) => {
  const objects = synthManifests(env).objects;

  it.each(objects.map((object) => [`${object.kind} ${object.metadata.name}`, object] as const))(
    "%s is valid",
    (_label, object) => {
      expect(schemaErrors(object)).toBeUndefined();
    },
  );
});

describe("the validator", () => {
  it("reports a wrongly typed field and an unknown kind", () => {
    const deployment = synthManifests({}).objects.find((o) => o.kind === "Deployment")!;
    const broken = { ...deployment, spec: { ...(deployment.spec as object), replicas: "3" } };
    expect(schemaErrors(broken)).toMatch(/replicas must be integer/);
    expect(schemaErrors({ apiVersion: "v1", kind: "Secret", metadata: { name: "x" } })).toMatch(/no schema validator/);
  });

  it("reports Gateway API mistakes: a listener port out of range, a redirect status the spec does not allow", () => {
    const objects = synthManifests(SCENARIOS.prod).objects;
    const gateway = structuredClone(objects.find((o) => o.kind === "Gateway")!) as KubeObject & { spec: { listeners: { port: number }[] } };
    gateway.spec.listeners[0]!.port = 70000;
    expect(schemaErrors(gateway)).toMatch(/listeners\/0\/port must be <= 65535/);
    const redirect = structuredClone(objects.find((o) => o.metadata.name === "orders-redirect-to-https")!) as KubeObject & {
      spec: { rules: { filters: { requestRedirect: { statusCode: number } }[] }[] };
    };
    redirect.spec.rules[0]!.filters[0]!.requestRedirect.statusCode = 308;
    expect(schemaErrors(redirect)).toMatch(/statusCode must be equal to one of the allowed values/);
  });
});
