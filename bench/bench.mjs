// Load client for bench/run.sh. Prints, side by side in one run:
//  1. score submissions per second the server sustains (POST /api/scores, durable commits), with
//     request latency p50/p99, and the same machine's GET /healthz rate as a ceiling;
//  2. delay from a submission to the leaderboard update arriving at each of PAGES connected
//     SignalR leaderboard clients (p50, p95), at a judge-like pace and under full load.
// Usage: node bench.mjs BASE_URL SETUP_LINK
import * as signalR from "@microsoft/signalr";
import { readFileSync } from "node:fs";
import { cookieOf, organiserCookie } from "./lib/organiser.mjs";

const [base, setupLink] = process.argv.slice(2);
const JUDGES = Number(process.env.JUDGES ?? 10000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const PAGES = Number(process.env.PAGES ?? 50);
const SECONDS = Number(process.env.DURATION ?? 10); // not SECONDS: bash counts that one up by itself
const ROUND = 1;

const pct = (xs, p) => { if (!xs.length) return NaN; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const ms = (x) => `${x.toFixed(1)} ms`;

async function control(cookie, action, entryId) {
  const res = await fetch(`${base}/api/rounds/${ROUND}/control`, {
    method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ action, entryId }),
  });
  if (!res.ok) throw new Error(`${action}: ${res.status} ${await res.text()}`);
}

// One sign-in code a line, judge 1 first (run.sh reads them from the database: the seed import generates them).
const judgeCodes = readFileSync(process.env.JUDGE_CODES, "utf8").trim().split("\n");

async function judgeCookies(n) {
  const cookies = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < n) {
      const i = next++;
      const res = await fetch(`${base}/j/${judgeCodes[i]}`, { redirect: "manual" });
      cookies[i] = cookieOf(res);
      if (!cookies[i].includes("judging.auth")) throw new Error(`judge ${i + 1} not signed in: HTTP ${res.status}`);
    }
  }));
  return cookies;
}

const points = () => [24, 20, 12, 16, 8].map((p) => p + (Math.random() < 0.5 ? 0 : 0.5));

// Each judge's tablet has its own user agent: behind nginx (deploy/nginx.conf) the sticky upstream hashes address + user
// agent, so the judges of one venue spread over the instances as real tablets would.
async function submit(cookie, entryId, key, judge) {
  const res = await fetch(`${base}/api/scores`, {
    method: "POST", redirect: "manual", headers: { "content-type": "application/json", cookie, "user-agent": `judge-tablet-${judge}` },
    body: JSON.stringify({ roundId: ROUND, entryId, points: points(), idempotencyKey: key }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function rate(seconds, fn) {
  const lat = []; let ok = 0, bad = 0; const end = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const r = await fn();
      if (r === null) return;
      lat.push(performance.now() - t);
      r ? ok++ : bad++;
    }
  }));
  return { ok, bad, lat };
}

async function connectPages(n) {
  const pages = [];
  for (let i = 0; i < n; i++) {
    const conn = new signalR.HubConnectionBuilder().withUrl(`${base}/hubs/leaderboard`, { headers: { "User-Agent": `projector-${i}` } })
      .configureLogging(signalR.LogLevel.Error).build();
    const page = { conn, seen: new Map(), waiters: [] };
    conn.on("leaderboard", (view) => {
      const now = performance.now();
      for (const row of view.rows) page.seen.set(row.entryId, row.judgesSubmitted);
      page.waiters = page.waiters.filter((w) => { if ((page.seen.get(w.entryId) ?? 0) >= w.count) { w.resolve(now); return false; } return true; });
    });
    await conn.start();
    await conn.invoke("Join", ROUND);
    pages.push(page);
  }
  return pages;
}

