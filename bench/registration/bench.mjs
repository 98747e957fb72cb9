// Load client for bench/registration/run.sh (issue 15, "Deadline rush"; Node 20, no dependencies: node:http with keep-alive
// agents). The evening of 5/31 and 6/20 most units save and submit at once. With UNITS units registered by the seeds
// (seeds.mjs) it:
//  0. (not timed) opens the intake windows around today through the organiser API (POST /api/competitions/{id}/intake-calendar,
//     the organiser created through the printed setup link): the seeds' competition is 2025's and seed 000's dates are past;
//     signs every unit in as its contact would: GET /unit/login (antiforgery), POST /api/unit/code, the code read from the
//     app's log (the log SMS gateway, "SMS 133****0001 验证码 123456"), POST /unit/sign-in;
//  (a) for DURATION s, CONCURRENCY clients play typing units: each takes its units in turn, starts a declaration
//     (POST /api/unit/declarations, within 5 speeches / 5 films / 1 case per unit), saves it SAVES times as the page's
//     autosave does (POST …/{id}/draft with the revision the last save returned; the synopsis grows and ends with a marker
//     of the save) and submits every SUBMIT_EVERY-th one (POST …/{id}/submit; by then it is complete: every field, a
//     synopsis of 100–300 字, the three commitments);
//  (b) GET /healthz/live for HEALTH_SECONDS with the same client and connections: the ceiling of this machine and client;
//  (c) PACED_RATE saves/s for PACED_SECONDS (open loop: each save is sent at its time whatever the earlier ones do; latency
//     from that time), on PACED_DECLARATIONS fresh drafts, never two saves of one draft at once;
//  (d) TWO_PAGES pairs of saves of one draft on the same revision at once (the unit's phone and desktop): one must be taken
//     and the other answered 409;
//  then compares every acknowledged save and submission with the database (DB_QUERY) and prints "lost: 0" or the list.
// Usage: node bench.mjs BASE_URL "APP_LOG [APP_LOG…]" SETUP_LINK   (DB_QUERY in the environment, from bench/lib/setup.sh)
import http from "node:http";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { organiserCookie } from "../lib/organiser.mjs";
import { masked, mobileOf } from "./seeds.mjs";

const [base, logPaths, setupLink] = process.argv.slice(2);
const env = (k, d) => Number(process.env[k] ?? d);
const UNITS = env("UNITS", 2000), CONCURRENCY = env("CONCURRENCY", 32), DURATION = env("DURATION", 60);
const SAVES = env("SAVES", 10), SUBMIT_EVERY = env("SUBMIT_EVERY", 2), HEALTH_SECONDS = env("HEALTH_SECONDS", 10);
const PACED_RATE = env("PACED_RATE", 500), PACED_SECONDS = env("PACED_SECONDS", 15), PACED_DECLARATIONS = env("PACED_DECLARATIONS", 600);
const SIGN_IN_CONCURRENCY = env("SIGN_IN_CONCURRENCY", 16), COMPETITION = env("COMPETITION", 1);
const { hostname, port } = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY, maxFreeSockets: CONCURRENCY });
const pacedAgent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 });

const pct = (xs, p) => { if (!xs.length) return NaN; const s = Float64Array.from(xs).sort(); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "n/a");
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (t) => new Promise((r) => setTimeout(r, t));
const cookiesOf = (res) => (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]);

function request(method, path, headers = {}, body, via = agent) {
  return new Promise((resolve) => {
    const req = http.request({ host: hostname, port, method, path, agent: via, headers: { "content-length": body ? Buffer.byteLength(body) : 0, ...headers } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", (e) => resolve({ status: 0, headers: {}, body: String(e) }));
    });
    req.on("error", (e) => resolve({ status: 0, headers: {}, body: String(e) })); // no answer: counted, never thrown
    req.end(body);
  });
}
const postJson = (path, cookie, o, via) => request("POST", path, { cookie, "content-type": "application/json" }, o === undefined ? undefined : JSON.stringify(o), via);

async function pool(n, workers, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => { while (next < n) await fn(next++); }));
}

