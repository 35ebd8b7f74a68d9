// Live check of the trace half of the stack: the packaged service exports OTLP gRPC to a real Jaeger v2 (the pinned
// release, with the project's own jaeger.yml), and everything is read back through Jaeger's HTTP query API, the one
// Grafana's Jaeger datasource calls.
//   node check-traces.mjs <repo-root> <service-url> <jaeger-query-url>
// Asserts:
// - every request's X-Trace-Id (successes, forced and random failures, POST, /generate_logs, slow requests) is a
//   trace in Jaeger holding exactly the spans docs/signals.md's Traces section promises: one server span with its
//   semantic-convention attributes, one child span per configured step with the simulator.step.* attributes, ERROR
//   status and one `exception` event on a simulated failure, and the resource attributes;
// - every request of the built-in traffic generator is a trace whose root is its client span, parent of the server span;
// - none is lost: 1000 requests at a moderate rate, half of them after the steps were replaced with PUT /api/simulator,
//   are all in Jaeger with the steps in force when they ran, and the service counts no dropped span;
// - every Jaeger query of every dashboard (search by service, operation, tags, minimum duration; trace by id;
//   dependencies) returns data.
// Settings and traffic are put back as they were. Loopback only, bounded. Ends with "N passed, M failed".
import { loadDashboards, queries, substitute, reporter, serviceCall, metricSum } from './lib.mjs';

const [rootArg, serviceUrl, jaegerUrl] = process.argv.slice(2);
if (!jaegerUrl) {
  console.error('usage: check-traces.mjs <repo-root> <service-url> <jaeger-query-url>');
  process.exit(2);
}
const { report, finish } = reporter();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SERVICE = process.env.EXPECT_SERVICE_NAME || 'observability-lab';

const call = (method, path, body) => serviceCall(serviceUrl, method, path, body);

async function jaeger(path) {
  const res = await fetch(new URL(path, jaegerUrl), { signal: AbortSignal.timeout(20000) });
  const body = await res.json().catch(() => null);
  return { status: res.status, body };
}

// --- reading a Jaeger trace
const tagsOf = (span) => Object.fromEntries((span.tags ?? []).map((t) => [t.key, t.value]));
const parentOf = (span) => span.references?.find((r) => r.refType === 'CHILD_OF')?.spanID ?? null;

function shape(trace) {
  const spans = trace.spans.map((s) => ({ ...s, t: tagsOf(s), parent: parentOf(s) }));
  return { spans, process: (s) => trace.processes[s.processID] };
}

// A trace, once it holds `want` spans (its spans may arrive in different batches). Polls, bounded.
async function traces(ids, want, timeoutMs = 30000) {
  const found = new Map();
  const deadline = Date.now() + timeoutMs;
  let pending = [...new Set(ids)];
  while (pending.length > 0) {
    const next = [];
    for (const id of pending) {
      const { status, body } = await jaeger(`/api/traces/${id}`);
      const trace = status === 200 ? body?.data?.[0] : null;
      if (trace) found.set(id, trace);
      if (!trace || trace.spans.length < want(id)) next.push(id);
    }
    pending = next;
    if (pending.length === 0 || Date.now() > deadline) break;
    await sleep(500);
  }
  return found;
}

// Problems with one server-side trace, against what docs/signals.md promises.
const SERVER_ATTRS = ['http.request.method', 'http.route', 'http.response.status_code', 'url.path', 'url.scheme',
  'server.address', 'server.port'];
