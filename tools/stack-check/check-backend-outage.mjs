// Backends fail, the service does not. Under steady load, the real Jaeger is killed (SIGKILL, as a crash) and started
// again with the same config, and the real Prometheus that scrapes the service is killed too:
//   node check-backend-outage.mjs <service-url> <jaeger-query-url> <jaeger-health-url> <jaeger-pid> <prometheus-pid> \
//        <jaeger-log> -- <jaeger command...>
// Asserts: every request is answered 200; latency does not jump while a backend is away; the service counts the spans
// it could not deliver; export resumes by itself: requests made after Jaeger is back are traces in it.
// Prints the PID of the Jaeger it started on its last line ("jaeger-pid N") for the caller to stop. Loopback only,
// bounded (about 25 s). Ends with "N passed, M failed".
// For backends that are not this machine's processes (compose's containers): JAEGER_KILL_CMD="docker kill ..." kills
// Jaeger instead of the PID (give "-"), a <prometheus-pid> of "-" leaves Prometheus alone, and the command after
// "--" is the one that starts Jaeger again ("docker start ..."). OUTAGE_WORKERS (default 5, each 10 requests/s) and
// OUTAGE_LOAD_MS (default 16000) bound the load.
import fs from 'node:fs';
import { spawn, execSync } from 'node:child_process';
import { reporter, metricSum } from './lib.mjs';

const args = process.argv.slice(2);
const dash = args.indexOf('--');
const [serviceUrl, jaegerUrl, healthUrl, jaegerPidArg, promPidArg, jaegerLog] = args.slice(0, dash);
const jaegerCmd = args.slice(dash + 1);
if (dash < 0 || jaegerCmd.length === 0 || !jaegerLog) {
  console.error('usage: check-backend-outage.mjs <service-url> <jaeger-url> <health-url> <jaeger-pid> <prometheus-pid> <jaeger-log> -- <jaeger command...>');
  process.exit(2);
}
const { report, finish } = reporter();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const metric = (family, label = '') => metricSum(serviceUrl, family, label);
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

// The load: 5 workers, each a request every 100 ms (about 50/s), for LOAD_MS.
const WORKERS = Number(process.env.OUTAGE_WORKERS || 5);
const LOAD_MS = Number(process.env.OUTAGE_LOAD_MS || 16000);
const killProm = promPidArg !== '-';
const KILL_JAEGER_AT = 4000;
const RESTART_JAEGER_AT = 9000;
const KILL_PROMETHEUS_AT = 6000;
/** The trace ids that are not (yet) complete traces in Jaeger after asking up to `tries` times, 0.5 s apart. */
const notInJaeger = async (ids, tries) => {
  let missing = ids;
  for (let i = 0; i < tries && missing.length > 0; i += 1) {
    const next = [];
    for (const id of missing) {
      const res = await fetch(`${jaegerUrl}/api/traces/${id}`).catch(() => null);
      const body = res?.ok ? await res.json() : null;
      if (!(body?.data?.[0]?.spans?.length >= 5)) next.push(id);
    }
    missing = next;
    if (missing.length) await sleep(500);
  }
  return missing;
};
const results = [];
const t0 = Date.now();
async function worker() {
  while (Date.now() - t0 < LOAD_MS) {
    const started = Date.now();
    let status = 0;
    let traceId = null;
    try {
      const res = await fetch(new URL('/process?delay_ms=10&fail=false', serviceUrl), { signal: AbortSignal.timeout(10000) });
      await res.arrayBuffer();
      status = res.status;
      traceId = res.headers.get('x-trace-id');
    } catch (e) {
      status = `error ${e.cause?.code ?? e.name}`;
    }
    results.push({ at: started - t0, ms: Date.now() - started, status, traceId });
    await sleep(Math.max(0, 100 - (Date.now() - started)));
  }
}

const lostBefore = await metric('simulator_spans_dropped_total');
const failedBefore = await metric('simulator_span_exports_failed_total');
let jaeger = null;
let backAt = null;
const events = (async () => {
  await sleep(KILL_JAEGER_AT);
  if (process.env.JAEGER_KILL_CMD) execSync(process.env.JAEGER_KILL_CMD, { stdio: 'ignore' });
  else process.kill(Number(jaegerPidArg), 'SIGKILL');
  await sleep(KILL_PROMETHEUS_AT - KILL_JAEGER_AT);
  if (killProm) try { process.kill(Number(promPidArg), 'SIGKILL'); } catch { /* already gone */ }
  await sleep(RESTART_JAEGER_AT - KILL_PROMETHEUS_AT);
  const log = fs.openSync(jaegerLog, 'a');
  jaeger = spawn(jaegerCmd[0], jaegerCmd.slice(1), { stdio: ['ignore', log, log] });
  for (let i = 0; i < 60; i += 1) {
    try {
      if ((await fetch(healthUrl)).ok) { backAt = Date.now() - t0; break; }
    } catch { /* not yet */ }
    await sleep(250);
  }
})();
await Promise.all([...Array.from({ length: WORKERS }, worker), events]);
await sleep(3000); // the last batches leave the queue

