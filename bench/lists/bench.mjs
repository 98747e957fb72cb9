// Client for bench/lists/run.sh (Node 20, no dependencies). The organiser's longest list is the audit log; its page
// (/organiser/audit) and GET /api/audit read it through the same AuditLog.PageAsync, one count and one page per request.
// For each size in SIZES (rows in the log, filled by fill.py between sizes) it times REPEAT sequential requests of each
// query below and prints p50/p95, then the ratio of the largest size to the smallest, side by side in one run, beside
// GET /healthz/live with the same client as the floor. Usage: node bench.mjs BASE_URL SETUP_LINK DB_FILE
import http from "node:http";
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { organiserCookie } from "../lib/organiser.mjs";

const [base, setupLink, dbFile] = process.argv.slice(2);
const SIZES = (process.env.SIZES ?? "1000,100000").split(",").map(Number);
const REPEAT = Number(process.env.REPEAT ?? 30);
const here = path.dirname(fileURLToPath(import.meta.url));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const { hostname, port } = new URL(base);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };

function get(pathAndQuery, cookie) {
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: pathAndQuery, method: "GET", agent, headers: cookie ? { cookie } : {} }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, body }));
    });
    req.on("error", reject);
    req.end();
  });
}


async function time(q, cookie) {
  const xs = [];
  for (let i = 0; i < REPEAT + 3; i++) {
    const t = performance.now();
    const res = await get(q, cookie);
    if (res.status !== 200) throw new Error(`${q}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
    if (i >= 3) xs.push(performance.now() - t); // the first three warm the query plan and the page cache
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

const cookie = await organiserCookie(setupLink);
const queries = (total) => [
  ["newest 50 (the page as it opens)", "/api/audit?size=50"],
  ["last page of 50", `/api/audit?size=50&page=${Math.max(0, Math.ceil(total / 50) - 1)}`],
  ["sorted by actor", "/api/audit?size=50&sort=Actor&desc=false"],
  ["search in every column (q=解锁)", `/api/audit?size=50&q=${encodeURIComponent("解锁")}`],
  ["action column holds 解锁评分", `/api/audit?size=50&action=${encodeURIComponent("解锁评分")}`],
];
const results = [];
for (const size of SIZES) {
  const total = Number(execFileSync("python3", [path.join(here, "fill.py"), dbFile, String(size)]).toString().trim());
  const check = JSON.parse((await get("/api/audit?size=1", cookie)).body).total;
  if (check !== total) throw new Error(`the API counts ${check}, the file ${total}`);
  const row = { size: total, health: await time("/healthz/live") };
  for (const [name, q] of queries(total)) row[name] = await time(q, cookie);
  results.push(row);
  console.error(`measured at ${total} rows`);
}
const f = (x) => `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)}`;
const first = results[0], last = results[results.length - 1];
console.log(`Audit log read a page at a time (SQLite, one app instance); p50 / p95 in ms over ${REPEAT} sequential requests`);
console.log(["query", ...results.map((r) => `${r.size.toLocaleString("en")} rows`), "ratio p50"].join(" | "));
for (const name of ["health", ...queries(0).map((q) => q[0])]) {
  const label = name === "health" ? "GET /healthz/live (floor)" : name;
  console.log([label, ...results.map((r) => f(r[name])), `${(last[name].p50 / first[name].p50).toFixed(1)}×`].join(" | "));
}