function serverProblems(trace, expect) {
  const problems = [];
  const { spans, process } = shape(trace);
  const servers = spans.filter((s) => s.t['span.kind'] === 'server');
  if (servers.length !== 1) return [`${servers.length} server spans, want exactly 1`];
  const server = servers[0];
  const proc = process(server);
  if (proc?.serviceName !== SERVICE) problems.push(`service.name ${proc?.serviceName}, want ${SERVICE}`);
  const res = Object.fromEntries((proc?.tags ?? []).map((t) => [t.key, t.value]));
  for (const k of ['service.version', 'deployment.environment']) if (!res[k]) problems.push(`resource attribute ${k} missing`);
  for (const k of SERVER_ATTRS) if (server.t[k] === undefined) problems.push(`server span: ${k} missing`);
  if (server.operationName !== `${expect.method} ${expect.route}`) problems.push(`server span named "${server.operationName}", want "${expect.method} ${expect.route}"`);
  if (server.t['http.route'] !== expect.route) problems.push(`http.route ${server.t['http.route']}, want ${expect.route}`);
  if (server.t['http.response.status_code'] !== expect.status) problems.push(`http.response.status_code ${server.t['http.response.status_code']}, want ${expect.status}`);
  const exceptions = spans.flatMap((s) => (s.logs ?? []).filter((l) => l.fields.some((f) => f.key === 'event' && f.value === 'exception')));
  const steps = spans.filter((s) => s.parent === server.spanID).sort((a, b) => a.t['simulator.step.index'] - b.t['simulator.step.index']);
  if (expect.steps) {
    const want = expect.failedStep ? expect.steps.slice(0, expect.steps.indexOf(expect.failedStep) + 1) : expect.steps;
    const got = steps.map((s) => s.operationName);
    if (got.join(',') !== want.join(',')) problems.push(`step spans [${got}], want [${want}]`);
    steps.forEach((s, i) => {
      if (s.t['span.kind'] !== 'internal') problems.push(`step ${s.operationName}: kind ${s.t['span.kind']}`);
      if (s.t['simulator.step.name'] !== s.operationName) problems.push(`step ${s.operationName}: simulator.step.name ${s.t['simulator.step.name']}`);
      if (s.t['simulator.step.index'] !== i) problems.push(`step ${s.operationName}: simulator.step.index ${s.t['simulator.step.index']}, want ${i}`);
      if (!(Number(s.t['simulator.step.delay_ms']) >= 0)) problems.push(`step ${s.operationName}: simulator.step.delay_ms ${s.t['simulator.step.delay_ms']}`);
      const failed = s.operationName === expect.failedStep;
      if (Boolean(s.t.error) !== failed) problems.push(`step ${s.operationName}: error=${Boolean(s.t.error)}, want ${failed}`);
    });
  } else if (steps.length > 0) {
    problems.push(`${steps.length} child spans, want none`);
  }
  if (expect.logs) {
    for (const [k, v] of Object.entries(expect.logs)) if (server.t[k] !== v) problems.push(`server span: ${k}=${server.t[k]}, want ${v}`);
  }
  const others = spans.length - 1 - steps.length - (expect.client ? 1 : 0);
  if (others !== 0) problems.push(`${others} spans beyond the server span, its steps${expect.client ? ' and the client span' : ''}`);
  if (expect.failedStep) {
    if (server.t.error !== true || server.t['otel.status_code'] !== 'ERROR') problems.push('server span of a simulated failure has no ERROR status');
    if (server.t['simulator.failure.simulated'] !== true) problems.push('server span lacks simulator.failure.simulated=true');
    if (exceptions.length !== 1) problems.push(`${exceptions.length} exception events, want 1`);
  } else {
    if (spans.some((s) => s.t.error)) problems.push('a span has ERROR status on a request that did not fail');
    if (exceptions.length !== 0) problems.push(`${exceptions.length} exception events on a request that did not fail`);
  }
  if (expect.client) {
    const client = spans.find((s) => s.spanID === server.parent);
    if (!client) problems.push('the server span has no parent in the trace: the generator\'s client span is missing');
    else {
      if (client.t['span.kind'] !== 'client') problems.push(`the server span's parent is a ${client.t['span.kind']} span, not the client span`);
      if (client.parent) problems.push('the client span is not the root');
      for (const k of ['http.request.method', 'url.full', 'server.address', 'http.response.status_code']) if (client.t[k] === undefined) problems.push(`client span: ${k} missing`);
      if (process(client)?.serviceName !== SERVICE) problems.push(`client span service ${process(client)?.serviceName}`);
    }
  } else if (server.parent) {
    problems.push('the server span has a parent, but the request came without trace context');
  }
  return problems;
}

