// Award reveal projector: joins the track's group on /hubs/reveal and redraws on every "reveal" message
// (the organiser's click). The newest award is shown large; earlier ones are listed by tier.
(function () {
  const root = document.getElementById("reveal");
  if (!root) return;
  const competitionId = Number(root.dataset.competition);
  const track = root.dataset.track;
  const title = root.dataset.title || ""; // the page's own title, in its language
  const messages = JSON.parse(root.dataset.messages || "{}");
  const live = document.getElementById("pj-live");
  const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  let shown = -1;

  function render(v) {
    if (!v) return;
    document.getElementById("rv-title").textContent = title || v.title;
    document.getElementById("rv-progress").textContent = `${v.step} / ${v.total}`;
    const last = v.revealed[v.revealed.length - 1];
    const current = document.getElementById("rv-current");
    current.innerHTML = last
      ? `<div class="rv-award">${esc(last.award)}</div><div class="rv-entry">${esc(last.title)}</div><div class="rv-unit">${esc(last.unit)} · ${esc(last.presenter)}</div>`
      : `<div class="rv-wait">${esc(messages[v.message] ?? v.message ?? "")}</div>`;
    if (v.step !== shown) { current.classList.remove("pop"); void current.offsetWidth; current.classList.add("pop"); shown = v.step; }
    const groups = [];
    for (const r of v.revealed) {
      let g = groups.find((x) => x.award === r.award);
      if (!g) groups.push(g = { award: r.award, items: [] });
      g.items.push(r);
    }
    document.getElementById("rv-list").innerHTML = groups.map((g) =>
      `<div class="rv-group"><h2>${esc(g.award)}</h2>` +
      g.items.map((r) => `<div class="rv-item" data-entry="${r.entryId}">${esc(r.title)} <span class="code">${esc(r.unit)}</span></div>`).join("") +
      `</div>`).join("");
    root.dataset.step = v.step;
  }

  judgingLive.fullscreenButton("pj-fullscreen");
  judgingLive.connect("/hubs/reveal", "reveal", [competitionId, track], render, live);
})();
