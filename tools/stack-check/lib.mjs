// Shared helpers for the stack checks: reading dashboards and substituting Grafana variables.
import fs from 'node:fs';
import path from 'node:path';

export const BUILTIN_DATASOURCE_UIDS = new Set(['-- Grafana --', '-- Dashboard --', '-- Mixed --', 'grafana']);

export function loadDashboards(root) {
  const dir = path.join(root, 'grafana-dashboards');
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return { file, json: JSON.parse(text) };
    });
}

// Every panel, including panels nested in collapsed rows.
export function* panels(dashboard) {
  const stack = [...(dashboard.panels ?? [])];
  while (stack.length) {
    const p = stack.shift();
    yield p;
    if (Array.isArray(p.panels)) stack.push(...p.panels);
  }
}

// Every query of a dashboard with the datasource it runs against:
// { where, kind: 'panel'|'annotation'|'variable', datasource, query (the raw object), expr }
export function queries(dashboard) {
  const out = [];
  for (const p of panels(dashboard)) {
    for (const t of p.targets ?? []) {
      const ds = t.datasource ?? p.datasource;
      out.push({ where: `panel "${p.title}" (${t.refId})`, kind: 'panel', panel: p, datasource: ds, query: t, expr: t.expr });
    }
  }
  for (const a of dashboard.annotations?.list ?? []) {
    if (a.builtIn) continue;
    out.push({ where: `annotation "${a.name}"`, kind: 'annotation', datasource: a.datasource, query: a, expr: a.expr });
  }
  for (const v of dashboard.templating?.list ?? []) {
    if (v.type !== 'query') continue;
    const q = typeof v.query === 'string' ? v.query : v.query?.query;
    out.push({ where: `variable $${v.name}`, kind: 'variable', datasource: v.datasource, query: v, expr: q, variable: v });
  }
  return out;
}

// label_values(selector, label) / label_values(label) -> { selector, label }
export function parseLabelValues(q) {
  const m = /^\s*label_values\(\s*(?:(.*)\s*,\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/s.exec(q ?? '');
  return m ? { selector: m[1]?.trim() || null, label: m[2] } : null;
}

const DURATION_VARS = /\$\{?__(?:rate_interval|interval|range|auto)\}?/g;

// Substitute Grafana's variables so that the expression parses or runs.
//   durations: $__rate_interval, $__interval, $__range, $__auto -> opts.duration (default 1m)
//   dashboard variables -> opts.values[name] if given, else opts.fallback (default ".+")
export function substitute(expr, opts = {}) {
  const duration = opts.duration ?? '1m';
  const values = opts.values ?? {};
  const fallback = opts.fallback ?? '.+';
  return expr
    .replace(/\$\{?__(?:range|interval)_s\}?/g, '60')
    .replace(/\$\{?__(?:range|interval)_ms\}?/g, '60000')
    .replace(DURATION_VARS, (m) => {
      if (m.includes('rate_interval')) return opts.rateInterval ?? duration;
      if (m.includes('range')) return opts.range ?? duration;
      return duration;
    })
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a, b) => {
      const name = a ?? b;
      if (name.startsWith('__')) return m;
      return name in values ? values[name] : fallback;
    });
}

export function readText(root, rel) {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}

// One line per check ("ok" or "FAIL" with its problems), then "N passed, M failed" from finish(),
// which exits 1 on any failure. Shared by check-static.mjs and check-live.mjs.
export function reporter() {
  let passed = 0;
  let failed = 0;
  const report = (name, problems) => {
    if (problems.length === 0) {
      passed += 1;
      console.log(`ok   ${name}`);
      return;
    }
    failed += 1;
    console.log(`FAIL ${name}`);
    for (const p of problems.slice(0, 20)) console.log(`       - ${p}`);
    if (problems.length > 20) console.log(`       ... and ${problems.length - 20} more`);
  };
  const finish = () => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  };
  return { report, finish };
}