const stepNames = (settings) => settings.process.steps.map((s) => s.name);
const failedStepOf = (answer) => /step ([^ ]+) \(/.exec(answer.json?.detail ?? '')?.[1];
const settingsBefore = (await call('GET', '/api/simulator')).json;
const trafficBefore = (await call('GET', '/api/traffic')).json;
if (!settingsBefore || !trafficBefore) {
  report('the service answers GET /api/simulator and /api/traffic', ['it does not']);
  finish();
}

// Expected shape of one answered request.
function expectOf(req, answer, steps) {
  const route = req.path.split('?')[0];
  if (route === '/generate_logs') {
    const q = new URL(req.path, 'http://x').searchParams;
    return { method: req.method, route, status: answer.status, steps: null,
      logs: { 'simulator.logs.count': Number(q.get('count')), 'simulator.logs.level': q.get('level') ?? 'mixed' } };
  }
  return { method: req.method, route, status: answer.status, steps, failedStep: answer.status >= 500 ? failedStepOf(answer) : undefined };
}
const spanCount = (e) => 1 + (e.client ? 1 : 0) + (e.steps ? (e.failedStep ? e.steps.indexOf(e.failedStep) + 1 : e.steps.length) : 0);

async function checkAnswered(name, sent) {
  const problems = [];
  const byId = new Map();
  for (const s of sent) {
    if (!/^[0-9a-f]{32}$/.test(s.answer.traceId ?? '')) problems.push(`${s.req.method} ${s.req.path}: X-Trace-Id ${s.answer.traceId}`);
    else byId.set(s.answer.traceId, s);
  }
  const found = await traces([...byId.keys()], (id) => spanCount(byId.get(id).expect));
  for (const [id, s] of byId) {
    const trace = found.get(id);
    const what = `${s.req.method} ${s.req.path} -> ${s.answer.status} (trace ${id})`;
    if (!trace) problems.push(`${what}: not in Jaeger`);
    else for (const p of serverProblems(trace, s.expect)) problems.push(`${what}: ${p}`);
  }
  report(`${name}: ${byId.size} of ${sent.length} requests are traces in Jaeger with exactly the promised spans`, problems);
  return found;
}

async function send(reqs, steps) {
  const out = [];
  for (const req of reqs) {
    const answer = await call(req.method, req.path);
    out.push({ req, answer, expect: expectOf(req, answer, steps) });
  }
  return out;
}

// --- 1. every kind of request
const steps0 = stepNames(settingsBefore);
const kinds = [];
for (let i = 0; i < 10; i += 1) kinds.push({ method: 'GET', path: '/process?delay_ms=20&fail=false' });
for (let i = 0; i < 5; i += 1) kinds.push({ method: 'POST', path: `/process?delay_ms=${5 * i}&fail=false` });
for (let i = 0; i < 8; i += 1) kinds.push({ method: 'GET', path: '/process?fail=true' });
for (let i = 0; i < 3; i += 1) kinds.push({ method: 'GET', path: '/process?delay_ms=300&fail=false' });
for (let i = 0; i < 4; i += 1) kinds.push({ method: 'GET', path: `/generate_logs?count=${3 + i}` });
kinds.push({ method: 'POST', path: '/generate_logs?count=5&level=ERROR' });
const sentKinds = await send(kinds, steps0);
const wrong = sentKinds.filter((s) => (s.req.path.includes('fail=true') ? s.answer.status < 500 : s.answer.status !== 200));
if (wrong.length) report('requests answered as forced', wrong.map((s) => `${s.req.method} ${s.req.path}: ${s.answer.status} ${s.answer.text.slice(0, 120)}`));

// Random failures: the configured failure rate at 0.5 for 20 unforced requests, then the settings put back.
const randomSettings = structuredClone(settingsBefore);
randomSettings.process.failureRate = 0.5;
let put = await call('PUT', '/api/simulator', randomSettings);
if (put.status !== 200) report('PUT /api/simulator (failure rate 0.5)', [`${put.status} ${put.text}`]);
const random = await send(Array.from({ length: 20 }, () => ({ method: 'GET', path: '/process' })), steps0);
put = await call('PUT', '/api/simulator', settingsBefore);
if (put.status !== 200) report('PUT /api/simulator (settings put back)', [`${put.status} ${put.text}`]);
const randomFailures = random.filter((s) => s.answer.status >= 500).length;
report(`random failures happen at the configured rate (${randomFailures} of 20 at 0.5)`, randomFailures > 0 && randomFailures < 20 ? [] : ['none or all failed']);
const kindTraces = await checkAnswered('successes, forced and random failures, POST, slow, /generate_logs', [...sentKinds, ...random]);

// --- 2. the traffic generator: every request it made is a trace rooted in its client span
{
  const problems = [];
  const counted = async () => (await metricSum(serviceUrl, 'simulator_traffic_requests_total'))
    - (await metricSum(serviceUrl, 'simulator_traffic_requests_total', 'outcome="dropped"'));
  const before = await counted();
  const startUs = Date.now() * 1000;
  const burst = { rps: 20, mix: { process: 3, process_fail: 1, generate_logs: 1 }, maxInFlight: 64, logCount: 4, slowDelayMs: 300 };
  let r = await call('PUT', '/api/traffic', burst);
  if (r.status !== 200) problems.push(`PUT /api/traffic: ${r.status} ${r.text}`);
  await sleep(3000);
  r = await call('PUT', '/api/traffic', trafficBefore);
  if (r.status !== 200) problems.push(`PUT /api/traffic (put back): ${r.status} ${r.text}`);
  // Until nothing is in flight, then one more scrape (one scrape is not one instant).
  for (let i = 0; i < 40 && (await metricSum(serviceUrl, 'simulator_traffic_in_flight_requests')) > 0; i += 1) await sleep(250);
  await sleep(300);
  const made = (await counted()) - before;
  if (made < 20) problems.push(`the generator made ${made} requests in 3 s at 20/s`);
  await sleep(2500); // the last spans leave the queue (1 s schedule delay)
  const endUs = Date.now() * 1000;
  const { body } = await jaeger(`/api/traces?service=${SERVICE}&start=${startUs}&end=${endUs}&limit=5000`);
  const rooted = (body?.data ?? []).filter((t) => {
    const { spans } = shape(t);
    return spans.some((s) => !s.parent && s.t['span.kind'] === 'client');
  });
  if (rooted.length !== made) problems.push(`${rooted.length} traces in Jaeger start with the generator's client span, but it counted ${made} requests`);
  for (const t of rooted) {
    const { spans } = shape(t);
    const server = spans.find((s) => s.t['span.kind'] === 'server');
    const route = server?.t['http.route'];
    const status = server?.t['http.response.status_code'];
    const detail = /step ([^ ]+) \(/.exec((server?.logs ?? []).flatMap((l) => l.fields).find((f) => f.key === 'exception.message')?.value ?? '')?.[1];
    const expect = route === '/generate_logs'
      ? { method: 'GET', route, status, steps: null, client: true }
      : { method: 'GET', route, status, steps: steps0, failedStep: status >= 500 ? detail : undefined, client: true };
    for (const p of serverProblems(t, expect)) problems.push(`generator trace ${t.traceID}: ${p}`);
  }
  report(`traffic generator: each of its ${made} requests is a trace whose client span is the parent of the server span`, problems);
}

// --- 3. none lost: 1000 requests at a moderate rate, the steps replaced halfway
{
  const problems = [];
  const dropped = () => metricSum(serviceUrl, 'simulator_spans_dropped_total');
  const droppedBefore = await dropped();
  const newSettings = structuredClone(settingsBefore);
  newSettings.process.steps = [{ name: 'load-cart', weight: 30 }, { name: 'price-cart', weight: 70 }];
  const sent = [];
  const wave = async (count, steps) => {
    const concurrency = 8;
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next += 1;
        const req = { method: 'GET', path: '/process?delay_ms=4&fail=false' };
        const answer = await call(req.method, req.path);
        sent.push({ req, answer, expect: expectOf(req, answer, steps) });
        await sleep(20); // ~8 x 40/s: a moderate rate, a few hundred requests per second at most
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };
  const t0 = Date.now();
  await wave(500, steps0);
  const r = await call('PUT', '/api/simulator', newSettings);
  if (r.status !== 200) problems.push(`PUT /api/simulator with new steps: ${r.status} ${r.text}`);
  await wave(500, stepNames(newSettings));
  const seconds = (Date.now() - t0) / 1000;
  const back = await call('PUT', '/api/simulator', settingsBefore);
  if (back.status !== 200) problems.push(`PUT /api/simulator (put back): ${back.status} ${back.text}`);
  const notOk = sent.filter((s) => s.answer.status !== 200);
  if (notOk.length) problems.push(`${notOk.length} answers were not 200, e.g. ${notOk[0].answer.status} ${notOk[0].answer.text.slice(0, 100)}`);
  const byId = new Map(sent.map((s) => [s.answer.traceId, s]));
  const found = await traces([...byId.keys()], (id) => spanCount(byId.get(id).expect));
  let complete = 0;
  for (const [id, s] of byId) {
    const trace = found.get(id);
    if (!trace) { problems.push(`trace ${id} is not in Jaeger`); continue; }
    const p = serverProblems(trace, s.expect);
    if (p.length) problems.push(`trace ${id}: ${p[0]}`);
    else complete += 1;
  }
  const lost = (await dropped()) - droppedBefore;
  if (lost !== 0) problems.push(`the service counted ${lost} dropped spans (simulator_spans_dropped_total)`);
  report(`none lost: ${complete} of ${sent.length} requests (${Math.round(sent.length / seconds)}/s, steps replaced after 500) are complete traces in Jaeger`, problems);
}

// --- 4. every Jaeger query of every dashboard returns data, as Grafana's Jaeger datasource sends it; with
// JAEGER_DASHBOARD_SERVICES=a,b,c once for each of those services as $service (a user picks each in turn), else for
// the service whose traces this check made
{
  const someTraceId = [...kindTraces.keys()][0];
  const endMs = Date.now() + 1000;
  const startMs = endMs - 15 * 60 * 1000;
  const dashboardServices = (process.env.JAEGER_DASHBOARD_SERVICES || '').split(',').filter(Boolean);
  for (const { file, json } of loadDashboards(rootArg)) for (const service of dashboardServices.length ? dashboardServices : [SERVICE]) {
    const values = {};
    for (const v of json.templating?.list ?? []) {
      if (v.name === 'trace_id') values[v.name] = someTraceId; // what a user types, or an exemplar click sets
      else if (v.name === 'service') values[v.name] = service;
      else values[v.name] = v.current?.value?.includes?.('$__all') ? (v.allValue ?? '.+') : (v.current?.value ?? v.query ?? '');
    }
    const problems = [];
    let checked = 0;
    for (const q of queries(json)) {
      if (q.datasource?.uid !== 'jaeger' || q.kind !== 'panel') continue;
      const t = q.query;
      const sub = (x) => (x === undefined || x === null ? x : substitute(String(x), { values }));
      checked += 1;
      try {
        if (t.queryType === 'search') {
          const params = new URLSearchParams({ service: sub(t.service), start: String(startMs * 1000), end: String(endMs * 1000), limit: String(t.limit ?? 20) });
          if (t.operation) params.set('operation', sub(t.operation));
          if (t.minDuration) params.set('minDuration', sub(t.minDuration));
          if (t.maxDuration) params.set('maxDuration', sub(t.maxDuration));
          if (t.tags) {
            // Grafana sends logfmt tags as Jaeger's JSON map.
            const tags = Object.fromEntries(sub(t.tags).trim().split(/\s+/).map((kv) => kv.split('=')));
            params.set('tags', JSON.stringify(tags));
          }
          const { status, body } = await jaeger(`/api/traces?${params}`);
          if (status !== 200) problems.push(`${q.where}: ${status} ${JSON.stringify(body?.errors)} for /api/traces?${params}`);
          else if (!(body?.data?.length > 0)) problems.push(`${q.where}: no trace for /api/traces?${params}`);
        } else if (t.queryType === 'dependencyGraph') {
          const { status, body } = await jaeger(`/api/dependencies?endTs=${endMs}&lookback=${endMs - startMs}`);
          if (status !== 200 || !(body?.data?.length > 0)) problems.push(`${q.where}: no dependency (${status})`);
        } else if (!t.queryType || t.queryType === 'traceql' || t.queryType === 'traceId') {
          const id = sub(t.query);
          const { status, body } = await jaeger(`/api/traces/${id}`);
          if (status !== 200 || !(body?.data?.[0]?.spans?.length > 0)) problems.push(`${q.where}: trace ${id} not found (${status})`);
        } else {
          problems.push(`${q.where}: query type ${t.queryType} is not checked here`);
        }
      } catch (e) {
        problems.push(`${q.where}: ${e.message}`);
      }
    }
    if (checked > 0) report(`${file}${dashboardServices.length ? ` (service ${service})` : ''}: ${checked} Jaeger queries return data`, problems);
  }
}

finish();
