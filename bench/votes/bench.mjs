// Load client for bench/votes/run.sh (Node 20, no dependencies: node:http with keep-alive agents). Prints, side by side:
//  (a) accepted votes per second sustained for SECONDS with CONCURRENCY keep-alive connections (POST /api/films/{id}/votes,
//      durable group commits), with request latency p50/p99;
//  (b) GET /healthz/live (liveness only, no database check) per second with the same client for HEALTH_SECONDS: the
//      ceiling of this machine and client;
//  (c) then, with VIEWERS server-sent-event streams (/api/films/live) connected, the delay from a vote's acknowledgement
//      to each viewer seeing a count that includes it (p50/p95/max) while PACED_RATE votes/s (default 100, spread over
//      the films) keep every film's count moving. The server coalesces to at most one update per film per second by design
//      (issue 4): a vote waits 0–1 s for its film's next update. The viewers are connected after (a) and (b), so the
//      throughput of (a) is the vote path's own (the client's 2,000 streams would otherwise take the same two cores).
// Voters: VOTERS phones verified through the real OTP flow (codes read from the app's log), each from its own /24
// (X-Forwarded-For 10.a.b.1) with its own user agent; one vote per film per day each, so VOTERS × 30 films is the most
// votes (a) can cast. Usage: node bench.mjs BASE_URL "APP_LOG [APP_LOG…]" (one log per instance; codes are read from all).
import http from "node:http";
import fs from "node:fs";
import { performance } from "node:perf_hooks";

const [base, logPaths] = process.argv.slice(2);
const env = (k, d) => Number(process.env[k] ?? d);
const VOTERS = env("VOTERS", 25000), CONCURRENCY = env("CONCURRENCY", 32), SECONDS = env("DURATION", 60); // not SECONDS: bash counts that one up by itself
const VIEWERS = env("VIEWERS", 2000), HEALTH_SECONDS = env("HEALTH_SECONDS", 10);
const PACED_SECONDS = env("PACED_SECONDS", 15), PACED_RATE = env("PACED_RATE", 100), SLOW_RATE = env("SLOW_RATE", 20), COMPETITION = env("COMPETITION", 1);
const PROBE_EVERY = env("PROBE_EVERY", 97);
const { hostname, port } = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY, maxFreeSockets: CONCURRENCY });
const sseAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

const pct = (xs, p) => { if (!xs.length) return NaN; const s = Float64Array.from(xs).sort(); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "n/a");
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

function request(method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const ipOf = (i) => `10.${(i >> 8) & 255}.${i & 255}.1`;
// The log masks numbers (13h****xxxx): the visible digits (h = i / 10000, xxxx = i % 10000) tell the voters apart.
const phoneOf = (i) => `13${Math.floor(i / 10000)}0000${String(i % 10000).padStart(4, "0")}`;
const masked = (phone) => phone.slice(0, 3) + "****" + phone.slice(7);
const uaOf = (i) => `Mozilla/5.0 vote-bench/1.0 (voter ${i})`;
const json = (o) => JSON.stringify(o);

async function pool(n, workers, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => { while (next < n) await fn(next++); }));
}

// ---- setup: films, voters through the real OTP flow --------------------------------------------------------------
const films = JSON.parse((await request("GET", `/api/films?competitionId=${COMPETITION}`)).body).map((f) => f.entryId);
if (films.length === 0) throw new Error("no films in competition " + COMPETITION);
const PACED_VOTERS = Math.ceil(((PACED_RATE + SLOW_RATE) * PACED_SECONDS) / films.length) + 1;
const ALL = VOTERS + PACED_VOTERS;
if (ALL > 65535) throw new Error("at most 65,535 voters (one /24 each)");
log(`${films.length} films; verifying ${ALL} voters (codes, then the log, then verify)`);
let t = performance.now();
await pool(ALL, 32, async (i) => {
  const h = { "content-type": "application/json", "x-forwarded-for": ipOf(i), "user-agent": uaOf(i) };
  const r = await request("POST", `/api/voting/${COMPETITION}/code`, h, json({ phone: phoneOf(i) }));
  if (r.status !== 200) throw new Error(`code for voter ${i}: ${r.status} ${r.body}`);
});
const codes = new Map();
for (const m of logPaths.split(" ").map((p) => fs.readFileSync(p, "utf8")).join("\n").matchAll(/SMS (\d{3}\*{4}\d{4}) 验证码 (\d+)/g)) codes.set(m[1], m[2]);
const cookies = new Array(ALL);
await pool(ALL, 32, async (i) => {
  const h = { "content-type": "application/json", "x-forwarded-for": ipOf(i), "user-agent": uaOf(i) };
  const code = codes.get(masked(phoneOf(i)));
  if (!code) throw new Error(`no code in the log for ${phoneOf(i)}`);
  const r = await request("POST", `/api/voting/${COMPETITION}/verify`, h, json({ phone: phoneOf(i), code }));
  if (r.status !== 200) throw new Error(`verify voter ${i}: ${r.status} ${r.body}`);
  cookies[i] = (r.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
});
const setupSeconds = (performance.now() - t) / 1000;
log(`voters verified in ${setupSeconds.toFixed(1)} s`);

// ---- votes ---------------------------------------------------------------------------------------------------------
function vote(voter, film) {
  return request("POST", `/api/films/${film}/votes`, { cookie: cookies[voter], "x-forwarded-for": ipOf(voter), "user-agent": uaOf(voter), "content-length": "0" });
}

function delays(probes) {
  const out = [];
  let missing = 0;
  for (const p of probes) {
    for (const v of viewers) {
      const f = v.films.get(p.film);
      let lo = 0, hi = f ? f.c.length : 0;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (f.c[mid] >= p.count) hi = mid; else lo = mid + 1; }
      if (!f || lo === f.c.length) { missing++; continue; }
      out.push(Math.max(0, f.t[lo] - p.at));
    }
  }
  return { out, missing };
}

