// The organiser's film upload (issue 4, "Films"; issue 15, "Large files survive a bad connection"), loaded as a module
// by Pages/Organiser/FilmUpload.razor. One <input type=file data-film-upload> per film row; the chosen file goes to the
// tus 1.0 server at /api/uploads (Uploads/TusEndpoints.cs) through tus-js-client 4.3.1 (lib/tus/tus.min.js, loaded on
// first use) with metadata {target: "film", entryId, filename}: in PATCHes of data-chunk-bytes (8 MiB by default),
// each written through on the server, so a dropped connection resumes from the server's offset (HEAD), not from zero,
// after 0, 1, 3, 5, 10 … seconds; choosing the same file again after a reload resumes too (the upload's URL is kept in
// localStorage under a fingerprint of entry, name, size and date). The server sniffs the first bytes (415 at the first
// PATCH for a file that is not MP4/MOV/WebM) and, at the last byte, stores the film by the same path as
// POST /api/films/{entryId}/video (which stays, for scripts). Same-origin, so the sign-in cookie goes along; the server
// refuses other origins (Origin / Sec-Fetch-Site, which the browser sets).
// Per row this script shows, in the page's language (the texts init receives; Chinese by default), the progress in %,
// "连接中断，正在从 N% 处继续…" while it retries, then "上传成功" or the server's {error} (400/403/404/413/415), or
// "上传中断" when every retry failed; then it asks the page (a DotNetObjectReference) to reload the row.
// Blazor renders the progress and message elements empty and never renders into them: this script owns their content.

let page = null;          // DotNetObjectReference of the page: FilmUploaded(entryId, ok)
let listening = false;
const running = new Map(); // entryId → tus.Upload in flight

// Waits between retries of a failed request, ms (tus-js-client's retryDelays): about 3 minutes in all.
const retryDelays = [0, 1000, 3000, 5000, 10000, 10000, 20000, 30000, 30000, 60000];

// The texts, Chinese by default; init replaces them with the page's (FilmUpload.UploadTexts, in its language).
let texts = {
  interrupted: "上传中断，请检查网络后重试。",
  progress: "正在上传 {0}%，请勿关闭页面…",
  expired: "登录已过期，请重新登录后再上传。",
  forbidden: "只有组织者可以上传视频。",
  tooLarge: "视频文件超过上限。",
  notVideo: "只接受 MP4、MOV 或 WebM 视频（按文件内容识别，不看扩展名）。",
  notSaved: "服务器没有保存该视频（{0}），请稍后重试。",
  busy: "该作品正在上传，请等待完成。",
  chosenTooLarge: "{0}：所选文件 {1}。",
  saved: "上传成功，已保存（{0}，{1}）。",
  failed: "上传失败：{0}",
  cancelled: "上传已取消。",
  resuming: "连接中断，正在从 {0}% 处继续…",
};
const text = (key, ...args) => texts[key].replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ""));

function sizeText(bytes) {
  if (bytes >= 2 ** 30) return (bytes / 2 ** 30).toFixed(2).replace(/\.?0+$/, "") + " GB";
  if (bytes >= 2 ** 20) return (bytes / 2 ** 20).toFixed(1).replace(/\.0$/, "") + " MB";
  return Math.max(1, Math.floor(bytes / 1024)) + " KB";
}

function rowParts(input) {
  const id = input.dataset.entryId;
  const box = document.querySelector(`[data-film-upload-box="${id}"]`) || input.parentElement;
  return {
    id,
    bar: box.querySelector("[data-film-progress]"),
    msg: box.querySelector("[data-film-message]"),
  };
}

function showProgress(parts, percent) {
  if (!parts.bar) return;
  if (percent === null) { parts.bar.hidden = true; parts.bar.replaceChildren(); return; }
  parts.bar.hidden = false;
  let fill = parts.bar.querySelector(".film-progress-fill");
  let label = parts.bar.querySelector(".film-progress-label");
  if (!fill) {
    const track = document.createElement("div");
    track.className = "film-progress-track";
    fill = document.createElement("div");
    fill.className = "film-progress-fill";
    track.append(fill);
    label = document.createElement("span");
    label.className = "film-progress-label";
    parts.bar.replaceChildren(track, label);
  }
  fill.style.width = percent + "%";
  parts.bar.setAttribute("aria-valuenow", String(percent));
  label.textContent = text("progress", percent);
}

function showMessage(parts, ok, text) {
  if (!parts.msg) return;
  parts.msg.hidden = !text;
  parts.msg.textContent = text || "";
  parts.msg.className = "film-msg small " + (ok ? "ok" : "error");
  parts.msg.setAttribute("role", ok ? "status" : "alert");
}

// The status and {error} of a refused request: the server's message when it sent one, else one by status.
function errorOf(status, body) {
  try {
    const json = JSON.parse(body || "");
    if (json && typeof json.error === "string" && json.error) return json.error;
  } catch { /* not JSON */ }
  switch (status) {
    case 401: return text("expired");
    case 403: return text("forbidden");
    case 413: return text("tooLarge");
    case 415: return text("notVideo");
    default: return text("notSaved", status);
  }
}

let tusLoading = null;