// ---- 0. the intake windows and the units' sessions (not timed) ----------------------------------------------------
const organiser = await organiserCookie(setupLink);
{
  const now = Date.now(), day = 86400000, iso = (t) => new Date(t).toISOString();
  const calendar = {
    registrationOpens: iso(now - 30 * day), registrationCloses: iso(now + 30 * day), speechDue: iso(now + 30 * day),
    filmAndCaseDue: iso(now + 30 * day), recommendationDue: iso(now + 37 * day), formalReviewCloses: iso(now + 40 * day),
  };
  const r = await postJson(`/api/competitions/${COMPETITION}/intake-calendar`, organiser, calendar);
  if (r.status !== 200) throw new Error(`intake calendar: ${r.status} ${r.body}`);
  log(`intake windows open until ${calendar.speechDue.slice(0, 10)} (organiser API)`);
}

let t = performance.now();
const login = await request("GET", "/unit/login");
const token = login.body.match(/name="__RequestVerificationToken" type="hidden" value="([^"]+)"/)?.[1]
  ?? login.body.match(/name="__RequestVerificationToken" value="([^"]+)"/)?.[1];
if (!token) throw new Error("no antiforgery token on /unit/login");
const antiforgery = cookiesOf(login).join("; ");
const cookies = new Array(UNITS);
const readCodes = () => {
  const codes = new Map();
  for (const p of logPaths.split(" ")) for (const m of fs.readFileSync(p, "utf8").matchAll(/SMS (\d{3}\*{4}\d{4}) 验证码 (\d{6})/g)) codes.set(m[1], m[2]);
  return codes;
};
// In batches (a code lives 5 minutes): ask for the batch's codes, wait for them in the log, sign the batch in.
const BATCH = 500;
for (let from = 0; from < UNITS; from += BATCH) {
  const to = Math.min(UNITS, from + BATCH);
  await pool(to - from, SIGN_IN_CONCURRENCY, async (k) => {
    const r = await postJson("/api/unit/code", "", { mobile: mobileOf(from + k) });
    if (r.status !== 200) throw new Error(`code for unit ${from + k}: ${r.status} ${r.body}`);
  });
  let codes = readCodes();
  for (let w = 0; w < 100 && !Array.from({ length: to - from }, (_, k) => masked(mobileOf(from + k))).every((m) => codes.has(m)); w++) { await sleep(100); codes = readCodes(); }
  await pool(to - from, SIGN_IN_CONCURRENCY, async (k) => {
    const i = from + k, mobile = mobileOf(i), code = codes.get(masked(mobile));
    if (!code) throw new Error(`no code in the log for ${mobile}`);
    const form = new URLSearchParams({ mobile, code, __RequestVerificationToken: token }).toString();
    const r = await request("POST", "/unit/sign-in", { cookie: antiforgery, "content-type": "application/x-www-form-urlencoded" }, form);
    const auth = cookiesOf(r).filter((c) => c.startsWith("judging.auth"));
    if (r.status !== 302 || r.headers.location !== "/unit" || auth.length === 0) throw new Error(`sign-in of unit ${i}: ${r.status} → ${r.headers.location}`);
    cookies[i] = auth.join("; ");
  });
  log(`${to} units signed in`);
}
const signInSeconds = (performance.now() - t) / 1000;

// ---- the typing unit ------------------------------------------------------------------------------------------------
// Per unit the tracks in the order it declares them: within 5 speeches, 5 films and 1 case (seed 000 附件1 (三)4).
const ORDER = ["Speech", "MicroFilm", "InnovationCase", "Speech", "MicroFilm", "Speech", "MicroFilm", "Speech", "MicroFilm", "Speech", "MicroFilm"];
const declaredBy = new Int32Array(UNITS);
const declarations = new Map(); // id → { unit, track, title, rev, marker, entryId, unknown: revisions sent without an answer }
const FILLER = "本单位坚持质量第一，以标准引领品牌建设，持续改进工艺流程，服务城市高质量发展，讲述一线员工精益求精的品牌故事。";
const synopsisText = (n) => FILLER.repeat(Math.ceil(n / FILLER.length) + 1).slice(0, n);

