/**
 * PostGraphile 5 on the database the bench seeded, as its own process: the peer our PostgreSQL
 * figures stand beside. Set up as its documentation runs it in production (the Amber preset, the
 * public schema, Node's own HTTP server, as the `postgraphile` CLI does), with nothing that would
 * slow it for reasons that are not its design: no GraphiQL, no explain, no watch mode, and the
 * same pool size as our server (20; node-postgres's default would be 10).
 *
 *   node --import tsx test/bench/postgraphile-server.ts <postgres url>    (prints {"url": ...} when ready)
 *
 * "Ready" is after the schema was built from the database's catalogue, so the first request
 * does not wait for it.
 */
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const connectionString = process.argv[2];
if (!connectionString) {
  process.stderr.write("usage: postgraphile-server.ts <postgres url>\n");
  process.exit(2);
}

/** Our server's pool (server/database/database.ts): the same number of connections for both. */
const POOL_SIZE = 20;

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: ["public"], poolConfig: { max: POOL_SIZE } })],
  grafserv: { graphiql: false, graphiqlOnGraphQLGET: false, watch: false, websockets: false },
  grafast: { explain: false },
});
await pgl.getSchema();
const serv = pgl.createServ(grafserv);
const server = createServer();
await serv.addTo(server);
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(JSON.stringify({ msg: "postgraphile listening", url: `http://127.0.0.1:${port}` }) + "\n");
});
process.on("SIGTERM", () => {
  // Releasing the instance releases its grafserv too, and ends the pool.
  server.close(async () => {
    await pgl.release();
    process.exit(0);
  });
  // autocannon's keep-alive sockets would hold close() open until they time out.
  server.closeAllConnections();
});
