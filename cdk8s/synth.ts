import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { App, YamlOutputType } from "cdk8s";
import type { SynthConfig } from "./config.js";
import { OrdersChart } from "./orders-chart.js";

const MANIFEST_SUFFIX = ".k8s.yaml";

/** Writes one environment's manifests to `config.outdir` and returns the file's path. */
export function synthesise(config: SynthConfig): string {
  mkdirSync(config.outdir, { recursive: true });
  // The pipeline applies the whole directory, so another environment's leftovers must not be there.
  for (const file of readdirSync(config.outdir)) {
    if (file.endsWith(MANIFEST_SUFFIX)) rmSync(join(config.outdir, file));
  }
  const app = new App({
    outdir: config.outdir,
    outputFileExtension: MANIFEST_SUFFIX,
    yamlOutputType: YamlOutputType.FILE_PER_CHART,
    // construct-metadata.json in the directory would break `kubectl apply -f dist/`.
    recordConstructMetadata: false,
  });
  const chart = new OrdersChart(app, config);
  app.synth();
  return join(config.outdir, `${chart.node.id}${MANIFEST_SUFFIX}`);
}