// tus-js-client is a UMD bundle: loaded once as a classic script, it sets window.tus.
function loadTus() {
  if (window.tus) return Promise.resolve(window.tus);
  if (!tusLoading) {
    tusLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL("../lib/tus/tus.min.js", import.meta.url).href;
      script.onload = () => (window.tus ? resolve(window.tus) : reject(new Error("tus-js-client did not load")));
      script.onerror = () => { tusLoading = null; reject(new Error("tus-js-client did not load")); };
      document.head.append(script);
    });
  }
  return tusLoading;
}

// The organiser's page is told (it reloads its rows); a static page (the unit's, issue 15) reloads itself after a success.
function notifyPage(id, ok) {
  if (page) page.invokeMethodAsync("FilmUploaded", Number(id), ok).catch(() => { /* page gone */ });
  else if (ok && document.querySelector(`[data-film-upload-box="${id}"][data-reload-on-success]`)) setTimeout(() => location.reload(), 1500);
}

function showNotice(parts, text) {
  if (!parts.msg) return;
  parts.msg.hidden = false;
  parts.msg.textContent = text;
  parts.msg.className = "film-msg small warn";
  parts.msg.setAttribute("role", "status");
}

async function upload(input) {
  const file = input.files && input.files[0];
  const parts = rowParts(input);
  if (!file || !parts.id) return;
  if (running.has(parts.id)) { showMessage(parts, false, text("busy")); input.value = ""; return; }

  const max = Number(input.dataset.maxBytes || 0);
  if (max > 0 && file.size > max) {
    showMessage(parts, false, text("chosenTooLarge", input.dataset.tooLarge || text("tooLarge"), sizeText(file.size)));
    input.value = "";
    return;
  }

  running.set(parts.id, null);
  input.disabled = true;
  showMessage(parts, true, "");
  showProgress(parts, 0);

  const finish = (ok, text) => {
    running.delete(parts.id);
    input.disabled = false;
    input.value = ""; // the same file can be chosen again
    showProgress(parts, null);
    showMessage(parts, ok, text);
    notifyPage(parts.id, ok);
  };

  let tus;
  try { tus = await loadTus(); } catch { finish(false, text("interrupted")); return; }

  const entryId = String(parts.id);
  let confirmed = 0;      // bytes the server has confirmed (its Upload-Offset)
  let noticeShown = false;
  const percentOf = bytes => Math.min(100, Math.floor(bytes * 100 / Math.max(1, file.size)));
  const up = new tus.Upload(file, {
    endpoint: input.dataset.tusUrl || "/api/uploads",
    chunkSize: Number(input.dataset.chunkBytes) || 8 * 1024 * 1024,
    retryDelays,
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    // Per entry: the same file chosen for another film is another upload.
    fingerprint: f => Promise.resolve(["film-upload", entryId, f.name, f.size, f.lastModified].join("|")),
    metadata: { target: input.dataset.target || "film", entryId, filename: file.name, filetype: file.type || "" },
    onProgress: (sent, total) => { if (total > 0) showProgress(parts, percentOf(sent)); },
    onChunkComplete: (_, accepted) => {
      confirmed = accepted;
      if (noticeShown) { noticeShown = false; showMessage(parts, true, ""); }
    },
    // Retry a dropped connection, a server error, a lock or an offset mismatch (the HEAD that follows tells the offset);
    // a refusal (4xx) is final. The row says where it resumes.
    onShouldRetry: err => {
      const status = err && err.originalResponse ? err.originalResponse.getStatus() : 0;
      const retry = (status === 0 || status >= 500 || status === 409 || status === 423) && navigator.onLine !== false;
      if (retry) {
        noticeShown = true;
        showNotice(parts, text("resuming", percentOf(confirmed)));
      }
      return retry;
    },
    onSuccess: () => finish(true, text("saved", file.name, sizeText(file.size))),
    onError: err => {
      const res = err && err.originalResponse;
      if (!res || res.getStatus() === 0) finish(false, text("interrupted"));
      else finish(false, text("failed", errorOf(res.getStatus(), res.getBody())));
    },
  });
  running.set(parts.id, up);
  try {
    const previous = await up.findPreviousUploads();
    if (previous.length > 0) up.resumeFromPreviousUpload(previous[0]);
  } catch { /* no storage: start afresh */ }
  up.start();
}

function onChange(e) {
  const input = e.target;
  if (input instanceof HTMLInputElement && input.matches("input[type=file][data-film-upload]")) upload(input);
}

function onBeforeUnload(e) {
  if (running.size > 0) { e.preventDefault(); e.returnValue = ""; }
}

/**
 * Starts listening for chosen files (delegated, so re-rendered rows need no hooking) and marks the table ready.
 * pageTexts: the page's texts in its language (keys as in `texts`), or nothing for the Chinese defaults.
 */
export function init(dotNetPage, table, pageTexts) {
  page = dotNetPage;
  if (pageTexts) texts = { ...texts, ...pageTexts };
  if (!listening) {
    document.addEventListener("change", onChange);
    window.addEventListener("beforeunload", onBeforeUnload);
    listening = true;
  }
  if (table) table.dataset.filmUploadReady = "1";
}

/** Stops listening (the page is disposed); uploads in flight still finish but no longer call the page. */
export function dispose() {
  page = null;
  if (listening) {
    document.removeEventListener("change", onChange);
    window.removeEventListener("beforeunload", onBeforeUnload);
    listening = false;
  }
}
