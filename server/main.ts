/**
 * `npm start`, and the image's CMD: sets up the Node process, then loads the server (serve.ts).
 * A static import would load every module before the settings below could take effect, hence
 * the dynamic one.
 */
import nodeModule from "node:module";
import v8 from "node:v8";

// Loading and compiling about a thousand modules is close to half of start-up. With Node's
// compile cache a start after the first reads V8's compiled code from disk instead
// (NODE_COMPILE_CACHE chooses the directory, os.tmpdir() by default; NODE_DISABLE_COMPILE_CACHE=1
// turns it off). Node 22.1 and later: Node 20 (the quick start's) starts without one.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// Under load V8 lets the old generation grow to about five times what is live (some 40 MB)
// before it collects it: a peak RSS of 340 MB in `npm run bench`. Growing it by 40% at a time
// instead keeps the peak near 220 MB for no throughput measurable on this machine. A V8 flag that
// NODE_OPTIONS does not accept, so it is set here, before the server allocates anything.
v8.setFlagsFromString("--heap-growing-percent=40");

await import("./serve.js");