function formOf(d, k) {
  // Save k: the synopsis grows from 30 字 to 200 字 at save SAVES (and stays there) and ends with the save's own marker
  // ("标记" + id + "v" + k: 2 字 and one run of letters and digits, so at most 203 字).
  const n = 30 + Math.round((170 * Math.min(k, SAVES)) / SAVES);
  const marker = `标记${d.id}v${k}`;
  return {
    title: d.title, category: "上海制造", durationMinutes: d.track === "InnovationCase" ? null : 6, creator: `主创团队${d.unit + 1}`,
    contactName: `联系人${d.unit + 1}`, contactAddress: `上海市浦东新区压测路${d.unit + 1}号`, contactDept: "品牌部", contactPost: "主管",
    contactMobile: mobileOf(d.unit), contactEmail: `unit${d.unit + 1}@bench.example`, synopsis: synopsisText(n) + marker,
    honours: ["上海品牌认证获证单位"], honourOther: null, commitments: [true, true, true], revision: d.rev,
  };
}

const stats = () => ({ lat: [], ok: 0, statuses: {} });
function count(s, status, ms) {
  s.lat.push(ms);
  s.statuses[status] = (s.statuses[status] ?? 0) + 1;
  if (status === 200) s.ok++;
}
let conflicts = 0; // 409 on a save: a revision the server did not take
const conflictList = [];

async function start(unit, s) {
  if (declaredBy[unit] >= ORDER.length) return null;
  const track = ORDER[declaredBy[unit]++];
  const t0 = performance.now();
  const r = await postJson("/api/unit/declarations", cookies[unit], { track });
  count(s, r.status, performance.now() - t0);
  if (r.status !== 200) return null;
  const id = JSON.parse(r.body).id;
  const d = { id, unit, track, title: `压测作品${id}`, rev: 1, marker: null, entryId: null, unknown: [] };
  declarations.set(id, d);
  return d;
}

async function save(d, k, s, via = agent, sentAt = null) {
  const body = formOf(d, k);
  const t0 = sentAt ?? performance.now();
  const r = await postJson(`/api/unit/declarations/${d.id}/draft`, cookies[d.unit], body, via);
  count(s, r.status, performance.now() - t0);
  if (r.status === 200) {
    const rev = JSON.parse(r.body).revision;
    if (rev !== d.rev + 1) conflictList.push(`declaration ${d.id}: saved on revision ${d.rev}, answered ${rev}`);
    d.rev = rev;
    d.marker = body.synopsis.slice(body.synopsis.lastIndexOf("标记"));
    return true;
  }
  if (r.status === 409) { conflicts++; conflictList.push(`declaration ${d.id}: 409 on revision ${d.rev}: ${r.body.slice(0, 120)}`); d.broken = true; }
  if (r.status === 0 || r.status >= 500) d.unknown.push(d.rev + 1);
  return false;
}

async function submit(d, s) {
  const t0 = performance.now();
  const r = await postJson(`/api/unit/declarations/${d.id}/submit`, cookies[d.unit], undefined);
  count(s, r.status, performance.now() - t0);
  if (r.status === 200) d.entryId = JSON.parse(r.body).entryId;
  else if (r.status === 0 || r.status >= 500) d.submitUnknown = true;
  return r;
}

