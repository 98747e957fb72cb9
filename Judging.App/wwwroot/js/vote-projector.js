// Audience-vote projector: joins the vote's group on /hubs/audience and redraws the tally bars on every
// "tally" message (the server coalesces to at most one per 250 ms). Reconnects forever; the dot in the
// corner shows the connection state. When the vote is closed, the QR code gives way to "投票已结束".
(function () {
  const root = document.getElementById("vote-projector");
  if (!root) return;
  const questionId = Number(root.dataset.question);
  const live = document.getElementById("vp-live");
  // The page's own texts in its language (the hub's messages carry the service's Chinese status and verdict).
  const statuses = JSON.parse(root.dataset.statuses || "{}");
  const verdicts = JSON.parse(root.dataset.verdicts || "{}");
  const fill = (template, args) => template.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ""));
  function verdictOf(view) {
    const template = verdicts[view.verdict];
    if (view.status !== "Closed" || template === undefined) return view.verdictText;
    const leaders = view.lines.filter((l) => l.leading);
    if (view.verdict === "Winner" && leaders.length === 0) return view.verdictText;
    return fill(template, [leaders[0]?.position, leaders[0]?.title, view.topVotes, leaders.length]);
  }
  const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

  function render(view) {
    if (!view) return;
    root.dataset.status = view.status;
    document.getElementById("vp-title").textContent = view.title;
    const status = document.getElementById("vp-status");
    status.textContent = statuses[view.status] ?? view.statusText;
    status.className = "vp-status " + view.status.toLowerCase();
    document.getElementById("vp-total").textContent = view.totalVotes;
    document.getElementById("vp-closed").hidden = view.status !== "Closed";
    document.getElementById("vp-verdict").textContent = verdictOf(view);
    const top = view.topVotes;
    document.getElementById("vp-bars").innerHTML = view.lines.map((l) =>
      `<li class="${l.leading ? "leading" : ""}" data-entry="${l.entryId}">` +
      `<span class="vp-no">${l.position}</span>` +
      `<span class="vp-name"><span class="vp-entry">${esc(l.title)}</span><span class="vp-unit">${esc(l.unit)} · ${esc(l.presenter)}</span></span>` +
      `<span class="vp-bar"><span class="vp-fill" style="width: ${top === 0 ? 0 : Math.round(1000 * l.votes / top) / 10}%"></span></span>` +
      `<span class="vp-count">${l.votes}</span></li>`).join("");
    root.dataset.generatedAt = view.generatedAt;
  }

  judgingLive.fullscreenButton("vp-fullscreen");
  judgingLive.connect("/hubs/audience", "tally", [questionId], render, live);
})();
