// Judge drafts live in the browser's storage as the judge taps, so a reload, a dropped
// connection or a crashed tablet browser loses nothing. The server stores a card once per
// idempotency key; the draft keeps that key until the card is acknowledged.
window.judgeDraft = {
  save(key, draft) {
    try { localStorage.setItem(key, JSON.stringify(draft)); } catch (e) { console.warn("draft not saved", e); }
  },
  load(key) {
    try { const s = localStorage.getItem(key); return s ? JSON.parse(s) : null; } catch { return null; }
  },
  remove(key) {
    try { localStorage.removeItem(key); } catch { }
  }
};

// Signing out clears this tablet's drafts (issue 10, item 14): the next person on the tablet must not find a judge's
// unsent scores. The logout form lives in the page's top bar (any page); the server also answers the logout with
// Clear-Site-Data, which browsers honour only over https.
window.judgeDraft.clearAll = function () {
  try {
    Object.keys(localStorage).filter(k => k.startsWith("judging.draft.")).forEach(k => localStorage.removeItem(k));
  } catch { }
};
document.addEventListener("submit", e => {
  if (e.target instanceof HTMLFormElement && e.target.getAttribute("action") === "/account/logout") window.judgeDraft.clearAll();
}, true);