// (a) sustained load: slot k is voter k mod VOTERS and film floor(k / VOTERS): each voter votes once per film.
const total = VOTERS * films.length;
const lat = new Float64Array(total);
let n = 0, accepted = 0, counted = 0, refused = 0, failed = 0, next = 0;
const statuses = {};
log(`(a) ${SECONDS} s of votes with ${CONCURRENCY} connections`);
t = performance.now();
const end = t + SECONDS * 1000;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (performance.now() < end && next < total) {
    const k = next++;
    const voter = k % VOTERS, film = films[Math.floor(k / VOTERS)];
    const t0 = performance.now();
    const r = await vote(voter, film);
    const t1 = performance.now();
    lat[n++] = t1 - t0;
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status === 200) {
      accepted++;
      const body = JSON.parse(r.body);
      if (body.counted) counted++;
    } else if (r.status >= 500 || r.status === 0) failed++; else refused++;
  }
}));
const elapsedA = (performance.now() - t) / 1000;
const latA = lat.subarray(0, n);
await new Promise((r) => setTimeout(r, 2500)); // the last coalesced updates
// ONLY_VOTES=1 (bench/votes/chain.sh): phase (a) alone, one SUMMARY line, then stop.
if (process.env.ONLY_VOTES === "1") {
  console.log(`SUMMARY votes | ${process.env.SETUP ?? "?"} | ${(accepted / elapsedA).toFixed(0)} | ${pct(latA, 50).toFixed(1)} | ${pct(latA, 99).toFixed(1)} | ` +
    `accepted ${accepted} in ${elapsedA.toFixed(1)} s, failed ${failed}, refused ${refused}`);
  process.exit(0);
}

// (b) the ceiling: GET /healthz/live (no checks) with the same client.
log(`(b) ${HEALTH_SECONDS} s of GET /healthz/live`);
let hOk = 0; const hLat = [];
t = performance.now();
const hEnd = t + HEALTH_SECONDS * 1000;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (performance.now() < hEnd) {
    const t0 = performance.now();
    const r = await request("GET", "/healthz/live");
    hLat.push(performance.now() - t0);
    if (r.status === 200) hOk++;
  }
}));
const elapsedB = (performance.now() - t) / 1000;

