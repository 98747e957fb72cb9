// The venue vote's phone verification (issue 10, item 3, questions with 手机验证): the film vote's code flow
// (POST /api/voting/{competitionId}/code and /verify, JSON, same origin), then a reload: the page now shows the ballot.
(function () {
  const box = document.getElementById("vote-phone");
  if (!box) return;
  const competition = box.dataset.competition;
  const phone = document.getElementById("vp-phone");
  const code = document.getElementById("vp-code");
  const msg = document.getElementById("vp-msg");
  const say = text => { msg.textContent = text; };
  // The page's words and language (Vote.razor, issue 12): the API answers in it too (?culture=).
  const t = box.dataset;
  const q = `?culture=${encodeURIComponent(t.lang || "zh-CN")}`;
  async function post(path, body) {
    try {
      const res = await fetch(`/api/voting/${competition}/${path}${q}`, {
        method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" }, body: JSON.stringify(body),
      });
      const json = await res.json().catch(() => ({}));
      return { ok: res.ok, text: json.message || json.error || (t.failed || "请求失败（{0}）").replace("{0}", res.status) };
    } catch { return { ok: false, text: t.net || "网络不通，请稍后再试" }; }
  }
  document.getElementById("vp-send").addEventListener("click", async () => {
    if (!/^1[3-9]\d{9}$/.test(phone.value.trim())) { say(t.phoneHint || "请输入 11 位手机号码。"); return; }
    say((await post("code", { phone: phone.value.trim() })).text);
  });
  document.getElementById("vp-verify").addEventListener("click", async () => {
    const r = await post("verify", { phone: phone.value.trim(), code: code.value.trim() });
    say(r.text);
    if (r.ok) location.reload();
  });
})();
