// Assertions against a Prometheus that has scraped the running service (see
// scripts/check-prometheus-live.sh, which starts both and sends the traffic):
//   node check-live.mjs <repo-root> <prometheus-url> <start-epoch-seconds>
// - every scrape target is up; every recording and alerting rule evaluates without error;
// - every dashboard variable finds values and every Prometheus query of every dashboard
//   (panels and annotations, variables substituted as Grafana does) returns data; an annotation
//   needs a sample above 0, the only ones Grafana marks (so the burst must change the settings
//   and run a scenario);
// - exemplars with trace ids are stored for http_server_requests_seconds_bucket.
// A dashboard tagged `drills` shows what only a drill run makes (drill metrics, alerts): skipped here unless
// ONLY_DASHBOARDS=file.json,... names it (scripts/check-drills.sh, after its drill); with ONLY_DASHBOARDS only those
// dashboards are checked, and no exemplars.
// Prints one line per check and "N passed, M failed"; exits 1 on any failure.
import path from 'node:path';
import { loadDashboards, queries, parseLabelValues, substitute, reporter } from './lib.mjs';

const [rootArg, promUrl, startArg] = process.argv.slice(2);
if (!promUrl || !startArg) {
  console.error('usage: check-live.mjs <repo-root> <prometheus-url> <start-epoch-seconds>');
  process.exit(2);
}
const root = path.resolve(rootArg);
const start = Number(startArg);
const end = Math.floor(Date.now() / 1000);
// Grafana's arithmetic for a 2s step against a 1s scrape interval (the datasource's timeInterval):
// $__interval = 2s, $__rate_interval = max($__interval + 1s, 4 x 1s) = 4s, $__range = end - start.
const STEP = 2;
const timing = { duration: `${STEP}s`, rateInterval: '4s', range: `${end - start}s` };

const { report, finish } = reporter();

async function api(pathAndQuery, params) {
  const url = new URL(`/api/v1/${pathAndQuery}`, promUrl);
  for (const [k, v] of Object.entries(params ?? {})) {
    for (const value of [].concat(v)) url.searchParams.append(k, String(value));
  }
  const res = await fetch(url, { signal: AbortSignal.timeout(20000) });
  const body = await res.json().catch(() => ({}));
  if (body.status !== 'success') throw new Error(`${url.pathname}: ${res.status} ${body.errorType ?? ''} ${body.error ?? ''}`.trim());
  return body.data;
}

const hasValues = (result) => result.some((s) => (s.values ?? [s.value]).some(([, v]) => v !== 'NaN'));
// Grafana's Prometheus annotations mark only the samples above 0 (a region per run of them).
const hasMarks = (result) => result.some((s) => (s.values ?? [s.value]).some(([, v]) => Number(v) > 0));
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// --- targets (with TARGET_JOBS=job1,job2,... only those jobs' targets must be up: the stack parts a run starts; the
// others are listed as not run, e.g. compose in CI without Loki, Promtail and Grafana)
let serviceUp = false;
{
  const problems = [];
  const onlyJobs = (process.env.TARGET_JOBS || '').split(',').filter(Boolean);
  const { activeTargets: all } = await api('targets', { state: 'active' });
  const activeTargets = onlyJobs.length ? all.filter((t) => onlyJobs.includes(t.labels.job)) : all;
  const notRun = all.filter((t) => !activeTargets.includes(t)).map((t) => t.labels.job);
  if (notRun.length) console.log(`     (not run here, not checked: ${[...new Set(notRun)].join(', ')})`);
  for (const job of onlyJobs) if (!all.some((t) => t.labels.job === job)) problems.push(`no target of job ${job}`);
  if (activeTargets.length === 0) problems.push('no active target');
  for (const t of activeTargets) {
    if (t.health !== 'up') problems.push(`${t.labels.job} ${t.scrapeUrl}: ${t.health} ${t.lastError}`);
    if (/does not support exemplars/.test(t.lastError)) {
      problems.push('Prometheus < 2.43 drops the whole scrape when an exemplar sits on a line other than a '
        + 'histogram _bucket or a counter _total (OpenMetrics 1.0). Prometheus 2.43+ and 3.x accept it; for '
        + 'this Prometheus the service must not put exemplars on _count/_sum lines.');
    }
  }
  if (!activeTargets.some((t) => t.labels.job === 'observability-lab')) problems.push('the service job observability-lab is not a target');
  serviceUp = activeTargets.some((t) => t.labels.job === 'observability-lab' && t.health === 'up');
  const up = activeTargets.filter((t) => t.health === 'up').length;
  report(`targets up: ${up} of ${activeTargets.length} (${activeTargets.map((t) => `${t.labels.job}=${t.health}`).join(', ')})`, problems);
}

