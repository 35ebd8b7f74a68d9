// Live check of several services from one image: three packaged instances play checkout, inventory and payments
// (checkout's steps call the other two), all exporting to the real Jaeger.
//   node check-topology.mjs <checkout-url> <inventory-url> <payments-url> <jaeger-query-url> <call-timeout-ms>
// Asserts: one trace id spans the three services with correct parent/child links across every HTTP hop (server span
// -> step span -> client span -> the downstream's server span), and a forced delay's share reaches the downstream;
// a failure in payments gives checkout a 502 naming payments; a payments latency past the call timeout gives a 504 in
// about the timeout; a configured loop is cut at the hop limit with a bounded number of requests; the call metrics
// count exactly the calls made; the cross-service scenarios started on checkout change the downstream's settings and
// put them back; Jaeger's dependency graph has checkout -> inventory and checkout -> payments.
// Every settings change is put back. Loopback only, bounded. Ends with "N passed, M failed".
import { reporter, serviceCall, metricSum } from './lib.mjs';

const [checkout, inventory, payments, jaegerUrl, timeoutArg] = process.argv.slice(2);
if (!timeoutArg) {
  console.error('usage: check-topology.mjs <checkout-url> <inventory-url> <payments-url> <jaeger-url> <call-timeout-ms>');
  process.exit(2);
}
const callTimeoutMs = Number(timeoutArg);
// How inventory reaches checkout for the loop of check 4: the URL given, unless the services reach each other by
// other names than this check does (compose: CHECKOUT_CALL_URL=http://checkout:8080).
const checkoutCallUrl = process.env.CHECKOUT_CALL_URL || checkout;
const { report, finish } = reporter();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const call = serviceCall;
const settingsOf = async (base) => (await call(base, 'GET', '/api/simulator')).json;
async function put(base, settings) {
  const r = await call(base, 'PUT', '/api/simulator', settings);
  if (r.status !== 200) throw new Error(`PUT ${base}/api/simulator: ${r.status} ${r.text}`);
}
const metric = metricSum;
const tagsOf = (span) => Object.fromEntries((span.tags ?? []).map((t) => [t.key, t.value]));

const original = {
  [checkout]: await settingsOf(checkout), [inventory]: await settingsOf(inventory), [payments]: await settingsOf(payments),
};
async function restoreAll() {
  for (const [base, s] of Object.entries(original)) await put(base, s).catch((e) => console.log(`warning: ${e.message}`));
}
// Deterministic: no drawn failures anywhere while this runs.
for (const [base, s] of Object.entries(original)) await put(base, { ...s, process: { ...s.process, failureRate: 0 } });

