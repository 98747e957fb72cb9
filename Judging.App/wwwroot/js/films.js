// Public film pages (issue 4): live counts over server-sent events (/api/films/live), and on a film page the vote
// button, the inline phone verification and the voting rules, all through voting-core's JSON API. No framework.
(() => {
  "use strict";
  const body = document.body;
  const competition = body.dataset.competition;
  const entry = body.dataset.entry;
  if (!competition) return;
  const $ = (id) => document.getElementById(id);
  const fmt = (n) => Number(n).toLocaleString("en-US");
  // The page's language (issue 12): the API answers in it (?culture=), and the words below come from the page.
  const lang = document.documentElement.lang || "zh-CN";
  const q = `?culture=${encodeURIComponent(lang)}`;
  const f = (text, ...args) => String(text).replace(/\{(\d+)\}/g, (_, i) => args[+i]);

  function setCount(id, n) {
    for (const el of document.querySelectorAll(`[data-count="${id}"]`)) {
      const text = fmt(n);
      if (el.textContent === text) continue;
      el.textContent = text;
      el.classList.remove("bump");
      void el.offsetWidth; // restart the animation
      el.classList.add("bump");
    }
  }

  // Live counts: the first event is a snapshot, then one event per changed film at most once a second.
  const live = $("fm-live");
  if (window.EventSource) {
    const es = new EventSource(`/api/films/live?competitionId=${encodeURIComponent(competition)}`);
    es.addEventListener("snapshot", (e) => {
      const counts = JSON.parse(e.data).counts;
      for (const k in counts) setCount(k, counts[k]);
      if (live) { live.textContent = live.dataset.on || "实时"; live.classList.add("on"); }
    });
    es.addEventListener("count", (e) => { const d = JSON.parse(e.data); setCount(d.entryId, d.count); });
    es.onerror = () => { if (live) { live.textContent = live.dataset.off || "重连中"; live.classList.remove("on"); } };
  }
  if (!entry) return;

  const voteBtn = $("fm-vote"), msg = $("fm-msg"), panel = $("fm-verify"), vmsg = $("fm-vmsg");
  const phone = $("fm-phone"), code = $("fm-code"), send = $("fm-send");
  const T = $("fm-t").dataset; // the page's words (FilmPage.razor), in its language

  function show(el, text, ok) {
    el.textContent = text;
    el.className = "fm-msg " + (ok ? "ok" : "warn");
    el.setAttribute("role", ok ? "status" : "alert");
    el.hidden = false;
  }

  async function call(url, data) {
    let res;
    try {
      res = await fetch(url, {
        method: "POST", credentials: "same-origin",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(data ?? {}),
      });
    } catch {
      return { status: 0, body: { error: T.net } };
    }
    let json = {};
    try { json = await res.json(); } catch { /* not JSON */ }
    if (!res.ok && !json.error) json.error = res.status === 429 ? T.busy : T.fail;
    return { status: res.status, body: json };
  }

  let busy = false;
  async function vote() {
    if (busy) return;
    busy = true; voteBtn.disabled = true;
    try {
      const r = await call(`/api/films/${entry}/votes${q}`);
      if (r.status === 200) {
        if (typeof r.body.count === "number") setCount(entry, r.body.count);
        show(msg, r.body.message || (r.body.counted === false ? T.held : T.ok), true);
        panel.hidden = true;
      } else if (r.status === 401) {
        msg.hidden = true;
        panel.hidden = false;
        show(vmsg, r.body.error || T.verifyFirst, false);
        phone.focus();
      } else {
        show(msg, r.body.error, false);
      }
    } finally {
      busy = false; voteBtn.disabled = false;
    }
  }
  voteBtn.addEventListener("click", vote);

  const competitionApi = `/api/voting/${encodeURIComponent(competition)}`;
  let wait = 0, timer = 0;
  send.addEventListener("click", async () => {
    const p = phone.value.trim();
    if (!/^1\d{10}$/.test(p)) { show(vmsg, T.phone, false); phone.focus(); return; }
    send.disabled = true;
    const r = await call(`${competitionApi}/code${q}`, { phone: p });
    if (r.status === 200) {
      show(vmsg, r.body.message || T.sent, true);
      code.focus();
      wait = 60;
      send.textContent = f(T.wait, wait);
      clearInterval(timer);
      timer = setInterval(() => {
        wait--;
        if (wait > 0) { send.textContent = f(T.wait, wait); return; }
        clearInterval(timer); send.textContent = T.resend; send.disabled = false;
      }, 1000);
    } else {
      show(vmsg, r.body.error, false);
      send.disabled = false;
    }
  });

  panel.addEventListener("submit", async (e) => {
    e.preventDefault();
    const p = phone.value.trim(), c = code.value.trim();
    if (!/^1\d{10}$/.test(p)) { show(vmsg, T.phone, false); phone.focus(); return; }
    if (!/^\d{4,8}$/.test(c)) { show(vmsg, T.code, false); code.focus(); return; }
    const r = await call(`${competitionApi}/verify${q}`, { phone: p, code: c });
    if (r.status === 200) {
      show(vmsg, r.body.message || T.verified, true);
      await vote();
    } else {
      show(vmsg, r.body.error, false);
    }
  });

  // The rules (voting period, votes per day) come from voting-core's rules API.
  (async () => {
    const rule = $("fm-rule"), period = $("fm-period");
    try {
      const res = await fetch(`${competitionApi}/rules${q}`, { headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(String(res.status));
      const r = await res.json();
      // rule: PerFilmPerDay | TotalPerDay; perDay: votes; window: the period in the page's language (always given).
      const n = r.perDay || 1;
      rule.textContent = f(r.rule === "TotalPerDay" ? T.ruleTotal : T.ruleFilm, n) + (lang.startsWith("zh") ? "" : " ") + T.ruleNote;
      if (r.window) period.textContent = f(T.period, r.window);
      if (r.open === false) {
        voteBtn.disabled = true;
        voteBtn.textContent = T.closed;
        voteBtn.dataset.closed = "1";
      }
    } catch {
      rule.textContent = T.noRules;
    }
  })();
})();