// --- rules
{
  const problems = [];
  const { groups } = await api('rules');
  let count = 0;
  for (const g of groups) {
    for (const r of g.rules) {
      count += 1;
      if (r.health === 'unknown') problems.push(`${g.name} / ${r.name}: not evaluated yet`);
      else if (r.health !== 'ok') problems.push(`${g.name} / ${r.name}: health ${r.health} ${r.lastError ?? ''}`);
    }
  }
  if (count === 0) problems.push('no rules loaded');
  report(`rules healthy (${count} rules in ${groups.length} groups)`, problems);
}

if (!serviceUp) {
  // Every query below would fail for the same reason: say it once.
  console.log('skip dashboard queries and exemplars: the service target is not up');
  report('dashboard queries and exemplars', ['not checked: the service target is not up']);
  finish();
}

// --- dashboards: with a $service variable, once for each service the service job has (a user picks each in turn)
async function serviceValues(json) {
  const v = (json.templating?.list ?? []).find((x) => x.name === 'service' && x.type === 'query');
  if (!v) return [null];
  const lv = parseLabelValues(typeof v.query === 'string' ? v.query : v.query?.query);
  const params = { start, end };
  if (lv?.selector) params['match[]'] = substitute(lv.selector, { ...timing, values: {} });
  const found = await api(`label/${lv.label}/values`, params).catch(() => []);
  return found.length ? found : [null];
}
const onlyDashboards = (process.env.ONLY_DASHBOARDS || '').split(',').filter(Boolean);
const dashboards = loadDashboards(root).filter(({ file, json }) => {
  if (onlyDashboards.length) return onlyDashboards.includes(file);
  if (!(json.tags ?? []).includes('drills')) return true;
  console.log(`skip ${file}: its queries need a drill run (scripts/check-drills.sh checks them)`);
  return false;
});
for (const name of onlyDashboards) if (!dashboards.some((d) => d.file === name)) report(`dashboard ${name}`, [`no grafana-dashboards/${name}`]);
for (const { file, json } of dashboards) for (const service of await serviceValues(json)) {
  const values = {};
  const problems = [];
  let checked = 0;
  // Variables in order, each substituted into the next as Grafana does on load.
  for (const v of json.templating?.list ?? []) {
    if (v.name === 'service' && service !== null) {
      values.service = service;
      checked += 1;
    } else if (v.type === 'query' && v.datasource?.uid === 'prometheus') {
      const lv = parseLabelValues(typeof v.query === 'string' ? v.query : v.query?.query);
      const params = { start, end };
      if (lv?.selector) params['match[]'] = substitute(lv.selector, { ...timing, values });
      let found = [];
      try {
        found = await api(`label/${lv.label}/values`, params);
      } catch (e) {
        problems.push(`variable $${v.name}: ${e.message}`);
      }
      if (found.length === 0) problems.push(`variable $${v.name}: ${v.query} finds no value`);
      const all = v.current?.value?.includes?.('$__all') || v.current?.value === '$__all';
      values[v.name] = all && v.includeAll
        ? (v.allValue ?? found.map(escapeRegex).join('|'))
        : (found[0] ?? '');
      checked += 1;
    } else if (v.type === 'custom' || v.type === 'textbox' || v.type === 'constant') {
      values[v.name] = v.current?.value?.includes?.('$__all') ? (v.allValue ?? '.+') : (v.current?.value ?? v.query ?? '');
    }
  }
  for (const q of queries(json)) {
    if (q.datasource?.uid !== 'prometheus' || q.kind === 'variable') continue;
    const expr = substitute(q.expr, { ...timing, values });
    const step = q.kind === 'annotation' && q.query.step ? q.query.step : `${STEP}s`;
    checked += 1;
    try {
      const data = await api('query_range', { query: expr, start, end, step });
      if (!hasValues(data.result)) problems.push(`${q.where}: no data for ${expr}`);
      else if (q.kind === 'annotation' && !hasMarks(data.result)) problems.push(`${q.where}: no sample above 0, nothing to mark, for ${expr}`);
    } catch (e) {
      problems.push(`${q.where}: ${e.message} for ${expr}`);
    }
  }
  if (checked === 0) console.log(`skip ${file}: no Prometheus query (Loki and Jaeger queries are checked statically)`);
  else report(`${file}${service === null ? '' : ` (service ${service})`}: ${checked} Prometheus queries and variables return data`, problems);
}

