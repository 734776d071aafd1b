/* Parley visitor widget: the part that comes with the first proactive invitation (widget.js
   imports it when the relay sends `invitation`; widget-invite.css comes with it). It only
   shows what the relay sends and reports what the visitor did (docs/protocol.md): the relay
   decides when, to whom and in which style. Its words join widget.js's language tables.
   Code map in widget_static/README.md. */
var WORDS = {
  en: {
    chatNow: "Chat now", later: "Later", dismiss: "Close", reply: "Write a reply…",
    answer: "Your answer", thankYou: "Thank you!"
  },
  "zh-CN": {
    chatNow: "立即咨询", later: "稍后再说", dismiss: "关闭", reply: "输入回复…",
    answer: "您的回答", thankYou: "谢谢您的回答！"
  },
  mn: {
    chatNow: "Одоо чатлах", later: "Дараа", dismiss: "Хаах", reply: "Хариу бичих…",
    answer: "Таны хариулт", thankYou: "Хариулсанд баярлалаа!"
  }
};
var STYLES = ["card", "bubble", "dialog"];

export default function (w) {   // w: what widget.js shares with its parts
  var d = document, el = w.el, t = w.t, root = w.root, l;
  for (l in WORDS) Object.assign(w.words[l], WORDS[l]);
  var now = null;        // {f: the invitation frame, box, input, timer, thanked}: one at a time
  var styled = false, opening = 0;
  var css = el("link"); css.rel = "stylesheet"; css.href = w.files + "widget-invite.css";
  css.onload = function () { styled = true; show(); };
  // Read out when one appears; focus stays where the visitor has it.
  var said = el("p", "said"); said.setAttribute("role", "status");
  root.appendChild(css); root.appendChild(said);
  d.addEventListener("visibilitychange", show);

  function left(f) {     // seconds until it expires, by the relay's clock
    return f.expires_at ? f.expires_at - w.now() : 86400;
  }
  function show() {      // only in a visible tab, with the panel closed
    var c = now;
    if (!c || c.box || c.thanked || !styled || d.hidden || w.isOpen()) return;
    if (left(c.f) <= 0) return end(c);   // ended while the tab was hidden
    build(c);
    w.frame({ type: "invitation_shown", id: c.f.id });
    c.timer = setTimeout(function () { end(c); }, Math.min(left(c.f), 86400) * 1000);
    said.textContent = c.box.getAttribute("aria-label") + ": " + c.f.text;
  }
  function build(c) {
    var f = c.f, site = w.site(), from = f.agent, survey = f.kind === "survey";
    var name = from ? from.name : site.name || t("title");
    var box = c.box = el("div", "invite" + (survey ? " survey" : ""));
    box.setAttribute("data-style", STYLES.indexOf(f.style) < 0 ? "card" : f.style);
    box.setAttribute("role", "dialog"); box.setAttribute("aria-label", name); box.lang = w.lang();
    var who = el("div", "who"), face = el("span", "face");
    face.setAttribute("aria-hidden", "true");
    // An agent's photo or initial; for the team, the site's logo or name, as the panel's header.
    if (from) w.face(face, from.avatar_url, from.name); else w.face(face, site.logo_url, site.name);
    who.appendChild(face); who.appendChild(el("b", "name", name));
    box.appendChild(who);
    box.appendChild(el("p", "text", f.text));
    var form = el("form", "reply"), input = c.input = el("input"), go = el("button", "go");
    input.maxLength = w.maxText;
    input.placeholder = t(survey ? "answer" : "reply"); input.setAttribute("aria-label", input.placeholder);
    go.type = "submit"; go.setAttribute("aria-label", t("send"));
    w.icon(go, "M3 20l18-8L3 4v6l12 2-12 2z");
    form.appendChild(input); form.appendChild(go);
    form.onsubmit = function (e) {
      e.preventDefault();
      var text = input.value.trim();
      if (survey) answer(c, text); else accept(c, text);
    };
    box.appendChild(form);
    if (!survey) {
      var acts = el("div", "acts"), yes = el("button", "yes", t("chatNow")), no = el("button", "no", t("later"));
      yes.type = no.type = "button";
      yes.onclick = function () { accept(c, ""); };
      no.onclick = function () { decline(c); };
      acts.appendChild(yes); acts.appendChild(no); box.appendChild(acts);
    }
    var x = el("button", "x", "\u00d7"); x.type = "button"; x.setAttribute("aria-label", t("dismiss"));
    x.onclick = function () { decline(c); };
    box.appendChild(x);   // last in the tab order, first in the corner
    box.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.stopPropagation(); if (c.thanked) end(c, 1); else decline(c); }
    });
    root.insertBefore(box, w.launcher);   // after the panel: hidden while it is open (CSS)
  }
  function end(c, force) {   // hide it; focus that was in it goes to the launcher, not the page's top
    if (c !== now) return;
    // Ended while the visitor was writing in it: it stays, and what they send then goes to
    // the chat as any message (a survey's answer is kept by the relay all the same).
    if (!force && c.input && c.input.value.trim() && !c.thanked) { c.over = 1; return clearTimeout(c.timer); }
    now = null; clearTimeout(c.timer); said.textContent = "";
    if (c.box) {
      if (c.box.contains(root.activeElement)) w.launcher.focus();
      c.box.remove();
    }
  }
  function accept(c, text) {   // the chat opens once the relay has opened the conversation
    if (c.over) { end(c, 1); if (text) w.send(text); return w.open(); }
    if (!w.frame({ type: "invitation_accept", id: c.f.id })) return;   // offline: it stays
    end(c, 1);
    opening = 1; setTimeout(opened, 4000);   // or anyway, to say what went wrong
    if (text) w.send(text);   // through the outbox, after the accept: the greeting comes first
  }
  function opened() { if (opening) { opening = 0; w.open(); } }
  function decline(c) {
    if (!c.over) w.frame({ type: "invitation_decline", id: c.f.id });
    end(c, 1);
  }
  function answer(c, text) {
    if (!text || !w.frame({ type: "survey_answer", id: c.f.id, text: text })) return c.input.focus();
    c.thanked = true; clearTimeout(c.timer);
    var inside = c.box.contains(root.activeElement);
    c.box.textContent = "";
    c.box.appendChild(el("p", "text thanks", t("thankYou")));
    said.textContent = t("thankYou");
    if (inside) w.launcher.focus();
    setTimeout(function () { end(c, 1); }, 2500);
  }
  function relabel() {   // the page changed the language: the same invitation in the new words
    var c = now;
    if (!c || !c.box || c.thanked || c.box.lang === w.lang()) return;
    var typed = c.input.value, inside = c.box.contains(root.activeElement);
    c.box.remove(); build(c); c.input.value = typed;
    if (inside) c.input.focus();
  }

  return function (f) {   // a frame for invitations, or none: the words or the panel changed
    if (!f) { relabel(); return show(); }
    if (f.type === "invitation") {
      if (now && (now.f.id === f.id || now.over)) return;   // the same one again, or one being written in
      if (now) end(now, 1);
      now = { f: f }; show();
    } else if (f.type === "invitation_ended") {
      if (now && now.f.id === f.id && !now.thanked) end(now);
      if (f.auto_reply) w.siteSays(f.id, f.auto_reply);
    } else if (f.type === "conversation_opened") opened();
  };
}
