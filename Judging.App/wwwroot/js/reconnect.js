// Venue Wi-Fi drops: keep retrying the circuit for a long time, then reload the page (the draft
// is in localStorage, and a card being submitted is resubmitted with the same key).
Blazor.start({
  circuit: {
    reconnectionOptions: { maxRetries: 1000, retryIntervalMilliseconds: (n) => Math.min(500 * (n + 1), 3000) }
  }
});
document.addEventListener("visibilitychange", () => {
  // A tablet waking from sleep: if the circuit is gone, reload quickly.
  if (document.visibilityState === "visible" && document.getElementById("components-reconnect-modal")?.classList.contains("components-reconnect-rejected")) location.reload();
});
