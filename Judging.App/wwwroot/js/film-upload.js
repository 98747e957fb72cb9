// The organiser's film upload (issue 4, "Films"), loaded as a module by Pages/Organiser/FilmUpload.razor.
// One <input type=file data-film-upload> per film row; the chosen file goes to POST /api/films/{entryId}/video as the
// raw request body by XMLHttpRequest (fetch has no upload progress). Same-origin, so the sign-in cookie goes along;
// the endpoint takes no antiforgery token: it refuses other origins (Origin / Sec-Fetch-Site, which the browser sets)
// and any body but video/*, application/octet-stream or multipart (issue 10, item 10).
// Per row this script shows, in the page's language (the texts init receives; Chinese by default), the progress in %, then "上传成功" or the server's {error} (400/404/413/415),
// or "上传中断" when the connection drops; then it asks the page (a DotNetObjectReference) to reload the row.
// Blazor renders the progress and message elements empty and never renders into them: this script owns their content.

let page = null;          // DotNetObjectReference of the page: FilmUploaded(entryId, ok)
let listening = false;
const running = new Map(); // entryId → XMLHttpRequest in flight

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

function errorOf(xhr) {
  try {
    const body = JSON.parse(xhr.responseText);
    if (body && typeof body.error === "string" && body.error) return body.error;
  } catch { /* not JSON */ }
  switch (xhr.status) {
    case 401: return text("expired");
    case 403: return text("forbidden");
    case 413: return text("tooLarge");
    case 415: return text("notVideo");
    default: return text("notSaved", xhr.status);
  }
}

function notifyPage(id, ok) {
  if (page) page.invokeMethodAsync("FilmUploaded", Number(id), ok).catch(() => { /* page gone */ });
}

function upload(input) {
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

  const xhr = new XMLHttpRequest();
  running.set(parts.id, xhr);
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

  xhr.upload.onprogress = e => {
    if (e.lengthComputable && e.total > 0) showProgress(parts, Math.min(100, Math.floor(e.loaded * 100 / e.total)));
  };
  xhr.onload = () => {
    if (xhr.status >= 200 && xhr.status < 300) finish(true, text("saved", file.name, sizeText(file.size)));
    else finish(false, text("failed", errorOf(xhr)));
  };
  // A dropped connection, or (rarely) a refusal the browser could not read because the server closed the
  // connection while the rest of a large file was still being sent.
  xhr.onerror = () => finish(false, text("interrupted"));
  xhr.ontimeout = () => finish(false, text("interrupted"));
  xhr.onabort = () => finish(false, text("cancelled"));

  xhr.open("POST", input.dataset.url || `/api/films/${parts.id}/video`);
  xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
  xhr.setRequestHeader("Accept", "application/json");
  xhr.send(file); // the raw file, streamed by the browser
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
