// Projector: joins the round's group on /hubs/leaderboard and redraws on every "leaderboard"
// message. Reconnects forever; the dot in the corner shows the connection state.
(function () {
  const root = document.getElementById("projector");
  if (!root) return;
  const roundId = Number(root.dataset.round);
  const live = document.getElementById("pj-live");
  // The page's own texts in its language (the hub's messages carry the service's Chinese status and rule).
  const statuses = JSON.parse(root.dataset.statuses || "{}");
  const ruleText = root.dataset.ruleText || "";
  const hiddenText = root.dataset.hiddenText || "";
  const title = root.dataset.title || "";
  const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

  function render(view) {
    if (!view) return;
    document.getElementById("pj-title").textContent = title || view.title;
    document.getElementById("pj-status").textContent = statuses[view.status] ?? view.status;
    document.getElementById("pj-foot").textContent = view.hideScores ? hiddenText : (ruleText || view.ruleText);
    document.getElementById("pj-rows").innerHTML = view.rows.map((r) =>
      `<tr class="${r.onStage ? "onstage" : ""}" data-entry="${r.entryId}">` +
      `<td class="rank">${view.hideScores ? r.position : (r.rank ?? "")}</td>` +
      `<td><span class="code">${esc(r.code)}</span> ${esc(r.title)}</td>` +
      `<td>${esc(r.unit)}</td>` +
      `<td class="score">${view.hideScores ? "" : esc(r.scoreText)}</td>` +
      `<td class="progress">${r.judgesSubmitted}/${r.judgesExpected}</td></tr>`).join("");
    root.dataset.generatedAt = view.generatedAt;
  }

  judgingLive.fullscreenButton("pj-fullscreen");
  judgingLive.connect("/hubs/leaderboard", "leaderboard", [roundId], render, live);
})();
