/**
 * Every synthesised object against the Kubernetes OpenAPI schemas (kubernetes-models' validators),
 * offline. They check types, required fields and enums; they do not reject unknown fields, which
 * the typed cdk8s classes already rule out (this code uses no untyped overrides).
 */
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
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
});