// ---- (a) the rush -----------------------------------------------------------------------------------------------------
const A = { start: stats(), save: stats(), submit: stats() };
const submitRefusals = [];
let submittedA = 0, declaredA = 0;
log(`(a) ${DURATION} s of declarations with ${CONCURRENCY} clients (${SAVES} saves each, every ${SUBMIT_EVERY}. submitted)`);
t = performance.now();
const endA = t + DURATION * 1000;
await Promise.all(Array.from({ length: CONCURRENCY }, async (_, c) => {
  // Client c plays units c, c + CONCURRENCY, …, one declaration at a time: never two requests on one unit at once.
  let unit = c, none = 0;
  while (performance.now() < endA) {
    const d = await start(unit, A.start);
    unit += CONCURRENCY;
    if (unit >= UNITS) unit = c;
    if (!d) { if (++none > UNITS / CONCURRENCY + 1) break; continue; } // every unit of this client at its limits
    none = 0;
    declaredA++;
    let k = 1;
    for (; k <= SAVES && performance.now() < endA && !d.broken; k++) await save(d, k, A.save);
    if (k > SAVES && !d.broken && d.id % SUBMIT_EVERY === 0 && performance.now() < endA) {
      const r = await submit(d, A.submit);
      if (r.status === 200) submittedA++;
      else submitRefusals.push(`declaration ${d.id}: ${r.status} ${r.body.slice(0, 160)}`);
    }
  }
}));
const elapsedA = (performance.now() - t) / 1000;

// ---- (b) the ceiling ----------------------------------------------------------------------------------------------------
log(`(b) ${HEALTH_SECONDS} s of GET /healthz/live`);
const B = stats();
t = performance.now();
const endB = t + HEALTH_SECONDS * 1000;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (performance.now() < endB) {
    const t0 = performance.now();
    const r = await request("GET", "/healthz/live");
    count(B, r.status, performance.now() - t0);
  }
}));
const elapsedB = (performance.now() - t) / 1000;

// ---- (c) paced saves ------------------------------------------------------------------------------------------------
log(`(c) starting ${PACED_DECLARATIONS} drafts for the paced saves (not timed)`);
const C = { start: stats(), save: stats() };
const idle = [];
{
  let unit = 0, tries = 0;
  while (idle.length < PACED_DECLARATIONS && tries++ < UNITS * ORDER.length) {
    const batch = [];
    for (let j = 0; j < SIGN_IN_CONCURRENCY && idle.length + batch.length < PACED_DECLARATIONS; j++, unit = (unit + 1) % UNITS)
      if (declaredBy[unit] < ORDER.length) batch.push(start(unit, C.start));
    if (batch.length === 0) break;
    for (const d of await Promise.all(batch)) if (d) idle.push(d);
  }
}
log(`(c) ${PACED_SECONDS} s of ${PACED_RATE} saves/s on ${idle.length} drafts (open loop)`);
let pacedBusy = 0, pacedK = 0;
const pacedJobs = [];
t = performance.now();
const total = Math.round(PACED_RATE * PACED_SECONDS);
for (let i = 0; i < total; i++) {
  const due = t + (i * 1000) / PACED_RATE;
  const wait = due - performance.now();
  if (wait > 1) await sleep(wait);
  const d = idle.shift();
  if (!d) { pacedBusy++; continue; } // every draft has a save in flight: the server is that far behind
  d.k = (d.k ?? 0) + 1;
  pacedK++;
  pacedJobs.push(save(d, d.k, C.save, pacedAgent, due).then(() => { if (!d.broken) idle.push(d); }));
}
await Promise.all(pacedJobs);
const elapsedC = (performance.now() - t) / 1000;

// ---- (d) two pages of one unit saving one draft at once ---------------------------------------------------------------------
// The unit's phone and desktop (or two tabs) autosave the same draft on the same revision at the same moment: exactly one
// may be taken, the other must be told the draft changed elsewhere (409); both acknowledged would lose one silently.
const TWO_PAGES = Math.min(env("TWO_PAGES", 50), idle.length);
const twoPages = { pairs: 0, one: 0, both: 0, other: {} };
const lost = [];
for (const d of idle.slice(0, TWO_PAGES)) {
  const k = (d.k ?? 0) + 1;
  d.k = k + 1;
  const bodies = [formOf(d, k), formOf(d, k + 1)];
  const rs = await Promise.all(bodies.map((b) => postJson(`/api/unit/declarations/${d.id}/draft`, cookies[d.unit], b)));
  twoPages.pairs++;
  const ok = rs.map((r, j) => [r, bodies[j]]).filter(([r]) => r.status === 200);
  if (ok.length === 1 && rs.some((r) => r.status === 409)) {
    twoPages.one++;
    d.rev = JSON.parse(ok[0][0].body).revision;
    d.marker = ok[0][1].synopsis.slice(ok[0][1].synopsis.lastIndexOf("标记"));
  } else if (ok.length === 2) {
    twoPages.both++;
    lost.push(`declaration ${d.id}: two saves on revision ${d.rev} both acknowledged (revisions ${ok.map(([r]) => JSON.parse(r.body).revision).join(", ")}): one text overwritten`);
    d.raced = true;
  } else {
    const key = rs.map((r) => r.status).join("+");
    twoPages.other[key] = (twoPages.other[key] ?? 0) + 1;
    d.raced = true;
  }
}

