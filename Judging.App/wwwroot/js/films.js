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
      if (live) { live.textContent = "实时"; live.classList.add("on"); }
    });
    es.addEventListener("count", (e) => { const d = JSON.parse(e.data); setCount(d.entryId, d.count); });
    es.onerror = () => { if (live) { live.textContent = "重连中"; live.classList.remove("on"); } };
  }
  if (!entry) return;

  const voteBtn = $("fm-vote"), msg = $("fm-msg"), panel = $("fm-verify"), vmsg = $("fm-vmsg");
  const phone = $("fm-phone"), code = $("fm-code"), send = $("fm-send");

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
      return { status: 0, body: { error: "网络不稳定，请稍后再试。" } };
    }
    let json = {};
    try { json = await res.json(); } catch { /* not JSON */ }
    if (!res.ok && !json.error) json.error = res.status === 429 ? "操作过于频繁，请稍后再试。" : "暂时无法完成，请稍后再试。";
    return { status: res.status, body: json };
  }

  let busy = false;
  async function vote() {
    if (busy) return;
    busy = true; voteBtn.disabled = true;
    try {
      const r = await call(`/api/films/${entry}/votes`);
      if (r.status === 200) {
        if (typeof r.body.count === "number") setCount(entry, r.body.count);
        show(msg, r.body.message || (r.body.counted === false ? "投票已收到，正在核验。" : "投票成功，感谢支持！"), true);
        panel.hidden = true;
      } else if (r.status === 401) {
        msg.hidden = true;
        panel.hidden = false;
        show(vmsg, r.body.error || "请先验证手机号。", false);
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
    if (!/^1\d{10}$/.test(p)) { show(vmsg, "请输入 11 位手机号码。", false); phone.focus(); return; }
    send.disabled = true;
    const r = await call(`${competitionApi}/code`, { phone: p });
    if (r.status === 200) {
      show(vmsg, r.body.message || "验证码已发送，请查收短信。", true);
      code.focus();
      wait = 60;
      send.textContent = `${wait} 秒后可重发`;
      clearInterval(timer);
      timer = setInterval(() => {
        wait--;
        if (wait > 0) { send.textContent = `${wait} 秒后可重发`; return; }
        clearInterval(timer); send.textContent = "重新获取验证码"; send.disabled = false;
      }, 1000);
    } else {
      show(vmsg, r.body.error, false);
      send.disabled = false;
    }
  });

  panel.addEventListener("submit", async (e) => {
    e.preventDefault();
    const p = phone.value.trim(), c = code.value.trim();
    if (!/^1\d{10}$/.test(p)) { show(vmsg, "请输入 11 位手机号码。", false); phone.focus(); return; }
    if (!/^\d{4,8}$/.test(c)) { show(vmsg, "请输入短信中的验证码。", false); code.focus(); return; }
    const r = await call(`${competitionApi}/verify`, { phone: p, code: c });
    if (r.status === 200) {
      show(vmsg, r.body.message || "验证成功。", true);
      await vote();
    } else {
      show(vmsg, r.body.error, false);
    }
  });

  // The rules (voting period, votes per day) come from voting-core's rules API.
  (async () => {
    const rule = $("fm-rule"), period = $("fm-period");
    try {
      const res = await fetch(`${competitionApi}/rules`, { headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(String(res.status));
      const r = await res.json();
      // rule: PerFilmPerDay | TotalPerDay; perDay: votes; window: the period in Chinese; opensAt/closesAt: ISO +08:00 or null.
      const n = r.perDay || 1;
      rule.textContent = (r.rule === "TotalPerDay" ? `每个手机号每天共可投 ${n} 票。` : `每个手机号每天可为每部作品投 ${n} 票。`)
        + "投票前需验证手机号；短时间内集中出现的异常投票暂不计入，由组织者审核后决定。";
      const when = (s) => s ? new Date(s).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" }) : "";
      if (r.window) period.textContent = `投票时间：${r.window}`;
      else if (r.opensAt || r.closesAt) period.textContent = `投票时间：${when(r.opensAt) || "即日起"} 至 ${when(r.closesAt) || "另行通知"}`;
      if (r.open === false) {
        voteBtn.disabled = true;
        voteBtn.textContent = "投票未开放";
        voteBtn.dataset.closed = "1";
      }
    } catch {
      rule.textContent = "投票规则暂时无法读取，请稍后刷新。";
    }
  })();
})();
