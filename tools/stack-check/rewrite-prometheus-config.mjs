// Rewrites the project's prometheus.yml for a test run outside compose:
//   node rewrite-prometheus-config.mjs <in.yml> <out.yml> <rules dir> [--alertmanagers=<host:port>[,...]]
//     <job>=<host:port>[,<host:port>...] ...
// Only targets and file paths change: each named job keeps its settings (interval, path, ...) with its targets
// replaced by the loopback addresses given; jobs not named are dropped (those stack parts do not run here);
// rule_files point at the repository's rules. The alerting section keeps its settings and sends to the
// Alertmanager(s) given, or is dropped when none is: alerts are then evaluated but sent nowhere, as no Alertmanager
// runs to take them (a name that resolves nowhere would only fill the log with failed sends).
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

const [input, output, rulesDir, ...args] = process.argv.slice(2);
const amArg = args.find((a) => a.startsWith('--alertmanagers='));
const pairs = args.filter((a) => a !== amArg);
if (!rulesDir || pairs.length === 0 || pairs.some((p) => !p.includes('='))) {
  console.error('usage: rewrite-prometheus-config.mjs <in> <out> <rules dir> [--alertmanagers=<host:port>,...] <job>=<host:port> ...');
  process.exit(2);
}
const keep = Object.fromEntries(pairs.map((p) => p.split('=')));
const config = yaml.load(fs.readFileSync(input, 'utf8'));
const jobs = config.scrape_configs.filter((j) => j.job_name in keep);
const missing = Object.keys(keep).filter((name) => !jobs.some((j) => j.job_name === name));
if (missing.length > 0) {
  console.error(`no job ${missing.join(', ')} in ${input}`);
  process.exit(1);
}
for (const job of jobs) job.static_configs = [{ targets: keep[job.job_name].split(',') }];
config.scrape_configs = jobs;
config.rule_files = (config.rule_files ?? []).map((glob) => path.join(path.resolve(rulesDir), path.basename(glob)));
if (amArg) {
  const targets = amArg.slice('--alertmanagers='.length).split(',').filter(Boolean);
  const ams = config.alerting?.alertmanagers ?? [];
  if (ams.length !== 1) {
    console.error(`${input}: expected one alerting.alertmanagers entry to point at ${targets}, found ${ams.length}`);
    process.exit(1);
  }
  ams[0].static_configs = [{ targets }];
} else {
  delete config.alerting;
}
fs.writeFileSync(output, yaml.dump(config, { lineWidth: 120 }));
