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