// ---- viewers: VIEWERS live streams, each keeping per film the (time, count) of every update it receives ---------
const viewers = [];
let connected = 0;
const countRe = /"entryId":(\d+),"count":(\d+)/;
function connectViewer() {
  const v = { films: new Map(), events: 0 };
  viewers.push(v);
  const req = http.get({ host: hostname, port, path: `/api/films/live?competitionId=${COMPETITION}`, agent: sseAgent }, (res) => {
    res.setEncoding("utf8");
    let buf = "", first = true;
    res.on("data", (chunk) => {
      const now = performance.now();
      buf += chunk;
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const ev = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (ev.startsWith("event: count")) {
          const m = countRe.exec(ev);
          if (!m) continue;
          let f = v.films.get(+m[1]);
          if (!f) v.films.set(+m[1], (f = { t: [], c: [] }));
          f.t.push(now); f.c.push(+m[2]);
          v.events++;
        } else if (first && ev.includes("event: snapshot")) { first = false; connected++; }
      }
    });
  });
  req.on("error", (e) => { v.error = e.message; });
}
t = performance.now();
for (let i = 0; i < VIEWERS; i++) { connectViewer(); if (i % 100 === 99) await new Promise((r) => setTimeout(r, 20)); }
while (connected < VIEWERS && performance.now() - t < 60000) await new Promise((r) => setTimeout(r, 100));
log(`${connected}/${VIEWERS} viewers connected in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// (c) paced votes with the viewers connected, at two rates: SLOW_RATE (below one vote per film per second, so an update
// goes out at once) and PACED_RATE (every film's count moving every second, so each update waits for its film's next
// 1-second slot: the coalescing's worst steady case).
let pacedSlot = 0;
async function paced(rate) {
  log(`(c) ${PACED_SECONDS} s of ${rate} votes/s with ${connected} viewers`);
  const probes = [];
  const start = performance.now();
  const jobs = [];
  for (let i = 0; i < rate * PACED_SECONDS; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const k = pacedSlot++;
    // Films in turn, a new voter after every round of films.
    const voter = VOTERS + (Math.floor(k / films.length) % PACED_VOTERS), film = films[k % films.length];
    jobs.push(vote(voter, film).then((r) => {
      const at = performance.now();
      if (r.status === 200) probes.push({ film, count: JSON.parse(r.body).count, at });
    }));
  }
  await Promise.all(jobs);
  await new Promise((r) => setTimeout(r, 2500));
  return delays(probes);
}
const dS = await paced(SLOW_RATE);
const dC = await paced(PACED_RATE);
const events = viewers.reduce((s, v) => s + v.events, 0);
const errors = viewers.filter((v) => v.error).length;

console.log("");
console.log(`Public film vote benchmark (issues 4, 11): ${process.env.SETUP ?? ""} — same machine (2 cores shared by app, database, nginx and client)`);
console.log(`  films ${films.length}, voters ${VOTERS} (+${PACED_VOTERS} for (c)), verified through code + log + verify in ${setupSeconds.toFixed(1)} s`);
console.log("");
console.log("  (a) votes, durable commits          (b) GET /healthz/live (plain, the ceiling)");
console.log(`      accepted/s  ${(accepted / elapsedA).toFixed(0).padStart(8)}               requests/s  ${(hOk / elapsedB).toFixed(0).padStart(8)}`);
console.log(`      p50         ${ms(pct(latA, 50)).padStart(10)}             p50         ${ms(pct(hLat, 50)).padStart(10)}`);
console.log(`      p99         ${ms(pct(latA, 99)).padStart(10)}             p99         ${ms(pct(hLat, 99)).padStart(10)}`);
console.log(`      ${accepted} accepted (${counted} counted publicly) in ${elapsedA.toFixed(1)} s with ${CONCURRENCY} connections; ` +
  `refused ${refused}, failed ${failed}; statuses ${JSON.stringify(statuses)}${next >= total ? "; ran out of voter×film slots" : ""}`);
console.log("");
console.log(`  (c) count update delay at ${connected} live viewers (ack → viewer sees a count including the vote; 1 s coalescing by design)`);
console.log(`      ${SLOW_RATE} votes/s (under 1 per film per second): p50 ${ms(pct(dS.out, 50))}, p95 ${ms(pct(dS.out, 95))}, max ${ms(pct(dS.out, 100))} ` +
  `(${dS.out.length} arrivals, ${dS.missing} never seen)`);
console.log(`      ${PACED_RATE} votes/s (every film moving every second): p50 ${ms(pct(dC.out, 50))}, p95 ${ms(pct(dC.out, 95))}, max ${ms(pct(dC.out, 100))} ` +
  `(${dC.out.length} arrivals, ${dC.missing} never seen)`);
console.log(`      ${events} count events received in all; ${errors} viewer connection errors`);
console.log("");
console.log("  Targets (issue 4): ≥ 5,000 votes/s, p99 < 100 ms, update delay p95 < 1 s.");
// One line for bench/compare.sh.
console.log(`SUMMARY votes | ${process.env.SETUP ?? "?"} | ${(accepted / elapsedA).toFixed(0)} | ${pct(latA, 50).toFixed(1)} | ${pct(latA, 99).toFixed(1)} | ` +
  `${(hOk / elapsedB).toFixed(0)} | ${pct(hLat, 50).toFixed(1)} | ${pct(hLat, 99).toFixed(1)} | failed ${failed}, refused ${refused}`);
process.exit(0);
