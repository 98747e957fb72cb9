// Load client for bench/notice/run.sh (Node 20, no dependencies: node:http with a keep-alive agent). Prints, side by side
// in one run, for CONCURRENCY clients each sending its next request as soon as the last one answered, for DURATION
// seconds each: requests/s and latency p50/p99 of GET /healthz/live (liveness only: the ceiling of this machine and
// client) and of GET /programmes/{code}/notice (the public 公示 page, anonymous, as a phone asks for it), then the ratio.
// Every notice answer must be 200 with the list and Cache-Control public; the client does not cache (each request
// reaches the app). Usage: node bench.mjs BASE_URL PROGRAMME_CODE
import http from "node:http";
import { performance } from "node:perf_hooks";

const [base, code] = process.argv.slice(2);
const env = (k, d) => Number(process.env[k] ?? d);
const CONCURRENCY = env("CONCURRENCY", 32), SECONDS = env("DURATION", 10);
const { hostname, port } = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY, maxFreeSockets: CONCURRENCY });
const pct = (xs, p) => { const s = Float64Array.from(xs).sort(); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path, method: "GET", agent, headers: { "user-agent": "notice-bench/1.0 (iPhone)" } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function load(path, check) {
  for (let i = 0; i < 200; i++) check(await get(path)); // warm: JIT, the page's first render
  const xs = [];
  const until = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < until) {
      const t = performance.now();
      check(await get(path));
      xs.push(performance.now() - t);
    }
  }));
  const elapsed = (performance.now() - t0) / 1000;
  return { rps: xs.length / elapsed, p50: pct(xs, 50), p99: pct(xs, 99), n: xs.length };
}

const page = `/programmes/${encodeURIComponent(code)}/notice`;
const first = await get(page);
if (first.status !== 200) throw new Error(`${page}: HTTP ${first.status}`);
const bytes = Buffer.byteLength(first.body);
const health = await load("/healthz/live", (r) => { if (r.status !== 200) throw new Error(`healthz: ${r.status}`); });
const notice = await load(page, (r) => {
  if (r.status !== 200 || !r.body.includes("notice-list") || !String(r.headers["cache-control"]).startsWith("public")) throw new Error(`${page}: ${r.status} ${r.headers["cache-control"]}`);
});
const f = (x) => `${Math.round(x.rps).toLocaleString("en")} req/s | ${x.p50.toFixed(1)} ms | ${x.p99.toFixed(1)} ms`;
console.log(`Public notice page (SQLite, one app instance), ${CONCURRENCY} keep-alive clients, ${SECONDS} s each; page ${(bytes / 1024).toFixed(1)} KiB`);
console.log("endpoint | requests/s | p50 | p99");
console.log(`GET /healthz/live (ceiling) | ${f(health)}`);
console.log(`GET ${page} | ${f(notice)}`);
console.log(`ratio: ${(100 * notice.rps / health.rps).toFixed(0)} % of the ceiling (target ≥ 25 %), p99 ${notice.p99.toFixed(1)} ms (target < 50 ms)`);
