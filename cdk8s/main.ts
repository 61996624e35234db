import { relative } from "node:path";
import { ConfigError, loadConfig } from "./config.js";
import { synthesise } from "./synth.js";

try {
  const file = synthesise(loadConfig());
  console.log(`wrote ${relative(process.cwd(), file)}`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
