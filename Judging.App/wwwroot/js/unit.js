// The units' pages (issue 15), static server-rendered; this script only adds what a form cannot do alone:
// 1. /unit/login: "获取验证码" asks POST /api/unit/code for the mobile typed, then counts 60 s down.
// 2. /unit/declarations/{id} (a form with data-draft-url): saves the draft as the unit types ("系统会自动保存"):
//    800 ms after the last change, one save in flight at a time, POST {fields…, revision} as JSON. A copy of the
//    fields is kept in localStorage under the declaration's key until the server has it, so a closed tab or a dropped
//    connection loses nothing: on the next visit an unsaved copy newer than the server's revision is put back and saved.
//    Without this script the form still posts to the page (保存草稿 / 提交申报).
// 3. Forms with data-busy: the submit button is disabled and relabelled while the post is on its way.
(function () {
  "use strict";
  const $ = (sel, root) => (root || document).querySelector(sel);
  const fill = (t, ...a) => t.replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)] ?? ""));

  // 1. The SMS code button.
  const codeBtn = $("[data-unit-code]");
  if (codeBtn) {
    const msg = $("[data-unit-code-msg]");
    const form = codeBtn.closest("form");
    codeBtn.addEventListener("click", async () => {
      const mobile = form.elements.mobile.value.trim();
      codeBtn.disabled = true;
      try {
        const r = await fetch("/api/unit/code", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ mobile }) });
        const body = await r.json().catch(() => ({}));
        msg.textContent = body.message || body.error || codeBtn.dataset.failed;
        msg.style.color = r.ok ? "" : "#b42318";
        if (!r.ok) { codeBtn.disabled = false; return; }
        let left = 60;
        const tick = () => {
          if (left <= 0) { codeBtn.disabled = false; codeBtn.textContent = codeBtn.dataset.again; return; }
          codeBtn.textContent = fill(codeBtn.dataset.wait, left--);
          setTimeout(tick, 1000);
        };
        tick();
        form.elements.code.focus();
      } catch {
        msg.textContent = codeBtn.dataset.failed;
        codeBtn.disabled = false;
      }
    });
  }

  // 3. Busy buttons.
  document.querySelectorAll("form[data-busy]").forEach(f => f.addEventListener("submit", e => {
    const b = e.submitter || f.querySelector("button[type=submit]");
    if (b) setTimeout(() => { b.disabled = true; b.textContent = f.dataset.busy; }, 0);
  }));

  // 2. Draft autosave.
  const form = $("form[data-draft-url]");
  if (!form) return;
  const url = form.dataset.draftUrl;
  const key = "judging.draft." + form.dataset.draftKey;
  const status = $("[data-draft-status]");
  const texts = form.dataset;
  let revision = Number(form.dataset.revision || "0");
  let timer = null, inFlight = false, again = false, stopped = false;

  const collect = () => {
    const el = form.elements;
    const val = n => (el[n] && el[n].value !== undefined ? el[n].value : null);
    const minutes = val("durationMinutes");
    return {
      title: val("title"), category: (form.querySelector("input[name=category]:checked") || {}).value || null,
      durationMinutes: minutes ? Number(minutes) : null, creator: val("creator"), contactName: val("contactName"),
      contactAddress: val("contactAddress"), contactDept: val("contactDept"), contactPost: val("contactPost"),
      contactMobile: val("contactMobile"), contactEmail: val("contactEmail"), synopsis: val("synopsis"),
      honours: [...form.querySelectorAll("input[name=honours]:checked")].map(x => x.value), honourOther: val("honourOther"),
      commitments: [0, 1, 2].map(i => !!(form.querySelector(`input[name=commitment${i}]`) || {}).checked),
    };
  };
  const apply = d => {
    const el = form.elements;
    for (const n of ["title", "creator", "contactName", "contactAddress", "contactDept", "contactPost", "contactMobile", "contactEmail", "synopsis", "honourOther"])
      if (el[n] && d[n] != null) el[n].value = d[n];
    if (el.durationMinutes && d.durationMinutes != null) el.durationMinutes.value = d.durationMinutes;
    form.querySelectorAll("input[name=category]").forEach(x => x.checked = x.value === d.category);
    form.querySelectorAll("input[name=honours]").forEach(x => x.checked = (d.honours || []).includes(x.value));
    [0, 1, 2].forEach(i => { const c = form.querySelector(`input[name=commitment${i}]`); if (c) c.checked = !!(d.commitments || [])[i]; });
    countSynopsis();
  };
  const show = (t, bad) => { if (status) { status.textContent = t; status.style.color = bad ? "#b42318" : ""; } };
  const keep = () => { try { localStorage.setItem(key, JSON.stringify({ revision, at: Date.now(), data: collect() })); } catch { } };
  const forget = () => { try { localStorage.removeItem(key); } catch { } };

  // The synopsis count as the notice counts 字 (CJK characters one each, a run of letters or digits one).
  const counter = $("[data-synopsis-count]");
  function countSynopsis() {
    if (!counter || !form.elements.synopsis) return;
    const text = form.elements.synopsis.value || "";
    const m = text.match(/[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu) || [];
    const n = m.length;
    counter.textContent = fill(counter.dataset.format, n);
    counter.classList.toggle("bad", n > 0 && (n < 100 || n > 300));
  }

  async function save() {
    if (stopped) return;
    if (inFlight) { again = true; return; }
    inFlight = true;
    show(texts.saving);
    try {
      const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ...collect(), revision }) });
      const body = await r.json().catch(() => ({}));
      if (r.ok) {
        revision = body.revision;
        form.dataset.revision = revision;
        const rev = form.querySelector("input[name=revision]");
        if (rev) rev.value = revision;
        forget();
        show(fill(texts.saved, new Date().toLocaleTimeString()));
      } else if (r.status === 409) {
        stopped = true;
        show(body.error || texts.failed, true);
      } else {
        show(body.error || texts.failed, true);
      }
    } catch {
      show(texts.offline, true);
    } finally {
      inFlight = false;
      if (again && !stopped) { again = false; schedule(); }
    }
  }
  const schedule = () => { keep(); clearTimeout(timer); timer = setTimeout(() => { timer = null; save(); }, 800); show(texts.unsaved); };

  // A copy left by a closed tab or a dropped connection: newer than what the server has → put it back and save it.
  try {
    const left = JSON.parse(localStorage.getItem(key) || "null");
    if (left && left.revision >= revision && form.dataset.editable === "true") { apply(left.data); schedule(); show(texts.restored); }
    else if (left) forget();
  } catch { }
  if (form.dataset.editable === "true") {
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    // Leaving with a save pending: the copy stays in localStorage, and a beacon carries it to the server now.
    window.addEventListener("pagehide", () => {
      if (!timer || stopped) return;
      keep();
      try { navigator.sendBeacon(url, new Blob([JSON.stringify({ ...collect(), revision })], { type: "application/json" })); } catch { }
    });
  }
  form.addEventListener("input", countSynopsis);
  countSynopsis();
})();
