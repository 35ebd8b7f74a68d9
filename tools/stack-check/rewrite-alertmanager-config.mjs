// Rewrites the project's alertmanager.yml for a test run outside compose:
//   node rewrite-alertmanager-config.mjs <in.yml> <out.yml> <service base URL>
// Only the lab's own webhook changes: every webhook_configs URL whose path is /api/drills/notifications (compose's
// http://checkout:8080) is moved to the given base URL, e.g. http://127.0.0.1:18080. Routes, timings and every other
// receiver stay as they are. Fails when no such webhook is found.
import fs from 'node:fs';
import yaml from 'js-yaml';

const [input, output, base] = process.argv.slice(2);
if (!base || !/^http:\/\/(127\.[0-9.]+|localhost):[0-9]+\/?$/.test(base)) {
  console.error('usage: rewrite-alertmanager-config.mjs <in> <out> http://127.0.0.1:PORT   (loopback only)');
  process.exit(2);
}
const config = yaml.load(fs.readFileSync(input, 'utf8'));
let moved = 0;
for (const r of config.receivers ?? []) {
  for (const w of r.webhook_configs ?? []) {
    const url = new URL(w.url);
    if (url.pathname !== '/api/drills/notifications') continue;
    w.url = new URL(url.pathname, base).toString();
    moved += 1;
  }
}
if (moved === 0) {
  console.error(`${input}: no webhook to /api/drills/notifications`);
  process.exit(1);
}
fs.writeFileSync(output, yaml.dump(config, { lineWidth: 120 }));
