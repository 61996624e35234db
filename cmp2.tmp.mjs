import autocannon from "autocannon";
import { spawn } from "node:child_process";
const Q = `query OrdersPage($page: PageInput, $sort: OrderSort, $filter: OrderFilter) { orders(page: $page, sort: $sort, filter: $filter) { totalCount edges { cursor node { id dateUuid userId cardNumberMasked storeCode productCode productQuantity orderDate shippingDate } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const body = JSON.stringify({ query: Q, variables: { page: { first: 25 }, sort: "ORDER_DATE_DESC", filter: {} } });
const variants = JSON.parse(process.argv[2]);
const servers = [];
let port = 5100;
for (const [name, env] of Object.entries(variants)) {
  const p = port++;
  const child = spawn(process.execPath, ["dist/server/main.js"], { env: { ...process.env, NODE_ENV: "production", PORT: String(p), HOST: "127.0.0.1", DATABASE_URL: "sqlite:/work/main/data/bench/orders-1000000.run.sqlite", SEED_DEMO: "false", RATE_LIMIT_PER_MINUTE: "10000000", LOG_LEVEL: "info", ...env }, stdio: "ignore" });
  for (;;) { if (await fetch(`http://127.0.0.1:${p}/readyz`).then(r => r.ok, () => false)) break; await new Promise(r => setTimeout(r, 50)); }
  servers.push({ name, p, child });
}
const run = (p, d) => autocannon({ url: `http://127.0.0.1:${p}`, connections: 16, duration: d, requests: [{ method: "POST", path: "/graphql", headers: { "content-type": "application/json" }, body }] });
for (const s of servers) await run(s.p, 8);
const results = Object.fromEntries(servers.map(s => [s.name, []]));
for (let round = 0; round < 4; round++) for (const s of servers) results[s.name].push(Math.round((await run(s.p, 5)).requests.average));
for (const [k, v] of Object.entries(results)) { const sorted = [...v].sort((a,b)=>a-b); console.log(k.padEnd(12), v.join(" "), "median", (sorted[1]+sorted[2])/2); }
for (const s of servers) s.child.kill("SIGTERM");