try {
  // --- 1. one trace across the three services
  {
    const problems = [];
    const r = await call(checkout, 'GET', '/process?delay_ms=100&fail=false');
    if (r.status !== 200) problems.push(`checkout answered ${r.status}: ${r.text.slice(0, 200)}`);
    const want = (s) => 1 + s.process.steps.length + s.process.steps.filter((x) => x.call).length;
    const total = want(original[checkout]) + want(original[inventory]) + want(original[payments]);
    let trace = null;
    for (let i = 0; i < 40; i += 1) {
      const res = await fetch(`${jaegerUrl}/api/traces/${r.traceId}`);
      const body = res.ok ? await res.json() : null;
      trace = body?.data?.[0] ?? null;
      if (trace && trace.spans.length >= total) break;
      await sleep(500);
    }
    if (!trace) problems.push(`trace ${r.traceId} is not in Jaeger`);
    else {
      const spans = trace.spans.map((s) => ({ ...s, t: tagsOf(s), service: trace.processes[s.processID].serviceName,
        parent: s.references?.find((x) => x.refType === 'CHILD_OF')?.spanID ?? null }));
      const byId = new Map(spans.map((s) => [s.spanID, s]));
      if (spans.length !== total) problems.push(`${spans.length} spans, want ${total}`);
      const services = [...new Set(spans.map((s) => s.service))].sort();
      if (services.join(',') !== 'checkout,inventory,payments') problems.push(`services in the trace: ${services}`);
      const roots = spans.filter((s) => !s.parent);
      if (roots.length !== 1 || roots[0].service !== 'checkout' || roots[0].t['span.kind'] !== 'server') problems.push(`root spans: ${roots.map((s) => `${s.service} ${s.operationName}`)}`);
      for (const [down, step] of [['inventory', 'reserve-stock'], ['payments', 'charge-card']]) {
        const server = spans.find((s) => s.service === down && s.t['span.kind'] === 'server');
        const client = server && byId.get(server.parent);
        const stepSpan = client && byId.get(client.parent);
        const top = stepSpan && byId.get(stepSpan.parent);
        if (!server) { problems.push(`no ${down} server span`); continue; }
        if (client?.t['span.kind'] !== 'client' || client.service !== 'checkout') problems.push(`${down}'s server span's parent is not checkout's client span`);
        if (stepSpan?.operationName !== step || stepSpan.service !== 'checkout') problems.push(`the client span to ${down} is not a child of checkout's step ${step} (got ${stepSpan?.operationName})`);
        if (top !== roots[0]) problems.push(`step ${step} is not a child of checkout's server span`);
        const share = stepSpan?.t['simulator.step.delay_ms'];
        const downSteps = spans.filter((s) => s.parent === server.spanID);
        const sum = downSteps.reduce((a, s) => a + Number(s.t['simulator.step.delay_ms']), 0);
        if (sum !== share) problems.push(`${down}'s steps add up to ${sum} ms, but checkout forwarded ${share} ms`);
      }
    }
    report(`one trace spans checkout, inventory and payments, linked across every HTTP hop (trace ${r.traceId})`, problems);
  }

  // --- 2. failures travel: payments fails, checkout answers 502 naming payments
  {
    const problems = [];
    const p = original[payments];
    await put(payments, { ...p, process: { ...p.process, failureRate: 1 } });
    const r = await call(checkout, 'GET', '/process');
    await put(payments, { ...p, process: { ...p.process, failureRate: 0 } });
    if (r.status !== 502) problems.push(`checkout answered ${r.status}, want 502: ${r.text.slice(0, 200)}`);
    if (r.json?.origin?.service !== 'payments') problems.push(`origin ${JSON.stringify(r.json?.origin)}, want payments`);
    if (r.json?.simulated !== true) problems.push(`simulated ${r.json?.simulated}, want true (the root cause was simulated)`);
    if (!Object.keys(p.process.failureStatuses).map(Number).includes(r.json?.origin?.status)) problems.push(`origin status ${r.json?.origin?.status} is not one of payments' failure statuses`);
    const forced = await call(checkout, 'GET', '/process?fail=true');
    if (forced.status !== 502 || forced.json?.origin?.service !== 'inventory') problems.push(`fail=true on checkout: ${forced.status} origin ${JSON.stringify(forced.json?.origin)}, want 502 from inventory (the first call step)`);
    report('a failure in payments comes back from checkout as a 502 naming payments; fail=true travels down the first call', problems);
  }

  // --- 3. a payments latency past the call timeout: 504 in about the timeout
  {
    const problems = [];
    const p = original[payments];
    await put(payments, { ...p, process: { ...p.process, failureRate: 0, latency: { distribution: 'fixed', fixedMs: callTimeoutMs * 3 } } });
    const t0 = Date.now();
    const r = await call(checkout, 'GET', '/process');
    const ms = Date.now() - t0;
    await put(payments, { ...p, process: { ...p.process, failureRate: 0 } });
    if (r.status !== 504) problems.push(`checkout answered ${r.status}, want 504: ${r.text.slice(0, 200)}`);
    if (ms < callTimeoutMs || ms > callTimeoutMs + 1500) problems.push(`answered after ${ms} ms, want about the call timeout (${callTimeoutMs} ms)`);
    report(`a payments latency past the call timeout gives checkout a 504 after ${ms} ms (timeout ${callTimeoutMs} ms)`, problems);
  }

  // --- 4. a loop is cut at the hop limit
  {
    const problems = [];
    const i = original[inventory];
    const served = async () => (await metric(checkout, 'http_server_requests_seconds_count', 'uri="/process"'))
      + (await metric(inventory, 'http_server_requests_seconds_count', 'uri="/process"'));
    const before = await served();
    await put(inventory, { ...i, process: { ...i.process, failureRate: 0, steps: [...i.process.steps, { name: 'back-to-checkout', weight: 1, call: checkoutCallUrl }] } });
    const r = await call(checkout, 'GET', '/process?delay_ms=0');
    await put(inventory, { ...i, process: { ...i.process, failureRate: 0 } });
    await sleep(300);
    const n = (await served()) - before;
    if (r.status !== 502 || r.json?.origin?.status !== 508) problems.push(`checkout answered ${r.status} origin ${JSON.stringify(r.json?.origin)}, want 502 with origin status 508`);
    // checkout -> inventory -> checkout ... hops 0..8 served, hop 9 refused: 10 requests
    if (n !== 10) problems.push(`${n} requests to /process on checkout and inventory, want 10`);
    report(`a loop checkout -> inventory -> checkout is cut at the hop limit after ${n} requests`, problems);
  }

  // --- 5. the call metrics count exactly the calls made
  {
    const problems = [];
    const N = 20;
    const c0 = await metric(checkout, 'simulator_calls_total', 'step="reserve-stock"', 'outcome="success"');
    const c1 = await metric(checkout, 'simulator_calls_total', 'step="charge-card"', 'outcome="success"');
    const h = await metric(checkout, 'http_client_requests_seconds_count', 'uri="/process"');
    const i0 = await metric(inventory, 'http_server_requests_seconds_count', 'uri="/process"');
    const p0 = await metric(payments, 'http_server_requests_seconds_count', 'uri="/process"');
    for (let k = 0; k < N; k += 1) {
      const r = await call(checkout, 'GET', '/process?delay_ms=0');
      if (r.status !== 200) problems.push(`request ${k}: ${r.status}`);
    }
    await sleep(300);
    const d = async (base, before, ...args) => (await metric(base, ...args)) - before;
    const got = {
      'checkout simulator_calls_total{step="reserve-stock",outcome="success"}': await d(checkout, c0, 'simulator_calls_total', 'step="reserve-stock"', 'outcome="success"'),
      'checkout simulator_calls_total{step="charge-card",outcome="success"}': await d(checkout, c1, 'simulator_calls_total', 'step="charge-card"', 'outcome="success"'),
      'checkout http_client_requests_seconds_count{uri="/process"}': await d(checkout, h, 'http_client_requests_seconds_count', 'uri="/process"') / 2,
      'inventory http_server_requests_seconds_count{uri="/process"}': await d(inventory, i0, 'http_server_requests_seconds_count', 'uri="/process"'),
      'payments http_server_requests_seconds_count{uri="/process"}': await d(payments, p0, 'http_server_requests_seconds_count', 'uri="/process"'),
    };
    for (const [k, v] of Object.entries(got)) if (v !== N) problems.push(`${k} rose by ${k.includes('client') ? v * 2 : v}, want ${k.includes('client') ? 2 * N : N}`);
    report(`the call metrics count exactly the ${2 * N} calls of ${N} requests`, problems);
  }

  // --- 6. incidents that travel: scenarios started on checkout change inventory's and payments' settings
  for (const [scenario, base, changed] of [
    ['payments-latency', payments, (s) => s.process.latency.distribution === 'log-normal' && s.process.latency.medianMs === 900],
    ['inventory-errors', inventory, (s) => s.process.failureRate === 0.3],
  ]) {
    const problems = [];
    const before = await settingsOf(base);
    const listed = (await call(checkout, 'GET', '/api/scenarios')).json;
    if (!JSON.stringify(listed).includes(`"${scenario}"`)) problems.push(`checkout does not list ${scenario}`);
    const started = await call(checkout, 'POST', `/api/scenarios/${scenario}`);
    if (started.status !== 202) problems.push(`POST /api/scenarios/${scenario}: ${started.status} ${started.text.slice(0, 200)}`);
    let seen = false;
    for (let k = 0; k < 20 && !seen; k += 1) { seen = changed(await settingsOf(base)); if (!seen) await sleep(250); }
    if (!seen) problems.push(`${base}'s settings did not change while ${scenario} ran`);
    const stopped = await call(checkout, 'DELETE', '/api/scenarios/active');
    if (stopped.status !== 200) problems.push(`DELETE /api/scenarios/active: ${stopped.status}`);
    let back = false;
    for (let k = 0; k < 20 && !back; k += 1) { back = JSON.stringify(await settingsOf(base)) === JSON.stringify(before); if (!back) await sleep(250); }
    if (!back) problems.push(`${base}'s settings were not put back when ${scenario} stopped`);
    report(`scenario ${scenario} on checkout changes ${scenario.split('-')[0]}'s settings through its API and puts them back`, problems);
  }

  // --- 7. Jaeger's dependency graph
  {
    await sleep(1500);
    const res = await fetch(`${jaegerUrl}/api/dependencies?endTs=${Date.now()}&lookback=3600000`);
    const links = (await res.json()).data ?? [];
    const has = (a, b) => links.some((l) => l.parent === a && l.child === b && l.callCount > 0);
    report(`Jaeger's dependency graph has checkout -> inventory and checkout -> payments (${links.map((l) => `${l.parent}->${l.child}`).join(', ')})`,
      [['checkout', 'inventory'], ['checkout', 'payments']].filter(([a, b]) => !has(a, b)).map(([a, b]) => `no ${a} -> ${b}`));
  }
} finally {
  await restoreAll();
}
finish();