// ---- nothing lost: every acknowledged save and submission against the database -------------------------------------------
log("checking every acknowledged save and submission against the database");
const query = (sql) => execFileSync("sh", ["-c", `${process.env.DB_QUERY} "$Q"`], { env: { ...process.env, Q: sql, PYTHONIOENCODING: "utf-8" }, maxBuffer: 1 << 30 })
  .toString().split("\n").filter((l) => l.length).map((l) => l.split("|"));
const ids = [...declarations.keys()];
const rows = new Map();
for (let i = 0; i < ids.length; i += 5000) {
  for (const [id, rev, status, entryId, synopsis] of query(`SELECT "Id", "Revision", "Status", "EntryId", "Synopsis" FROM "EntryDeclarations" WHERE "Id" IN (${ids.slice(i, i + 5000).join(",")})`))
    rows.set(Number(id), { rev: Number(rev), status, entryId: entryId === "" ? null : Number(entryId), synopsis });
}
const entryIds = [...declarations.values()].filter((d) => d.entryId).map((d) => d.entryId);
const entries = new Map();
for (let i = 0; i < entryIds.length; i += 5000)
  for (const [id, title] of query(`SELECT "Id", "Title" FROM "Entries" WHERE "Id" IN (${entryIds.slice(i, i + 5000).join(",")})`)) entries.set(Number(id), title);
const submittedStatus = (s) => s === "1" || s === "Submitted";
let checkedSaves = 0, checkedSubmissions = 0;
for (const d of declarations.values()) {
  const row = rows.get(d.id);
  if (d.raced) continue; // (d) listed it already
  if (!row) { lost.push(`declaration ${d.id}: acknowledged, not in the database`); continue; }
  if (d.entryId) {
    checkedSubmissions++;
    if (!submittedStatus(row.status) || row.entryId !== d.entryId) lost.push(`declaration ${d.id}: submission acknowledged (entry ${d.entryId}), stored status ${row.status} entry ${row.entryId}`);
    else if (entries.get(d.entryId) !== d.title) lost.push(`declaration ${d.id}: entry ${d.entryId} missing or titled "${entries.get(d.entryId)}"`);
    if (row.rev !== d.rev + 1) lost.push(`declaration ${d.id}: submitted after revision ${d.rev}, stored revision ${row.rev}`);
  } else if (row.rev < d.rev || (row.rev > d.rev && !d.unknown.includes(row.rev) && !d.submitUnknown)) {
    lost.push(`declaration ${d.id}: last acknowledged revision ${d.rev}, stored ${row.rev}`);
    continue;
  } else if (row.rev > d.rev) continue; // a save whose answer never came was stored: not an acknowledged one lost
  if (d.marker) {
    checkedSaves++;
    if (!row.synopsis.endsWith(d.marker)) lost.push(`declaration ${d.id}: revision ${d.rev} acknowledged with "${d.marker}", stored text ends "${row.synopsis.slice(-16)}"`);
  }
}

