/**
 * `npm start`, and the image's CMD: sets up the Node process, then loads the server (serve.ts).
 * A static import would load every module before the settings below could take effect, hence
 * the dynamic one.
 */
import nodeModule from "node:module";
import v8 from "node:v8";

// Compiling about 1,500 modules is about a quarter of start-up's CPU. With Node's
// compile cache a start after the first reads V8's compiled code from disk instead
// (NODE_COMPILE_CACHE chooses the directory, os.tmpdir() by default; NODE_DISABLE_COMPILE_CACHE=1
// turns it off). Node 22.1 and later: Node 20 (the quick start's) starts without one.
const compileCache = nodeModule as { enableCompileCache?: () => unknown; flushCompileCache?: () => void };
compileCache.enableCompileCache?.();

// Under load V8 let the old generation grow to about 190 MB before it collected it, with about
// 40 MB of it live: a peak RSS near 370 MB in `npm run bench`. Growing it by at most 100% at a time
// keeps the peak near 230-270 MB for 1-2% of throughput (40% gave 205-240 MB, but cost 7-12% and
// raised p99 by about 6 ms: more full collections). A V8 flag that NODE_OPTIONS does not accept,
// so it is set here, before the server allocates anything.
v8.setFlagsFromString("--heap-growing-percent=100");

const { serve } = await import("./serve.js");
await serve();
// Every module the server needs is loaded now: the cache is written at once, not at exit (a killed pod never exits).
compileCache.flushCompileCache?.();
