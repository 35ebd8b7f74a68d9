// Rewrites the project's observability/jaeger/jaeger.yml for a run on loopback:
//   node rewrite-jaeger-config.mjs <in.yml> <out.yml> <port-base>
// Only listen addresses change: every `endpoint: 0.0.0.0:PORT` (and the metrics reader's host/port) moves to
// 127.0.0.1 on a port of its own from <port-base> up; nothing else is touched, so a wrong key or value in the
// project's file fails this Jaeger as it would fail the container. Prints the port map as JSON, e.g.
// {"otlp_grpc":14317,"otlp_http":14318,"query_http":14319,...}.
import fs from 'node:fs';
import yaml from 'js-yaml';

const [input, output, baseArg] = process.argv.slice(2);
if (!baseArg) {
  console.error('usage: rewrite-jaeger-config.mjs <in> <out> <port-base>');
  process.exit(2);
}
const config = yaml.load(fs.readFileSync(input, 'utf8'));
let next = Number(baseArg);
const ports = {};
const move = (holder, key, name) => {
  if (!holder?.[key]) throw new Error(`${input}: no ${name} endpoint to move to loopback`);
  ports[name] = next;
  holder[key] = `127.0.0.1:${next}`;
  next += 1;
};
move(config.receivers?.otlp?.protocols?.grpc, 'endpoint', 'otlp_grpc');
move(config.receivers?.otlp?.protocols?.http, 'endpoint', 'otlp_http');
move(config.extensions?.jaeger_query?.http, 'endpoint', 'query_http');
move(config.extensions?.jaeger_query?.grpc, 'endpoint', 'query_grpc');
move(config.extensions?.healthcheckv2?.http, 'endpoint', 'health');
const prom = config.service?.telemetry?.metrics?.readers?.find((r) => r.pull?.exporter?.prometheus)?.pull.exporter.prometheus;
if (!prom) throw new Error(`${input}: no Prometheus metrics reader in service.telemetry.metrics.readers`);
prom.host = '127.0.0.1';
prom.port = next;
ports.metrics = next;
fs.writeFileSync(output, yaml.dump(config, { lineWidth: 120 }));
console.log(JSON.stringify(ports));
