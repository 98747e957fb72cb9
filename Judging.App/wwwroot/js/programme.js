// The programmes' application page (issue 13), static server-rendered; this script adds what a form cannot do alone:
// 1. Saves as the applicant types: 800 ms after the last change, one save in flight at a time, POST {values, revision}
//    as JSON to the form's data-draft-url; the answer {revision, eligibility} refreshes the eligibility panel (every rule
//    ✔/✗ with its reason) and the problems beside the fields. 409: changed elsewhere, reload. A copy of the values is kept
//    in localStorage until the server has it; leaving with a save pending sends it by beacon.
// 2. The 字 counter of long texts: "n / limit 字", red over the limit (approximate; the server's check decides).
// 3. 提交: saves what is pending, then POSTs data-submit-url; 200 (已提交) or 400 with a refusal (不予受理) reloads the
//    page, which shows the status and the reasons; a form problem is shown here. 撤回: confirm, POST, back to the programme.
(function () {
  "use strict";
  const form = document.querySelector("form[data-app-form]");
  if (!form) return;
  const fill = (t, ...a) => t.replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)] ?? ""));
  const texts = form.dataset;
  const key = "judging.draft." + texts.draftKey;
  const status = form.querySelector("[data-draft-status]");
  const errorBox = document.querySelector("[data-app-error]");
  const editable = texts.editable === "true";
  let revision = Number(texts.revision || "0");
  let timer = null, inFlight = null, again = false, stopped = false;

  const fields = () => [...form.querySelectorAll("[data-field]")];
  const collect = () => {
    const values = {};
    for (const box of fields()) {
      const name = box.dataset.field;
      if (box.dataset.kind === "YesNo") {
        const c = box.querySelector("input[type=radio]:checked");
        values[name] = c ? c.value : "";
      } else {
        const el = box.querySelector("[data-input]");
        let v = el ? el.value : "";
        if (box.dataset.kind === "DateTime") v = v.replace("T", " ");
        values[name] = v;
      }
    }
    return values;
  };
  const apply = values => {
    for (const box of fields()) {
      const v = values[box.dataset.field];
      if (v == null) continue;
      if (box.dataset.kind === "YesNo") box.querySelectorAll("input[type=radio]").forEach(r => r.checked = r.value === v);
      else {
        const el = box.querySelector("[data-input]");
        if (el) el.value = box.dataset.kind === "DateTime" ? v.replace(" ", "T") : v;
      }
    }
    countAll();
  };
  const show = (t, bad) => { if (status) { status.textContent = t; status.style.color = bad ? "#b42318" : ""; } };
  const showError = t => { if (!errorBox) return; errorBox.textContent = t || ""; errorBox.hidden = !t; };
  const keep = () => { try { localStorage.setItem(key, JSON.stringify({ revision, at: Date.now(), values: collect() })); } catch { } };
  const forget = () => { try { localStorage.removeItem(key); } catch { } };

  // 2. Counting 字 as the notice counts them: a CJK character one each, a run of letters or digits one.
  const count = text => (text.match(/[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu) || []).length;
  function countOne(box) {
    const counter = box.querySelector("[data-count]");
    const el = box.querySelector("textarea");
    if (!counter || !el) return;
    const n = count(el.value || "");
    const limit = Number(counter.dataset.limit || "0");
    counter.textContent = fill(counter.dataset.format, n.toLocaleString(), limit ? limit.toLocaleString() : "");
    const over = limit > 0 && n > limit;
    counter.classList.toggle("bad", over);
    counter.dataset.over = over ? "true" : "false";
  }
  const countAll = () => fields().forEach(countOne);

  // The eligibility panel and the problems beside the fields, from a save's or a submission's answer.
  const rules = form.querySelector("[data-rules]");
  const note = form.querySelector("[data-problems-note]");
  function render(e) {
    if (!e) return;
    if (rules) {
      let names = {};
      try { names = JSON.parse(rules.dataset.names || "{}"); } catch { }
      rules.replaceChildren(...e.checks.map(c => {
        const li = document.createElement("li");
        li.dataset.testid = "rule-" + c.code;
        li.setAttribute("data-testid", "rule-" + c.code);
        li.dataset.code = c.code;
        li.dataset.passed = c.passed ? "true" : "false";
        li.className = c.passed ? "ok" : "bad";
        const mark = document.createElement("span");
        mark.className = "prog-mark";
        mark.textContent = c.passed ? "✔" : "✗";
        mark.setAttribute("aria-label", c.passed ? rules.dataset.passLabel : rules.dataset.failLabel);
        const name = document.createElement("span");
        name.className = "prog-rule-name";
        name.textContent = names[c.code] || c.code;
        const reason = document.createElement("span");
        reason.className = "prog-reason";
        reason.textContent = c.reason || "";
        li.append(mark, name, reason);
        return li;
      }));
    }
    const byField = {};
    for (const p of e.problems || []) byField[p.field] = byField[p.field] || p.reason;
    for (const box of fields()) {
      const slot = box.querySelector("[data-problem]");
      const p = byField[box.dataset.field];
      box.classList.toggle("has-error", !!p);
      if (slot) { slot.textContent = p || ""; slot.hidden = !p; }
    }
    if (note) {
      const n = (e.problems || []).length;
      note.hidden = n === 0;
      if (n) note.textContent = note.textContent.replace(/\d+/, String(n));
    }
  }

  // 1. Saving.
  async function save() {
    if (stopped) return;
    if (inFlight) { again = true; return inFlight; }
    show(texts.saving);
    inFlight = (async () => {
      try {
        const r = await fetch(texts.draftUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ values: collect(), revision }) });
        const body = await r.json().catch(() => ({}));
        if (r.ok) {
          revision = body.revision;
          form.dataset.revision = revision;
          forget();
          show(fill(texts.saved, new Date().toLocaleTimeString()));
          render(body.eligibility);
        } else if (r.status === 409) {
          stopped = true;
          show(texts.conflict, true);
          showError(texts.conflict);
        } else {
          show(body.error || texts.failed, true);
        }
      } catch {
        show(texts.offline, true);
      }
    })();
    await inFlight;
    inFlight = null;
    if (again && !stopped) { again = false; schedule(); }
  }
  const schedule = () => { keep(); clearTimeout(timer); timer = setTimeout(() => { timer = null; save(); }, 800); show(texts.unsaved); };

  // Saves now whatever is pending (before submitting).
  async function flush() {
    if (timer) { clearTimeout(timer); timer = null; again = false; await save(); }
    while (inFlight) await inFlight;
    if (again) { again = false; clearTimeout(timer); timer = null; await save(); }
  }

  if (editable) {
    try {
      const left = JSON.parse(localStorage.getItem(key) || "null");
      if (left && left.revision >= revision) { apply(left.values || {}); schedule(); show(texts.restored); }
      else if (left) forget();
    } catch { }
    form.addEventListener("input", e => { if (e.target.closest("[data-field]")) { countOne(e.target.closest("[data-field]")); schedule(); } });
    form.addEventListener("change", e => { if (e.target.closest("[data-field]")) schedule(); });
    window.addEventListener("pagehide", () => {
      if (!timer || stopped) return;
      keep();
      try { navigator.sendBeacon(texts.draftUrl, new Blob([JSON.stringify({ values: collect(), revision })], { type: "application/json" })); } catch { }
    });
  }
  countAll();

  // 3. Submit and withdraw.
  const submit = form.querySelector("[data-app-submit]");
  if (submit) submit.addEventListener("click", async () => {
    submit.disabled = true;
    const label = submit.textContent;
    submit.textContent = texts.submitting;
    showError("");
    try {
      await flush();
      if (stopped) return;
      const r = await fetch(texts.submitUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
      const body = await r.json().catch(() => ({}));
      render(body.eligibility);
      if (r.ok || (r.status === 400 && body.eligibility && (body.eligibility.problems || []).length === 0)) {
        forget();
        location.reload();
        return;
      }
      showError(body.error || texts.failed);
    } catch {
      showError(texts.offline);
    }
    submit.disabled = false;
    submit.textContent = label;
  });
  const withdraw = form.querySelector("[data-app-withdraw]");
  if (withdraw) withdraw.addEventListener("click", async () => {
    if (!confirm(texts.confirmWithdraw)) return;
    const r = await fetch(texts.withdrawUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    const body = await r.json().catch(() => ({}));
    if (r.ok) { forget(); location.href = texts.backUrl; } else showError(body.error || texts.failed);
  });
})();
