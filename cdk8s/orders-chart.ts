import { Chart } from "cdk8s";
import { k8s } from "cdk8s-plus-27";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "./config.js";
import { APP_NAME, NAMESPACE } from "./names.js";
import { OrdersService } from "./orders-service.js";

/** One environment's manifests: the `orders` namespace (Pod Security "restricted") and the service in it. */
export class OrdersChart extends Chart {
  public readonly service: OrdersService;

  constructor(scope: Construct, config: EnvironmentConfig) {
    // The chart id names the output file: dist/orders-<environment>.k8s.yaml.
    super(scope, `${APP_NAME}-${config.environment}`, { disableResourceNameHashes: true });

    new k8s.KubeNamespace(this, "namespace", {
      metadata: {
        name: NAMESPACE,
        labels: {
          "app.kubernetes.io/part-of": APP_NAME,
          "app.kubernetes.io/managed-by": "cdk8s",
          // The API server rejects any pod in this namespace that breaks the restricted profile.
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "latest",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/audit": "restricted",
        },
      },
    });

    this.service = new OrdersService(this, "orders", { environment: config.environment, ...config.service });
  }
}