// Resolves with the arrival time of the first leaderboard showing `count` cards for the entry; fails after 15 s.
const until = (page, entryId, count) => (page.seen.get(entryId) ?? 0) >= count
  ? Promise.resolve(performance.now())
  : new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no leaderboard with ${count} cards for entry ${entryId} within 15 s (saw ${page.seen.get(entryId) ?? 0})`)), 15000);
    page.waiters.push({ entryId, count, resolve: (t) => { clearTimeout(timer); resolve(t); } });
  });

const main = async () => {
  const organiser = await organiserCookie(setupLink);
  console.log(`signing in ${JUDGES} judges…`);
  const judges = await judgeCookies(JUDGES);
  await control(organiser, "start");
  const entryIds = (await (await fetch(`${base}/api/rounds/${ROUND}/leaderboard`)).json()).map((r) => r.entryId);
  const pages = await connectPages(PAGES);
  console.log(`${pages.length} leaderboard pages connected`);

  // Warm-up, then the ceiling: plain /healthz/live (no checks) on the same machine, same client, same concurrency.
  await rate(1, async () => (await fetch(`${base}/healthz/live`).then((r) => r.arrayBuffer()), true));
  const health = await rate(Math.min(SECONDS, 5), async () => { const r = await fetch(`${base}/healthz/live`); await r.arrayBuffer(); return r.ok; });

  // 1. Throughput: every judge submits once for the speaker on stage, as fast as the server takes it.
  const entryA = entryIds[0];
  await control(organiser, "onstage", entryA);
  await control(organiser, "open");
  let nextJudge = 1; // judge 0 is kept for the paced phase
  const tput = await rate(SECONDS, async () => {
    if (nextJudge >= JUDGES) return null;
    const j = nextJudge++;
    return (await submit(judges[j], entryA, `bench-a-${j}-${Date.now()}`, j)) === 200;
  });
  const tputSeconds = Math.min(SECONDS, tput.lat.reduce((a, b) => a + b, 0) / CONCURRENCY / 1000);
  // Delay under load: the pages must converge on the final count.
  const finalCount = tput.ok;
  const tLast = performance.now();
  const underLoad = await Promise.all(pages.map((p) => until(p, entryA, finalCount)));
  const convergence = underLoad.map((t) => t - tLast);

  // 2. Delay at a judge's pace: one submission every 100 ms on the next speaker; each page's update delay.
  const entryB = entryIds[1];
  await control(organiser, "onstage", entryB);
  await control(organiser, "open");
  const delays = [];
  const PACED = Math.min(60, JUDGES - 1);
  for (let k = 0; k < PACED; k++) {
    const t0 = performance.now();
    const waits = pages.map((p) => until(p, entryB, k + 1));
    const status = await submit(judges[k], entryB, `bench-b-${k}-${Date.now()}`, k);
    if (status !== 200) throw new Error(`paced submit ${k}: ${status}`);
    for (const t of await Promise.all(waits)) delays.push(t - t0);
    await new Promise((r) => setTimeout(r, 100));
  }

  const perSec = tput.ok / tputSeconds;
  const healthPerSec = health.ok / Math.min(SECONDS, 5);
  console.log("");
  console.log(`judging bench: ${process.env.SETUP ?? ""} (${CONCURRENCY} concurrent clients, ${PAGES} leaderboard pages, durable commits)`);
  console.log(`  score submissions/s sustained : ${perSec.toFixed(0)}  (${tput.ok} stored, ${tput.bad} refused, over ${tputSeconds.toFixed(1)} s; target ≥ 500)`);
  console.log(`    request latency p50 / p99   : ${ms(pct(tput.lat, 50))} / ${ms(pct(tput.lat, 99))}`);
  console.log(`  GET /healthz/live/s (ceiling) : ${healthPerSec.toFixed(0)}  (submissions are ${(100 * perSec / healthPerSec).toFixed(0)} % of it)`);
  console.log(`  update delay at ${PAGES} pages, paced (${PACED} submissions × ${PAGES} pages):`);
  console.log(`    p50 / p95 / max             : ${ms(pct(delays, 50))} / ${ms(pct(delays, 95))} / ${ms(Math.max(...delays))}  (target p95 < 250 ms)`);
  console.log(`  pages showing the final count after the load burst: p95 ${ms(pct(convergence, 95))} after the last acknowledgement`);
  // One line for bench/compare.sh.
  console.log(`SUMMARY scores | ${process.env.SETUP ?? "?"} | ${perSec.toFixed(0)} | ${pct(tput.lat, 50).toFixed(1)} | ${pct(tput.lat, 99).toFixed(1)} | ` +
    `${healthPerSec.toFixed(0)} | ${pct(health.lat, 50).toFixed(1)} | ${pct(health.lat, 99).toFixed(1)} | paced delay p95 ${pct(delays, 95).toFixed(1)} ms`);
  await Promise.all(pages.map((p) => p.conn.stop()));
  if (tput.bad > 0) process.exitCode = 1;
};

main().catch((e) => { console.error(e); process.exit(1); });