// ---- the figures ----------------------------------------------------------------------------------------------------------
const rate = (s, secs) => (s.ok / secs).toFixed(0);
const failed = (...ss) => ss.reduce((n, s) => n + Object.entries(s.statuses).filter(([k]) => k === "0" || Number(k) >= 500).reduce((m, [, v]) => m + v, 0), 0);
console.log("");
console.log(`Deadline rush benchmark (issue 15): ${process.env.PROVIDER ?? "Sqlite"}, one app instance — same machine (2 cores shared by app and client); ${new Date().toISOString().slice(0, 16)}Z`);
console.log(`  ${UNITS} units signed in through code + log + sign-in in ${signInSeconds.toFixed(1)} s (not timed)`);
console.log("");
console.log(`  (a) ${DURATION} s rush, ${CONCURRENCY} clients          drafts saved        submissions        (b) GET /healthz/live`);
console.log(`      per second                        ${rate(A.save, elapsedA).padStart(10)}         ${rate(A.submit, elapsedA).padStart(10)}         ${rate(B, elapsedB).padStart(10)}`);
console.log(`      p50                               ${ms(pct(A.save.lat, 50)).padStart(10)}         ${ms(pct(A.submit.lat, 50)).padStart(10)}         ${ms(pct(B.lat, 50)).padStart(10)}`);
console.log(`      p99                               ${ms(pct(A.save.lat, 99)).padStart(10)}         ${ms(pct(A.submit.lat, 99)).padStart(10)}         ${ms(pct(B.lat, 99)).padStart(10)}`);
console.log(`      ${A.save.ok} saves and ${A.submit.ok} submissions in ${elapsedA.toFixed(1)} s; ${A.start.ok} declarations started (p50 ${ms(pct(A.start.lat, 50))}, p99 ${ms(pct(A.start.lat, 99))})`);
console.log(`      statuses: start ${JSON.stringify(A.start.statuses)}, save ${JSON.stringify(A.save.statuses)}, submit ${JSON.stringify(A.submit.statuses)}; health ${B.ok} in ${elapsedB.toFixed(1)} s`);
console.log("");
console.log(`  (c) paced at ${PACED_RATE} saves/s for ${PACED_SECONDS} s on ${PACED_DECLARATIONS} drafts: achieved ${(C.save.ok / elapsedC).toFixed(0)} saves/s, ` +
  `p50 ${ms(pct(C.save.lat, 50))}, p99 ${ms(pct(C.save.lat, 99))} (from each save's due time); ${C.save.ok}/${pacedK} saved, ` +
  `${pacedBusy} slots skipped with every draft busy; statuses ${JSON.stringify(C.save.statuses)}`);
console.log("");
console.log(`  (d) two pages saving one draft on the same revision at once, ${twoPages.pairs} pairs: one taken and one 409 ${twoPages.one}, ` +
  `both acknowledged ${twoPages.both}${Object.keys(twoPages.other).length ? `, other ${JSON.stringify(twoPages.other)}` : ""}`);
console.log("");
console.log(`  nothing lost: ${checkedSaves} declarations' last acknowledged revision and ${checkedSubmissions} submissions checked in the database; ` +
  `409 on a save (a revision not taken): ${conflicts}; 5xx or no answer: ${failed(A.start, A.save, A.submit, C.start, C.save)}`);
for (const x of conflictList.slice(0, 20)) console.log(`      ${x}`);
for (const x of submitRefusals.slice(0, 10)) console.log(`      submit refused: ${x}`);
console.log(lost.length === 0 ? "  lost: 0" : `  lost: ${lost.length}`);
for (const x of lost.slice(0, 50)) console.log(`      ${x}`);
console.log("");
console.log("  Target (issue 15): p99 < 200 ms at 500 saves/s, nothing lost.");
console.log(`SUMMARY rush | saves/s ${rate(A.save, elapsedA)} | p50 ${pct(A.save.lat, 50).toFixed(1)} | p99 ${pct(A.save.lat, 99).toFixed(1)} | submits/s ${rate(A.submit, elapsedA)} | ` +
  `p50 ${pct(A.submit.lat, 50).toFixed(1)} | p99 ${pct(A.submit.lat, 99).toFixed(1)} | healthz/s ${rate(B, elapsedB)} | paced ${(C.save.ok / elapsedC).toFixed(0)}/s p99 ${pct(C.save.lat, 99).toFixed(1)} | lost ${lost.length}`);
process.exit(lost.length === 0 ? 0 : 1);
