/* Parley visitor widget. One global (window.Parley), everything else inside a Shadow DOM.
   Speaks docs/protocol.md (JSON over /ws/visitor). Code map in widget_static/README.md. */
(function () {
  "use strict";
  var w = window, d = document;
  if (w.Parley && w.Parley.loaded) return;
  var script = d.currentScript || d.querySelector("script[data-site]");
  if (!script) return;
  var SITE = script.getAttribute("data-site") || "";
  var RELAY = script.getAttribute("data-relay") || new URL(script.src, location.href).origin;
  var FILES = RELAY + "/widget/";   // the widget's other files: stylesheets, parts loaded on demand
  var V = 1, MAX_TEXT = 4000, PREVIEW_MS = 340;

  /* ------------------------------------------------------------ words */
  var WORDS = {
    en: {
      open: "Open chat", close: "Minimise chat", title: "Chat with us", send: "Send",
      placeholder: "Write a message…", online: "We are online and reply in minutes",
      offline: "We usually reply within {h} hours", sending: "Sending…", sent: "Sent", seen: "Seen",
      failed: "Not sent", retry: "Retry", typing: "{n} is typing…", agent: "Agent", you: "You",
      withdrawn: "A message was withdrawn", closed: "This chat has ended. Write again any time.",
      reconnecting: "Reconnecting…", cannot: "The chat cannot connect right now. Please contact us another way.", newMessage: "New message", answering: "{n} is answering you", nowWith: "You are now chatting with {n}",
      seesDraft: "Our team sees what you type before you send it.",
      attach: "Send a file", uploading: "Uploading…", tooBig: "Files may be at most {n}.", drop: "Drop a file here to send it",
      wait: "Too many messages at once. You can write again in {n}.", sec: "{n}\u00a0s", min: "{n}\u00a0min",
      err: {
        rate_limited: "You are sending too fast. Please wait a moment.",
        too_long: "That message is too long.",
        frame_too_large: "That message is too long.",
        origin_not_allowed: "Chat is not enabled on this page.",
        unknown_site: "Chat is not set up for this site.",
        unavailable: "The chat service has a problem. Your message will be sent again.",
        conversation_closed: "This chat has ended.",
        other: "Something went wrong. Please try again."
      }
    },
    "zh-CN": {
      open: "打开在线咨询", close: "最小化", title: "在线咨询", send: "发送",
      placeholder: "请输入消息…", online: "客服在线，通常几分钟内回复",
      offline: "我们通常在 {h} 小时内回复", sending: "发送中…", sent: "已发送", seen: "已读",
      failed: "未发送", retry: "重试", typing: "{n} 正在输入…", agent: "客服", you: "我",
      withdrawn: "一条消息已撤回", closed: "本次会话已结束，欢迎随时再次咨询。",
      reconnecting: "正在重新连接…", cannot: "在线咨询暂时无法连接，请通过其他方式联系我们。", newMessage: "新消息", answering: "{n} 为您服务", nowWith: "现在由 {n} 为您服务",
      seesDraft: "您输入的内容在发送前客服即可看到。",
      attach: "发送文件", uploading: "上传中…", tooBig: "文件不能超过 {n}。", drop: "将文件拖到这里发送",
      wait: "消息发送太多了，{n}后可以继续发送。", sec: "{n}秒", min: "{n}分钟",
      err: {
        rate_limited: "发送太快了，请稍等片刻。",
        too_long: "消息太长了。",
        frame_too_large: "消息太长了。",
        origin_not_allowed: "此页面未开通在线咨询。",
        unknown_site: "本网站尚未设置在线咨询。",
        unavailable: "服务暂时出现问题，您的消息稍后会重新发送。",
        conversation_closed: "本次会话已结束。",
        other: "出错了，请重试。"
      }
    },
    mn: {
      open: "Чат нээх", close: "Чатыг хураах", title: "Бидэнтэй чатлаарай", send: "Илгээх",
      placeholder: "Зурвас бичих…", online: "Бид онлайн байна, хэдхэн минутад хариулна",
      offline: "Бид ихэвчлэн {h} цагийн дотор хариулдаг", sending: "Илгээж байна…", sent: "Илгээсэн", seen: "Харсан",
      failed: "Илгээгдээгүй", retry: "Дахин оролдох", typing: "{n} бичиж байна…", agent: "Ажилтан", you: "Та",
      withdrawn: "Зурвасыг буцаан татсан", closed: "Энэ чат дууслаа. Хүссэн үедээ дахин бичээрэй.",
      reconnecting: "Дахин холбогдож байна…", cannot: "Чат одоогоор холбогдож чадахгүй байна. Бидэнтэй өөр аргаар холбогдоно уу.", newMessage: "Шинэ зурвас", answering: "{n} танд хариулж байна", nowWith: "Одоо {n} танд хариулж байна",
      seesDraft: "Таны бичиж буй зүйлийг илгээхээс өмнө манай ажилтнууд харна.",
      attach: "Файл илгээх", uploading: "Илгээж байна…", tooBig: "Файл {n}-аас ихгүй байх ёстой.", drop: "Файлаа энд чирж илгээнэ үү",
      wait: "Хэт олон зурвас илгээлээ. {n} дараа дахин бичнэ үү.", sec: "{n}\u00a0секундын", min: "{n}\u00a0минутын",
      err: {
        rate_limited: "Та хэт хурдан илгээж байна. Түр хүлээнэ үү.",
        too_long: "Зурвас хэт урт байна.",
        frame_too_large: "Зурвас хэт урт байна.",
        origin_not_allowed: "Энэ хуудсанд чат идэвхгүй байна.",
        unknown_site: "Энэ сайтад чат тохируулаагүй байна.",
        unavailable: "Үйлчилгээнд алдаа гарлаа. Таны зурвасыг дахин илгээнэ.",
        conversation_closed: "Энэ чат дууссан.",
        other: "Алдаа гарлаа. Дахин оролдоно уу."
      }
    }
  };
  var lang = "en";
  function pickLanguage(wanted) {
    var l = (wanted || (navigator.languages && navigator.languages[0]) || navigator.language || "en").toLowerCase();
    return l.indexOf("zh") === 0 ? "zh-CN" : l.indexOf("mn") === 0 ? "mn" : "en";
  }
  function t(key, n) {
    var s = WORDS[lang][key] || WORDS.en[key];
    return n == null ? s : s.replace(/\{[hn]\}/g, function () { return n; });
  }

  /* ------------------------------------------------------------ storage (may throw) */
  var PREFIX = "parley:" + SITE + ":";
  function load(key, fallback, tab) {   // tab: sessionStorage (this tab, this visit)
    try { var v = (tab ? sessionStorage : localStorage).getItem(PREFIX + key); return v == null ? fallback : JSON.parse(v); }
    catch (e) { return fallback; }
  }
  function save(key, value, tab) {
    try { (tab ? sessionStorage : localStorage).setItem(PREFIX + key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }

  /* ------------------------------------------------------------ state */
  var token = load("token", null);
  var outbox = load("outbox", []);           // [{id, text, ts}] not yet acknowledged
  var isOpen = load("open", false);
  var profileSent = load("profile", false);
  var site = { name: "", logo_url: "", prechat: [], reply_hours: 24, typing_preview: true };
  var siteLanguage = "", apiLanguage = "";
  var ws = null, connected = false, attempt = 0, retryTimer = 0, welcomed = false, blocked = false;
  var hold = 0, holdTimer = 0;               // a wait ends (performance.now())
  var conversation = null;                   // open conversation id
  var lastSeq = 0;                           // highest seq shown without gaps
  var epoch = "";                            // whose history those seqs are (protocol §5.4)
  var theirSeq = 0, readSent = 0, agentRead = 0;   // read receipts
  var rows = {};                             // client id → row element
  var agentsOnline = false, shut = false, unread = 0, agentName = "";
  var agent = null;                          // {name, avatar_url} of who answers, once known
  var former = null;                         // who answered before the chat went back in line
  var queueAt = null;                        // the relay's last `queue` frame while waiting (position > 0)
  var since = 0;                             // when the open conversation began (the relay's clock)
  var pendingProfile = load("pendingProfile", null), lastProfile = {};
  var lastPage = null;
  var filesUrl = "", maxFileBytes = 0, blobs = {};   // blobs: file id → object URL
  var skew = 0;                              // the relay's clock minus ours, in seconds
  var autoReply = load("auto", null, 1);     // {id, text, ts, unread}: an expired invitation's line

  /* ------------------------------------------------------------ DOM */
  function el(tag, cls, text) {
    // All text goes on screen here, each a bidi isolate: a U+202E cannot reverse what follows
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) { e.textContent = text; e.dir = "auto"; }
    return e;
  }
  function fill(into, key, name) {   // "{n} is typing…", the name isolated
    var parts = t(key).split("{n}");
    into.textContent = parts[0];
    into.appendChild(el("span", null, name));
    into.appendChild(d.createTextNode(parts[1]));
  }
  var host = d.createElement("parley-chat");
  host.style.cssText = (   // CSSOM: a strict CSP refuses a style attribute
    "all:initial!important;position:fixed!important;right:0!important;bottom:0!important;" +
    "width:0!important;height:0!important;display:block!important;z-index:2147483000!important;" +
    "visibility:hidden!important");
  function icon(into, path) {   // no innerHTML: Trusted Types
    var svg = d.createElementNS("http://www.w3.org/2000/svg", "svg"), p = d.createElementNS(svg.namespaceURI, "path");
    svg.setAttribute("viewBox", "0 0 24 24"); svg.setAttribute("aria-hidden", "true");
    p.setAttribute("d", path); svg.appendChild(p); into.appendChild(svg);
  }
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  function stylesheet(name) {
    var link = el("link"); link.rel = "stylesheet"; link.href = FILES + name; root.appendChild(link);
    return link;
  }
  stylesheet("widget.css").onload = function () { host.style.setProperty("visibility", "visible", "important"); };

  var launcher = el("button", "launcher");
  launcher.type = "button";
  icon(launcher, "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
  var badge = el("span", "badge"); badge.hidden = true; launcher.appendChild(badge);

  var panel = el("section", "panel"); panel.setAttribute("role", "dialog");
  var head = el("header", "head");
  var logo = el("span", "logo"); logo.setAttribute("aria-hidden", "true");
  var heading = el("div", "heading");
  var titleEl = el("h2", "title", ""), statusEl = el("p", "status");
  heading.appendChild(titleEl); heading.appendChild(statusEl);
  var minimise = el("button", "minimise", "\u2013"); minimise.type = "button";
  head.appendChild(logo); head.appendChild(heading); head.appendChild(minimise);
  var notice = el("p", "notice"); notice.setAttribute("role", "status"); notice.hidden = true;
  var log = el("div", "log"); log.setAttribute("role", "log"); log.setAttribute("aria-live", "polite");
  var typingEl = el("p", "typing"); typingEl.hidden = true;
  var seen = el("div", "seen", "");
  var draftNote = el("p", "draft-note"); draftNote.hidden = true;
  var form = el("form", "compose");
  var input = el("textarea"); input.rows = 1; input.maxLength = MAX_TEXT;
  var sendButton = el("button", "send"); sendButton.type = "submit";
  icon(sendButton, "M3 20l18-8L3 4v6l12 2-12 2z");
  var attach = el("button", "attach"); attach.type = "button"; attach.hidden = true;
  icon(attach, "M16.5 6.5l-7.8 7.8a1.8 1.8 0 0 0 2.5 2.5l8-8a3.5 3.5 0 0 0-5-5l-8.2 8.2a5.3 5.3 0 0 0 7.5 7.5l7-7-1.4-1.4-7 7a3.3 3.3 0 0 1-4.7-4.7l8.2-8.2a1.5 1.5 0 0 1 2.1 2.1l-8 8-.1-.1 7.8-7.8z");
  var picker = el("input"); picker.type = "file"; picker.hidden = true;
  form.appendChild(attach); form.appendChild(picker);
  form.appendChild(input); form.appendChild(sendButton);
  var sheet = el("form", "sheet"); sheet.hidden = true; sheet.noValidate = true;   // pre-chat and offline forms
  panel.appendChild(head); panel.appendChild(notice); panel.appendChild(log);
  panel.appendChild(sheet); panel.appendChild(typingEl); panel.appendChild(draftNote);
  panel.appendChild(form);
  root.appendChild(panel); root.appendChild(launcher);

  function applyWords() {
    lang = pickLanguage(apiLanguage || siteLanguage);
    panel.setAttribute("lang", lang);
    launcher.setAttribute("aria-label", t("open"));
    minimise.setAttribute("aria-label", t("close"));
    input.setAttribute("placeholder", t("placeholder"));
    input.setAttribute("aria-label", t("placeholder"));
    sendButton.setAttribute("aria-label", t("send"));
    attach.setAttribute("aria-label", t("attach")); attach.title = t("attach");
    panel.setAttribute("data-drop", t("drop"));
    draftNote.textContent = t("seesDraft"); seen.textContent = t("seen");
    [].forEach.call(log.querySelectorAll(".event"), function (p) { fill(p, "nowWith", p.who); });
    draftNote.hidden = !(site.typing_notice && site.typing_preview !== false);
    titleEl.textContent = site.name || t("title");
    panel.setAttribute("aria-label", titleEl.textContent);
    // The agent's photo once someone answers; until then the site's logo.
    if (agent && conversation) face(logo, agent.avatar_url, agent.name); else face(logo, site.logo_url, site.name);
    renderSheet();
    status();
    if (invites) invites();
  }
  function status() {   // shut: the pre-chat form shows a closed department (widget-chat.js)
    var on = agentsOnline && !shut;
    if (agent && conversation) fill(statusEl, "answering", agent.name);
    else statusEl.textContent = on ? t("online") : t("offline", site.reply_hours);
    statusEl.className = "status " + (on ? "on" : "off");
  }
  function face(into, url, name) {   // a photo (http(s) only), else the name's first letter
    into.textContent = "";
    if (/^https?:\/\//.test(url)) {
      var img = el("img"); img.alt = ""; img.src = url; into.appendChild(img);
    } else {
      into.textContent = ((name || "").match(/[^\s\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u) || "P")[0].toUpperCase();
    }
  }

  /* ------------------------------------------------------------ messages */
  function clock(ts) {
    var t0 = new Date(ts * 1000);
    return ("0" + t0.getHours()).slice(-2) + ":" + ("0" + t0.getMinutes()).slice(-2);
  }
  function linkify(into, text) {
    // Only http(s) links become links; everything is text nodes, never HTML.
    var re = /https?:\/\/[^\s<>"']+/g, at = 0, m;
    while ((m = re.exec(text))) {
      into.appendChild(d.createTextNode(text.slice(at, m.index)));
      var a = el("a", null, m[0]); a.href = m[0]; a.target = "_blank"; a.rel = "noopener noreferrer";
      into.appendChild(a);
      at = m.index + m[0].length;
    }
    into.appendChild(d.createTextNode(text.slice(at)));
  }
  function row(id, mine) {
    var r = rows[id];
    if (r) return r;
    r = rows[id] = el("div", "msg " + (mine ? "mine" : "theirs"));
    r.bubble = el("div", "bubble", "");
    r.meta = el("div", "meta");
    r.appendChild(r.bubble); r.appendChild(r.meta);
    log.appendChild(r);
    return r;
  }
  function showMessage(m) {   // m: ChatMessage from the relay
    var mine = m.author === "visitor";
    var r = row(m.id, mine);
    r.seq = m.seq; r.m = m;
    r.bubble.textContent = "";
    if (m.reply_to) {
      var q = m.reply_to, quote = el("div", "quote");
      quote.appendChild(el("b", null, q.author === "visitor" ? t("you") : q.author_name || t("agent")));
      quote.appendChild(el("span", null, q.withdrawn ? t("withdrawn") : q.text));
      r.bubble.appendChild(quote);
    }
    if (m.withdrawn) r.bubble.appendChild(el("i", null, t("withdrawn")));
    else if (m.file) r.bubble.appendChild(fileView(m.file));
    else if (mine) r.bubble.appendChild(d.createTextNode(m.text)); else linkify(r.bubble, m.text);
    r.meta.textContent = "";
    if (!mine) r.meta.appendChild(el("span", null, m.author_name || t("agent")));
    r.meta.appendChild(d.createTextNode(mine ? clock(m.ts) + " \u00b7 " + t("sent") : " \u00b7 " + clock(m.ts)));
    r.meta.title = new Date(m.ts * 1000).toLocaleString(lang);   // the exact time on hover
    r.className = "msg " + (mine ? "mine" : "theirs") + (m.withdrawn ? " withdrawn" : "");
    if (!mine && m.author_name) agentName = m.author_name;
    placeInOrder(r);
    if (mine) showSeen();
    scrollDown();
  }
  function handover(name, at, key) {   // "You are now chatting with …", a line among the messages
    var id, r;                 // live: after the newest shown (lastSeq can lag: a note leaves a gap)
    if (at == null) for (id in rows) if (rows[id].seq > (at || 0)) at = rows[id].seq;
    r = rows[key = key || "handover-" + at + name] = rows[key] || el("p", "event");
    r.seq = (at + Math.floor(at) + 1) / 2; r.who = name; fill(r, "nowWith", name);
    placeInOrder(r); scrollDown();
  }
  // The relay stores no such line: after a reload or in another tab, the welcome's agent is
  // said again after the last message of another agent (none: the header says who answers).
  function recall() {
    var at = 0, id, m;
    if (!agent) return;
    for (id in rows) if ((m = rows[id].m) && m.conversation === conversation && m.author === "agent" && m.author_name !== agent.name && m.seq > at) at = m.seq;
    for (id in rows) if (rows[id].who === agent.name && rows[id].seq > at) at = 0;   // said already
    if (at) handover(agent.name, at, "recalled");
  }
  /* files: fetched with the token in a header, shown from a blob; images previewed */
  function size(n) { return n >= 1048576 ? (n / 1048576).toFixed(1) + " MB" : n >= 1024 ? Math.round(n / 1024) + " KB" : n + " B"; }
  function fetchFile(f) {
    if (blobs[f.id]) return Promise.resolve(blobs[f.id]);
    return w.fetch(filesUrl + "/" + encodeURIComponent(f.id), { headers: { Authorization: "Visitor " + token, "X-Parley-Site": SITE } })
      .then(function (res) { if (!res.ok) throw new Error(res.status); return res.blob(); })
      .then(function (blob) { return (blobs[f.id] = URL.createObjectURL(blob)); });
  }
  function fileView(f) {
    var box = el("button", "file"); box.type = "button";
    box.title = f.name;
    box.onclick = function () {
      fetchFile(f).then(function (url) { var a = el("a"); a.href = url; a.download = f.name; root.appendChild(a); a.click(); a.remove(); }, function () {});
    };
    if (/^image\/(png|jpeg|gif|webp)$/.test(f.type)) {
      var img = el("img", "thumb"); img.alt = f.name; img.onload = scrollDown; box.appendChild(img);
      fetchFile(f).then(function (url) { img.src = url; }, function () { img.remove(); });
    }
    box.appendChild(el("span", "fname", f.name));
    box.appendChild(el("span", "fsize", size(f.size)));
    return box;
  }
  function upload(file) {
    if (!file || !filesUrl || !token) return;
    if (file.size > maxFileBytes) { noticeText(t("tooBig", size(maxFileBytes))); return; }
    var item = { id: uid(), text: file.name.slice(0, 255) || "file", ts: Date.now() / 1000 };
    showPending(item, false, true);
    w.fetch(filesUrl, {
      method: "POST", body: file,
      headers: { Authorization: "Visitor " + token, "X-Parley-Site": SITE, "X-File-Name": encodeURIComponent(item.text) }
    }).then(function (res) {
      if (res.status === 413) throw new Error("big");    // also a proxy's own limit page
      return res.json().then(function (body) {
        if (!res.ok) throw new Error(body.code);
        item.file = body.file.id; item.attachment = body.file;
        outbox.push(item); save("outbox", outbox);
        showPending(item, false); transmit(item);
      });
    }).catch(function (e) {
      noticeText(e.message === "big" ? t("tooBig", size(maxFileBytes)) : WORDS[lang].err[e.message] || WORDS[lang].err.other);
      var r = rows[item.id]; if (r) { r.remove(); delete rows[item.id]; }
    });
  }

  function showPending(item, failed, uploading) {
    var r = row(item.id, true);
    r.bubble.textContent = "";
    if (item.attachment) r.bubble.appendChild(fileView(item.attachment)); else r.bubble.textContent = item.text;
    r.meta.textContent = "";
    r.className = "msg mine " + (failed ? "failed" : "sending");
    r.meta.appendChild(d.createTextNode(clock(item.ts) + " \u00b7 " + t(failed ? "failed" : uploading ? "uploading" : "sending")));
    if (failed) {
      var retry = el("button", "retry", t("retry")); retry.type = "button";
      retry.onclick = function () { showPending(item, false); transmit(item); };
      r.meta.appendChild(d.createTextNode(" ")); r.meta.appendChild(retry);
    }
    scrollDown();
  }
  function placeInOrder(r) {
    // Stored messages are ordered by seq; pending ones stay at the end.
    var kids = log.children, i;
    for (i = 0; i < kids.length; i++) {
      var k = kids[i];
      if (k !== r && (k.seq == null || k.seq > r.seq)) { log.insertBefore(r, k); return; }
    }
    if (r.parentNode !== log || r !== log.lastChild) log.appendChild(r);
  }
  function scrollDown() { log.scrollTop = log.scrollHeight; }
  /* read receipts */
  function showSeen() {
    var best = null;
    for (var id in rows) {
      var m = rows[id].m;
      if (m && m.author === "visitor" && m.conversation === conversation && m.seq <= agentRead && (!best || m.seq > best.m.seq)) best = rows[id];
    }
    if (best) best.appendChild(seen); else seen.remove();
  }
  function readUp() {
    if (isOpen && !d.hidden && conversation && theirSeq > readSent && lastSeq > readSent &&
        frame({ type: "read", conversation: conversation, seq: lastSeq })) readSent = lastSeq;
  }
  function noticeText(text) {
    notice.textContent = text || ""; notice.hidden = !text;
  }

  /* ------------------------------------------------------------ sending */
  function uid() {
    if (w.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function frame(obj) {
    if (!connected || performance.now() < hold) return false;
    try { ws.send(JSON.stringify(obj)); return true; } catch (e) { return false; }
  }
  function transmit(item) { frame(item.file ? { type: "message", id: item.id, text: item.text, file: item.file } : { type: "message", id: item.id, text: item.text }); }
  function sendText(text) {
    text = text.replace(/\s+$/, "");
    if (!text.replace(/\s/g, "")) return;
    var item = { id: uid(), text: text.slice(0, MAX_TEXT), ts: Date.now() / 1000 };
    outbox.push(item); save("outbox", outbox);
    showPending(item, false);
    transmit(item);
    if (typingSent) { typingSent = ""; frame({ type: "typing", text: "" }); }
  }
  function acknowledged(ack) {
    for (var i = 0; i < outbox.length; i++) {
      if (outbox[i].id === ack.id) {
        var item = outbox.splice(i, 1)[0]; save("outbox", outbox);
        showMessage({ id: ack.id, conversation: ack.conversation, seq: ack.seq, ts: ack.ts, text: item.text, author: "visitor", file: item.attachment });
        break;
      }
    }
    conversation = ack.conversation;
    if (ack.seq === lastSeq + 1) lastSeq = ack.seq;
  }

  /* typing preview: at most one frame per PREVIEW_MS, the newest text wins */
  var typingSent = "", typingTimer = 0;
  function previewSoon() {
    if (typingTimer || site.typing_preview === false) return;
    typingTimer = setTimeout(function () {
      typingTimer = 0;
      if (input.value !== typingSent) { typingSent = input.value; frame({ type: "typing", text: input.value.slice(0, MAX_TEXT) }); }
    }, PREVIEW_MS);
  }

  /* ------------------------------------------------------------ forms: widget-chat.js draws them */
  // As the relay's rules (relay/core/contact.py) or stricter: it refuses the whole profile.
  function isEmail(v) { return v.length < 201 && /^[^\s@\x1c-\x1f\x85]+@([^\s@.\x1c-\x1f\x85]+\.)+[^\s@.\x1c-\x1f\x85]{2,}$/.test(v); }
  function isPhone(v) { var n = v.replace(/\D/g, "").length; return v.length < 201 && /^\+?[\d ().-]+$/.test(v) && n > 4 && n < 21; }
  function sheetMode() {
    // An expired invitation's line (no conversation) leaves the forms in place.
    if (!welcomed || conversation || [].some.call(log.children, function (r) { return !r.m || r.m.conversation; })) return "";
    if (!agentsOnline) return "offline";
    if (site.prechat && site.prechat.length && !profileSent) return "prechat";
    return "";
  }
  function renderSheet() { if (forms) forms(sheetMode()); }
  function setProfile(p, filled) {   // the relay refuses a malformed e-mail or phone; filled: in a form
    if (filled) { profileSent = true; save("profile", true); }
    var email = String(p.email || "").trim(), phone = String(p.phone || "").trim();
    pendingProfile = lastProfile = { type: "profile", name: String(p.name || "").slice(0, 100), email: isEmail(email) ? email : "", phone: isPhone(phone) ? phone : "", department: +p.department || undefined };
    save("pendingProfile", pendingProfile);
    if (frame(pendingProfile)) { pendingProfile = null; save("pendingProfile", null); }
  }

  /* ------------------------------------------------------------ the connection */
  function page() {
    return { url: location.href.slice(0, 2048), title: (d.title || "").slice(0, 300), referrer: (d.referrer || "").slice(0, 2048) };
  }
  function connect() {
    if (performance.now() < hold) return;   // tick() connects
    clearTimeout(retryTimer);
    if (blocked || ws && ws.readyState < 2) return;
    try { ws = new WebSocket(RELAY.replace(/^http/, "ws") + "/ws/visitor"); }
    catch (e) { return retry(); }
    ws.onopen = function () {
      connected = true;
      lastPage = page();
      frame({ type: "hello", v: V, site: SITE, token: token, page: lastPage });
    };
    ws.onmessage = function (e) {
      var f; try { f = JSON.parse(e.data); } catch (x) { return; }
      receive(f);
    };
    ws.onclose = function (e) {
      var wasWelcomed = welcomed;
      connected = false; welcomed = false; ws = null;
      if (e.code === 1008 || performance.now() < hold) return;   // refused by policy, or told to wait
      if (wasWelcomed && isOpen) noticeText(t("reconnecting"));
      retry();
    };
  }
  function retry() {
    // Exponential backoff with jitter: 1 s doubling to 30 s, ±50 %. Four failures (about
    // 15 s) before saying it cannot connect: a relay restarting takes ten.
    if (attempt > 3) noticeText(t("cannot"));
    var base = Math.min(30000, 1000 * Math.pow(2, attempt++));
    retryTimer = setTimeout(connect, base / 2 + Math.random() * base);
  }
  // rate_limited (§5.8, §8): a known pause, no failure; nothing is sent, not even a hello
  function pause(s) {   // s: retry_after if a number, at most 15 min
    hold = performance.now() + Math.min(s === +s && s >= 0 ? s : 1, 900) * 1e3;
    attempt = 0; clearTimeout(holdTimer); tick(1);
  }
  function tick(fresh) {
    var left = hold - performance.now(), unit = left > 6e4 ? 6e4 : 1e3;
    notice.setAttribute("aria-live", left > 0 && !fresh ? "off" : "polite");   // read out once
    if (left > 0) {
      noticeText(t("wait", t(unit > 1e3 ? "min" : "sec", Math.ceil(left / unit))));
      holdTimer = setTimeout(tick, left % unit || unit);
    } else {
      noticeText("");
      if (connected) { readSent = 0; catchUp(); pageView(); } else retryTimer = setTimeout(connect, Math.random() * 1e3);
    }
  }
  function catchUp() {
    if (conversation) frame({ type: "resume", conversation: conversation, after_seq: lastSeq });
    if (pendingProfile && frame(pendingProfile)) { pendingProfile = null; save("pendingProfile", null); }
    outbox.forEach(transmit);        // resend what was never acknowledged (same ids)
  }
  function receive(f) {
    switch (f.type) {
      case "welcome":
        if (epoch && f.epoch && f.epoch !== epoch) forget();
        epoch = f.epoch || epoch;
        welcomed = true; attempt = 0; token = f.token; save("token", token);
        site = f.site || site; siteLanguage = site.language || "";
        agentsOnline = f.agents_online; skew = f.server_time - Date.now() / 1000 || 0;
        if (f.conversation) {
          conversation = f.conversation.id; since = f.conversation.created_at; readSent = f.conversation.visitor_read_seq || 0; agentRead = f.conversation.agent_read_seq || 0;
        }
        agent = f.agent || null;
        filesUrl = f.files_url || ""; maxFileBytes = f.max_file_bytes || 0; attach.hidden = !filesUrl;
        if (agent) agentName = agent.name;
        if (f.name || f.email || f.phone) { profileSent = true; save("profile", true); }
        noticeText("");
        applyWords();
        if (autoReply) siteSays(autoReply);
        catchUp();
        break;
      case "ack": acknowledged(f); renderSheet(); break;
      case "history":
        f.messages.forEach(deliver);
        if (f.conversation === conversation && f.through > lastSeq) lastSeq = f.through;
        recall(); readUp();
        if (f.more) frame({ type: "resume", conversation: f.conversation, after_seq: f.through });
        renderSheet();
        break;
      case "message": deliver(f.message, true); break;
      case "typing":
        clearTimeout(typingEl.timer);
        typingEl.hidden = !f.active;
        fill(typingEl, "typing", f.name || agentName || t("agent"));
        if (f.active) typingEl.timer = setTimeout(function () { typingEl.hidden = true; }, 8000);
        break;
      case "presence": agentsOnline = f.agents_online; applyWords(); break;
      case "agent_joined":   // another agent than the one answering: a transfer or a take-over
        var was = agent || former; former = null;
        if (was && conversation === f.conversation && (was.name !== f.agent.name || was.avatar_url !== f.agent.avatar_url)) handover(f.agent.name);
        agent = f.agent; agentName = agent.name; conversation = f.conversation; queueAt = null; applyWords();
        break;
      case "queue":   // stamped: when it came, and since when they wait (the relay's clock)
        f.at = Date.now() / 1000 + skew; f.since = since || f.at; queueAt = f.position > 0 ? f : null;
        if (queueAt && agent) { former = agent; agent = null; applyWords(); }   // in line again: nobody answers
        else renderSheet();
        break;
      case "conversation_opened":
        conversation = f.conversation.id; since = f.conversation.created_at; lastSeq = theirSeq = readSent = agentRead = 0; renderSheet();
        if (invites) invites(f);
        break;
      case "invitation": case "invitation_ended": invited(f); break;
      case "read": if (f.conversation === conversation && f.seq > agentRead) { agentRead = f.seq; showSeen(); } break;
      case "conversation_closed":
        if (f.conversation === conversation) {
          conversation = queueAt = agent = null; lastSeq = theirSeq = readSent = agentRead = 0; noticeText(t("closed")); applyWords();
          for (var id in rows) rows[id].seq = -1;   // earlier chat stays above the next one
        }
        break;
      case "withdrawn":
        for (var key in rows) {
          var shown = rows[key];
          if (shown.m && shown.m.conversation === f.conversation && shown.m.seq === f.seq) {
            shown.m.withdrawn = true; shown.m.text = ""; showMessage(shown.m);
          }
        }
        break;
      case "error": refused(f); break;
    }
  }
  function forget() {   // another epoch: seqs mean other messages; refetch (outbox stays)
    for (var id in rows) if (rows[id].m || rows[id].who) { rows[id].remove(); delete rows[id]; }
    conversation = agent = queueAt = null; lastSeq = theirSeq = readSent = agentRead = 0;
  }
  function deliver(m, live) {
    if (m.conversation !== conversation && conversation != null) return;
    conversation = m.conversation;
    if (m.seq <= lastSeq && rows[m.id]) return;             // shown already
    if (live && m.seq > lastSeq + 1) {                        // a gap: fetch what is missing
      frame({ type: "resume", conversation: m.conversation, after_seq: lastSeq });
    }
    for (var i = 0; i < outbox.length; i++) {                 // ours, from another tab
      if (outbox[i].id === m.id) { outbox.splice(i, 1); save("outbox", outbox); break; }
    }
    if (autoReply && m.id === autoId(autoReply)) save("auto", autoReply = null, 1);   // in the chat now
    showMessage(m);
    if (m.seq === lastSeq + 1) lastSeq = m.seq;
    if (m.author !== "visitor") {
      theirSeq = Math.max(theirSeq, m.seq);
      if (live) { typingEl.hidden = true; attention(); readUp(); }
    }
  }
  function refused(f) {
    if (f.code === "rate_limited") return pause(f.retry_after);
    // A department gone since the welcome: the rest of the profile again, without it
    var gone = /^department:/.test(f.detail) && lastProfile.department;
    if (gone) { lastProfile.department = 0; setProfile(lastProfile); }
    noticeText(gone && t("noDepartment") || WORDS[lang].err[f.code] || WORDS[lang].err.other);
    for (var i = 0; i < outbox.length; i++) {
      if (outbox[i].id === f.ref) {
        var item = outbox[i];
        if (f.code !== "unavailable") { outbox.splice(i, 1); save("outbox", outbox); }
        showPending(item, true);
      }
    }
  }

  /* ------------------------------------------------------------ parts loaded on demand */
  function need(name, then) {   // widget/NAME, a module: fetched like widget.js (script-src), no global, no Trusted Types sink
    import(FILES + name).then(function (m) { then(m.default(shared)); }, function () { then(null); });   // unreachable: do without
  }
  var shared = {   // what the parts may use
    el: el, t: t, face: face, icon: icon, words: WORDS, root: root, launcher: launcher, files: FILES, frame: frame, send: sendText,
    sheet: sheet, form: form, log: log, input: input, maxText: MAX_TEXT, notice: noticeText,
    isEmail: isEmail, isPhone: isPhone, setProfile: setProfile,
    site: function () { return site; }, queue: function () { return queueAt; }, lang: function () { return lang; }, isOpen: function () { return isOpen; },
    open: function () { setOpen(true); }, shut: function (closed) { shut = closed; status(); }, now: function () { return Date.now() / 1000 + skew; },
    siteSays: function (id, text) { siteSays(autoReply = { id: id, text: text, ts: Date.now() / 1000, unread: !isOpen }); }
  };
  /* invitations: widget-invite.js, loaded with the first */
  var invites = null, invitesDue = [];   // invites(frame), or invites() when words or the panel change
  function invited(f) {
    if (invites) return invites(f);
    if (invitesDue.push(f) < 2) need("widget-invite.js", function (m) { if (m) { invites = m; invitesDue.forEach(m); } });
  }
  // The line stays for this visit (this tab), with a quiet badge until the chat is opened. Its
  // row has the id of the message the relay stores it as when the visitor writes: one row.
  function autoId(a) { return "invitation-" + a.id + "-auto-reply"; }
  function siteSays(a) {
    if (rows[autoId(a)]) return;
    save("auto", a, 1);
    showMessage({ id: autoId(a), seq: -1, author: "system", author_name: site.name || t("title"), text: a.text, ts: a.ts });
    if (a.unread && !isOpen) count();
  }

  /* ------------------------------------------------------------ attention: badge, title, sound */
  var baseTitle = d.title, blink = 0, audio = null;
  function count() { unread++; badge.textContent = unread > 9 ? "9+" : String(unread); badge.hidden = false; }
  function attention() {
    if (!isOpen) count();
    if (d.hidden) {
      if (!blink) {
        baseTitle = d.title;
        blink = setInterval(function () { d.title = d.title === baseTitle ? "(" + Math.max(unread, 1) + ") " + t("newMessage") : baseTitle; }, 1000);
      }
      beep();
    }
  }
  function beep() {
    if (!audio) return;       // browsers allow sound only after the visitor's first gesture
    try {
      var o = audio.createOscillator(), g = audio.createGain();
      o.frequency.value = 880; g.gain.value = 0.06;
      o.connect(g); g.connect(audio.destination);
      o.start(); o.stop(audio.currentTime + 0.15);
    } catch (e) { /* no sound */ }
  }
  function unlockSound() {
    var Ctx = w.AudioContext || w.webkitAudioContext;
    if (!audio && Ctx) { try { audio = new Ctx(); } catch (e) { audio = null; } }
    d.removeEventListener("pointerdown", unlockSound, true);
    d.removeEventListener("keydown", unlockSound, true);
  }
  d.addEventListener("pointerdown", unlockSound, true);
  d.addEventListener("keydown", unlockSound, true);

  /* ------------------------------------------------------------ opening and closing */
  // The panel's styles and forms (widget-chat.*) come when it first opens; it shows once they have.
  var forms = null, chatAsked = false, chatParts = 0, focusDue = false;
  function chatArrived() { if (++chatParts > 1) { renderSheet(); if (isOpen) setOpen(true, !focusDue); } }
  function focusIn() {   // unless the visitor has already put the cursor somewhere in the panel
    var at = root.activeElement || d.activeElement;
    if (at && at !== launcher && panel.contains(at)) return;
    (sheet.hidden ? input : sheet.querySelector("select,input,textarea") || input).focus();
  }
  function setOpen(open, quiet) {
    isOpen = open; save("open", open);
    if (open && !chatAsked) {
      chatAsked = true;
      stylesheet("widget-chat.css").onload = chatArrived;
      need("widget-chat.js", function (m) { forms = m; chatArrived(); });
    }
    var ready = chatParts > 1;
    panel.classList.toggle("open", open && ready);
    launcher.classList.toggle("open", open);
    launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      unread = 0; badge.hidden = true;
      if (autoReply && autoReply.unread) { autoReply.unread = false; save("auto", autoReply, 1); }
      if (ready) { scrollDown(); readUp(); if (!quiet) setTimeout(focusIn, 30); } else focusDue = !quiet;
    }
    if (invites) invites();
  }
  launcher.onclick = function () { setOpen(!isOpen); if (!isOpen) launcher.focus(); };
  minimise.onclick = function () { setOpen(false); launcher.focus(); };
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { setOpen(false); launcher.focus(); } });
  form.onsubmit = function (e) { e.preventDefault(); sendText(input.value); input.value = ""; input.style.height = ""; };
  attach.onclick = function () { picker.click(); };
  picker.onchange = function () { upload(picker.files[0]); picker.value = ""; };
  panel.addEventListener("dragover", function (e) {
    if (!filesUrl || form.hidden || !e.dataTransfer || [].indexOf.call(e.dataTransfer.types, "Files") < 0) return;
    e.preventDefault(); panel.classList.add("dropping");
  });
  panel.addEventListener("dragleave", function (e) { if (e.target === panel || !panel.contains(e.relatedTarget)) panel.classList.remove("dropping"); });
  panel.addEventListener("drop", function (e) {
    panel.classList.remove("dropping");
    if (!filesUrl || form.hidden || !e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault(); upload(e.dataTransfer.files[0]);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.onsubmit(e); }
  });
  input.addEventListener("input", function () {
    input.style.height = ""; input.style.height = Math.min(input.scrollHeight, 120) + "px";
    previewSoon();
  });

  /* ------------------------------------------------------------ page views */
  function pageView() {
    var now = page();
    if (lastPage && now.url === lastPage.url) return;
    if (frame({ type: "page_view", page: now })) lastPage = now;
  }
  ["pushState", "replaceState"].forEach(function (name) {
    var original = history[name];
    history[name] = function () { var r = original.apply(this, arguments); setTimeout(pageView, 0); return r; };
  });
  w.addEventListener("popstate", pageView);
  w.addEventListener("pagehide", function () { frame({ type: "page_leave" }); });
  d.addEventListener("visibilitychange", function () {
    if (d.hidden) { frame({ type: "page_leave" }); return; }
    clearInterval(blink); blink = 0; d.title = baseTitle; readUp();
    if (connected) { lastPage = null; pageView(); } else { attempt = 0; connect(); }
  });
  w.addEventListener("online", function () { attempt = 0; connect(); });
  // Exit intent: on a desktop, the pointer leaves through the top (towards the tabs); once a page.
  var exitFrom = "";
  d.addEventListener("mouseout", function (e) {
    if (!e.relatedTarget && e.clientY <= 0 && exitFrom !== location.href && w.innerWidth > 600 &&
        w.matchMedia("(hover: hover) and (pointer: fine)").matches && frame({ type: "exit_intent" })) exitFrom = location.href;
  });
  // The page's CSP refused our socket (for good: no retrying), or uploads (no paperclip).
  // A report-only policy refuses nothing.
  d.addEventListener("securitypolicyviolation", function (e) {
    var u = e.disposition === "report" ? "" : e.blockedURI || "";
    if (!u.indexOf(RELAY.replace(/^http/, "ws"))) { blocked = true; noticeText(t("cannot")); }
    else if (filesUrl && !u.indexOf(filesUrl)) attach.hidden = true;
  });

  /* ------------------------------------------------------------ the page's API */
  var api = {
    open: function () { setOpen(true); },
    close: function () { setOpen(false); },
    toggle: function () { setOpen(!isOpen); },
    setVisitor: function (p) { if (p && typeof p === "object") setProfile(p); },
    setLanguage: function (code) { apiLanguage = String(code || ""); applyWords(); }
  };
  function Parley(command) {
    var fn = api[command];
    if (typeof fn === "function") fn.apply(null, Array.prototype.slice.call(arguments, 1));
  }
  Parley.loaded = true;
  var queued = (w.Parley && w.Parley.q) || [];
  w.Parley = Parley;

  function start() {
    (d.body || d.documentElement).appendChild(host);
    applyWords();
    setOpen(isOpen);
    outbox.forEach(function (item) { showPending(item, false); });
    for (var i = 0; i < queued.length; i++) Parley.apply(null, queued[i]);
    connect();
  }
  if (d.body) start(); else d.addEventListener("DOMContentLoaded", start);
})();