// --- exemplars, and (with a Jaeger) the traces they link to
const jaegerUrl = process.env.JAEGER_URL || '';
if (onlyDashboards.length === 0) {
  const problems = [];
  const histograms = ['http_server_requests_seconds_bucket', 'simulator_work_duration_seconds_bucket'];
  const ids = new Set();
  // With EXPECT_SERVICES=a,b,c each of these services (the `service` label) must have exemplars resolving in Jaeger.
  const services = (process.env.EXPECT_SERVICES || '').split(',').filter(Boolean);
  const idsByService = new Map(services.map((s) => [s, new Set()]));
  let total = 0;
  for (const h of histograms) {
    const data = await api('query_exemplars', { query: `${h}{job="observability-lab"}`, start, end });
    for (const s of data) {
      const byService = idsByService.get(s.seriesLabels?.service);
      for (const e of s.exemplars ?? []) if (byService && e.labels?.trace_id) byService.add(e.labels.trace_id);
    }
    const exemplars = data.flatMap((s) => s.exemplars ?? []);
    total += exemplars.length;
    if (exemplars.length === 0) problems.push(`${h}: no exemplar stored: does the scrape negotiate OpenMetrics, is exemplar storage on?`);
    const mine = exemplars.map((e) => e.labels?.trace_id).filter(Boolean);
    if (exemplars.length > 0 && mine.length === 0) problems.push(`${h}: exemplars carry no trace_id label`);
    for (const id of mine) {
      if (!/^[0-9a-f]{32}$/.test(id)) problems.push(`${h}: trace_id ${id} is not 32 hex characters`);
      ids.add(id);
    }
  }
  report(`exemplars with trace ids on ${histograms.join(', ')} (${total} exemplars, ${ids.size} trace ids)`, problems);

  if (jaegerUrl) {
    // What Grafana does on a click: Prometheus' exemplar trace_id -> Jaeger's /api/traces/{id}. The newest
    // exemplars may still wait in the service's span queue (1 s schedule delay): retry, bounded.
    const missing = new Set(ids);
    const deadline = Date.now() + 20000;
    while (missing.size > 0 && Date.now() < deadline) {
      for (const id of [...missing]) {
        const res = await fetch(`${jaegerUrl}/api/traces/${id}`, { signal: AbortSignal.timeout(10000) });
        const body = res.ok ? await res.json() : null;
        if (body?.data?.[0]?.spans?.length > 0) missing.delete(id);
      }
      if (missing.size > 0) await new Promise((r) => setTimeout(r, 1000));
    }
    report(`every exemplar's trace id is a trace in Jaeger (${ids.size - missing.size} of ${ids.size} found)`,
      [...missing].slice(0, 10).map((id) => `exemplar trace_id ${id} is not in Jaeger (${jaegerUrl}/api/traces/${id})`));
    if (services.length) {
      const counts = services.map((s) => [s, [...idsByService.get(s)].filter((id) => !missing.has(id)).length]);
      report(`exemplars of each service resolve to traces in Jaeger (${counts.map(([s, n]) => `${s} ${n}`).join(', ')})`,
        counts.filter(([, n]) => n === 0).map(([s]) => `no exemplar of service ${s} resolves to a trace in Jaeger`));
    }

    // The `jaeger` job scrapes Jaeger's own metrics, and they say it received the service's spans.
    const jp = [];
    const up = await api('query', { query: 'up{job="jaeger"}' });
    if (up.result.length === 0) jp.push('no `jaeger` target: is the job in prometheus.yml?');
    else if (up.result.some((r) => r.value[1] !== '1')) jp.push('the `jaeger` target is down');
    const accepted = await api('query', { query: 'sum(otelcol_receiver_accepted_spans_total{job="jaeger"})' });
    if (!(Number(accepted.result[0]?.value[1]) > 0)) jp.push('otelcol_receiver_accepted_spans_total{job="jaeger"} is not above 0: Jaeger\'s metrics say it received no span');
    report('the jaeger job is up and Jaeger\'s own metrics count the spans it received', jp);
  }
}

finish();
