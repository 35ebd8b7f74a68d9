// Rewrites the project's observability/jaeger/jaeger.yml for a run on loopback:
//   node rewrite-jaeger-config.mjs <in.yml> <out.yml>
// Only listen addresses change: every `endpoint: 0.0.0.0:PORT` (and the metrics reader's host/port) moves to
// 127.0.0.1 on a free port of its own; nothing else is touched, so a wrong key or value in the project's file fails
// this Jaeger as it would fail the container. Prints the port map as JSON, e.g.
// {"otlp_grpc":41317,"otlp_http":39218,"query_http":40019,"query_grpc":...,"health":...,"metrics":...}.
import fs from 'node:fs';
import net from 'node:net';
import yaml from 'js-yaml';

const [input, output] = process.argv.slice(2);
if (!output) {
  console.error('usage: rewrite-jaeger-config.mjs <in> <out>');
  process.exit(2);
}

// Free loopback ports, all held open until every one is chosen, so no two are the same.
async function freePorts(n) {
  const servers = [];
  for (let i = 0; i < n; i += 1) {
    const s = net.createServer();
    await new Promise((resolve, reject) => s.once('error', reject).listen(0, '127.0.0.1', resolve));
    servers.push(s);
  }
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

const config = yaml.load(fs.readFileSync(input, 'utf8'));
const free = await freePorts(6);
const ports = {};
const move = (holder, key, name) => {
  if (!holder?.[key]) throw new Error(`${input}: no ${name} endpoint to move to loopback`);
  ports[name] = free.shift();
  holder[key] = `127.0.0.1:${ports[name]}`;
};
move(config.receivers?.otlp?.protocols?.grpc, 'endpoint', 'otlp_grpc');
move(config.receivers?.otlp?.protocols?.http, 'endpoint', 'otlp_http');
move(config.extensions?.jaeger_query?.http, 'endpoint', 'query_http');
move(config.extensions?.jaeger_query?.grpc, 'endpoint', 'query_grpc');
move(config.extensions?.healthcheckv2?.http, 'endpoint', 'health');
const prom = config.service?.telemetry?.metrics?.readers?.find((r) => r.pull?.exporter?.prometheus)?.pull.exporter.prometheus;
if (!prom) throw new Error(`${input}: no Prometheus metrics reader in service.telemetry.metrics.readers`);
prom.host = '127.0.0.1';
prom.port = free.shift();
ports.metrics = prom.port;
fs.writeFileSync(output, yaml.dump(config, { lineWidth: 120 }));
console.log(JSON.stringify(ports));
