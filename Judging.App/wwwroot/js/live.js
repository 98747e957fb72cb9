// Shared by the projector pages (leaderboard, award reveal, audience vote): a full-screen button, and a SignalR
// connection that joins its group, re-joins after every reconnect and retries forever. The dot shows the state.
window.judgingLive = {
  fullscreenButton(id) {
    const fs = document.getElementById(id);
    if (!fs) return;
    fs.addEventListener("click", () => document.documentElement.requestFullscreen?.());
    document.addEventListener("fullscreenchange", () => { fs.hidden = !!document.fullscreenElement; });
  },

  // hub: "/hubs/…"; message: the pushed event's name; joinArgs: arguments of Join; render(view); live: the dot element.
  connect(hub, message, joinArgs, render, live) {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(hub)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * (ctx.previousRetryCount + 1), 5000) })
      .build();
    connection.on(message, render);
    const join = async () => { render(await connection.invoke("Join", ...joinArgs)); live.classList.add("on"); };
    connection.onreconnecting(() => live.classList.remove("on"));
    connection.onreconnected(join);
    connection.onclose(() => { live.classList.remove("on"); setTimeout(start, 2000); });
    async function start() {
      try { await connection.start(); await join(); }
      catch { setTimeout(start, 2000); }
    }
    start();
    return connection;
  },
};