{
  const bad = results.filter((r) => r.status !== 200);
  report(`every request answered 200 while Jaeger was killed and restarted${killProm ? ' and Prometheus killed' : ''} (${results.length - bad.length} of ${results.length} requests 200, ${Math.round(results.length / (LOAD_MS / 1000))}/s for ${LOAD_MS / 1000} s)`,
    bad.slice(0, 5).map((r) => `at ${r.at} ms: ${r.status}`));
}
{
  const before = results.filter((r) => r.at < KILL_JAEGER_AT).map((r) => r.ms);
  const during = results.filter((r) => r.at >= KILL_JAEGER_AT && r.at < (backAt ?? RESTART_JAEGER_AT)).map((r) => r.ms);
  const pb = quantile(before, 0.99);
  const pd = quantile(during, 0.99);
  // A jump is what a blocking exporter would cause (seconds); allow for a busy 2-core machine.
  // OUTAGE_MIN_LIMIT_MS raises the floor where killing a backend itself costs CPU beside the service (a container:
  // dockerd, containerd and the proxy work on the same 2 cores); a blocking exporter still shows as seconds.
  const limit = Math.max(2 * pb, pb + 50, Number(process.env.OUTAGE_MIN_LIMIT_MS || 0));
  report(`no latency jump while the backends are away (p99 ${pb} ms before, ${pd} ms during; limit ${limit} ms)`,
    during.length < 10 ? [`only ${during.length} requests during the outage`] : (pd > limit ? [`p99 ${pd} ms > ${limit} ms`] : []));
}
// Every span of the outage is accounted for. A killed process refuses connections: exports fail, spans are dropped
// and counted. A killed container leaves its connection blackholed (OUTAGE_LATE_DELIVERY=1, compose): the export in
// flight waits, no export fails, and the spans reach the restarted Jaeger late; then each request of the outage must
// be a trace in it, since no drop was counted.
const lost = (await metric('simulator_spans_dropped_total')) - lostBefore;
const failed = (await metric('simulator_span_exports_failed_total')) - failedBefore;
if (lost > 0 && failed > 0) {
  report(`the spans lost while Jaeger was away are counted (${lost} spans dropped, ${failed} failed exports)`, []);
} else if (process.env.OUTAGE_LATE_DELIVERY === '1' && lost === 0 && failed === 0) {
  const during = results.filter((r) => r.at >= KILL_JAEGER_AT && r.at < (backAt ?? RESTART_JAEGER_AT) && r.traceId);
  const missing = await notInJaeger(during.map((r) => r.traceId), 40);
  report(`no span lost while Jaeger was away: none dropped, and ${during.length - missing.length} of ${during.length} requests of the outage reached the restarted Jaeger late`,
    during.length < 10 ? [`only ${during.length} requests during the outage`]
      : missing.map((id) => `trace ${id} of the outage is neither in Jaeger nor counted as dropped`).slice(0, 3));
} else {
  report(`the spans lost while Jaeger was away are counted (${lost} spans dropped, ${failed} failed exports)`,
    ['simulator_spans_dropped_total and simulator_span_exports_failed_total must rise together']);
}
console.log(`outage-failed-exports ${failed}`);
{
  const problems = [];
  if (backAt === null) problems.push('Jaeger did not come back');
  // OUTAGE_RESUME_GRACE_MS (default 2000): how long after Jaeger answers again its exporters may take to reconnect
  // (compose: the gRPC channel resolves the container's name again after its backoff).
  const grace = Number(process.env.OUTAGE_RESUME_GRACE_MS || 2000);
  const after = results.filter((r) => backAt !== null && r.at > backAt + grace && r.traceId);
  if (after.length < 10) problems.push(`only ${after.length} requests after Jaeger came back`);
  const missing = await notInJaeger(after.map((r) => r.traceId), 20);
  if (missing.length) problems.push(`${missing.length} of ${after.length} traces made after the restart are not in Jaeger, e.g. ${missing[0]}`);
  report(`export resumes by itself: ${after.length - missing.length} of ${after.length} requests made ${grace} ms or more after Jaeger came back are traces in it`, problems);
}
console.log(`jaeger-pid ${jaeger?.pid ?? ''}`);
jaeger?.unref();
finish();
