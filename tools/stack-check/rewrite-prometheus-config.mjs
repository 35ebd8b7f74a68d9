// Rewrites the project's prometheus.yml for a test run outside compose:
//   node rewrite-prometheus-config.mjs <in.yml> <out.yml> <service host:port> <self host:port> <rules dir>
// The service job keeps its settings (interval, path) with the target replaced; the Prometheus
// self-scrape points at the test instance; the other stack components are dropped (they do
// not run here); rule_files point at the repository's rules.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

const [input, output, service, self, rulesDir] = process.argv.slice(2);
if (!rulesDir) {
  console.error('usage: rewrite-prometheus-config.mjs <in> <out> <service host:port> <self host:port> <rules dir>');
  process.exit(2);
}
const config = yaml.load(fs.readFileSync(input, 'utf8'));
const keep = { 'observability-lab': service, prometheus: self };
const jobs = config.scrape_configs.filter((j) => j.job_name in keep);
if (jobs.length !== 2) {
  console.error(`expected jobs ${Object.keys(keep).join(', ')} in ${input}`);
  process.exit(1);
}
for (const job of jobs) job.static_configs = [{ targets: [keep[job.job_name]] }];
config.scrape_configs = jobs;
config.rule_files = (config.rule_files ?? []).map((glob) => path.join(path.resolve(rulesDir), path.basename(glob)));
fs.writeFileSync(output, yaml.dump(config, { lineWidth: 120 }));
