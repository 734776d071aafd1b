/* Parley visitor widget: the part that comes when the chat panel first opens (widget.js
   imports it, with widget-chat.css): the pre-chat and offline forms (with the department
   choice), and the line that tells a waiting visitor their place in the queue. Their words
   join widget.js's language tables. Code map in widget_static/README.md. */
var WORDS = {
  en: {
    start: "Start chat", name: "Your name", email: "E-mail", phone: "Phone",
    question: "Your question", contact: "E-mail or phone", message: "Message",
    leave: "Leave a message", leaveIntro: "No one is online right now. Leave a message and we will get back to you.",
    thanks: "Thank you! We will reply within {h} hours.", required: "Please fill in this field.",
    badEmail: "Please enter an e-mail address like name@example.com.",
    badPhone: "Please enter a phone number of 5 to 20 digits.",
    badContact: "Please enter an e-mail address or a phone number.",
    department: "Department", choose: "Choose…", anyDept: "No preference", pickDept: "Please choose a department.",
    deptClosed: "{n} (closed now: leave a message)",
    closedIntro: "{n} is closed right now. Leave a message and we will get back to you.",
    noDepartment: "That department is no longer available, so your chat goes to our whole team.",
    qPlace: "You are number {n} in line", qNext: "You are next in line",
    qWait: " \u2014 about {n}", qSoon: " \u2014 less than a minute", qMins: "{n} minutes", qMin: "1 minute",
    qLate: " \u2014 sorry, it is taking longer than usual", qLong: " \u2014 more than an hour",
    qBusy: "Everyone is busy right now. Leave a message and we will reply.",
    busyIntro: "Leave your e-mail or phone and your message: we will reply even if you leave this page. You keep your place in line.",
    back: "Back to the chat"
  },
  "zh-CN": {
    start: "开始咨询", name: "您的姓名", email: "电子邮箱", phone: "手机号码",
    question: "您的问题", contact: "邮箱或手机号", message: "留言内容",
    leave: "留言", leaveIntro: "现在没有客服在线。请留言，我们会尽快联系您。",
    thanks: "谢谢！我们会在 {h} 小时内回复您。", required: "请填写此项。",
    badEmail: "请输入正确的电子邮箱，例如 name@example.com。",
    badPhone: "请输入正确的手机号码（5 至 20 位数字）。",
    badContact: "请输入电子邮箱或手机号码。",
    department: "咨询部门", choose: "请选择…", anyDept: "不限", pickDept: "请选择咨询部门。",
    deptClosed: "{n}（非工作时间，可留言）",
    closedIntro: "{n}现在不在工作时间。请留言，我们会尽快联系您。",
    noDepartment: "您选择的部门已不再提供服务，您的咨询将由我们的客服团队接待。",
    qPlace: "您排在第 {n} 位", qNext: "下一位就是您",
    qWait: "，预计等待约 {n}", qSoon: "，预计等待不到 1 分钟", qMins: "{n} 分钟", qMin: "1 分钟",
    qLate: "，抱歉，等待时间比平时长", qLong: "，预计等待超过 1 小时",
    qBusy: "客服都在忙。您可以留言，我们会尽快回复。",
    busyIntro: "请留下邮箱或手机号和留言，即使您离开本页面，我们也会回复您。您的排队位置会保留。",
    back: "返回对话"
  },
  mn: {
    start: "Чат эхлэх", name: "Таны нэр", email: "И-мэйл", phone: "Утас",
    question: "Таны асуулт", contact: "И-мэйл эсвэл утас", message: "Зурвас",
    leave: "Зурвас үлдээх", leaveIntro: "Одоогоор хэн ч онлайн алга. Зурвас үлдээвэл бид тантай холбогдоно.",
    thanks: "Баярлалаа! Бид {h} цагийн дотор хариулна.", required: "Энэ талбарыг бөглөнө үү.",
    badEmail: "И-мэйл хаягаа name@example.com хэлбэрээр бичнэ үү.",
    badPhone: "Утасны дугаараа зөв бичнэ үү: 5–20 цифр.",
    badContact: "И-мэйл хаяг эсвэл утасны дугаараа бичнэ үү.",
    department: "Хэлтэс", choose: "Сонгоно уу…", anyDept: "Аль нь ч болно", pickDept: "Хэлтсээ сонгоно уу.",
    deptClosed: "{n} (одоо хаалттай: зурвас үлдээх)",
    closedIntro: "{n} одоогоор хаалттай байна. Зурвас үлдээвэл бид тантай холбогдоно.",
    noDepartment: "Таны сонгосон хэлтэс одоо байхгүй тул манай баг танд хариулна.",
    qPlace: "Таны дарааллын дугаар: {n}", qNext: "Дараагийн ээлж таных",
    qWait: " \u2014 ойролцоогоор {n} хүлээнэ", qSoon: " \u2014 нэг минут хүрэхгүй хүлээнэ", qMins: "{n} минут", qMin: "1 минут",
    qLate: " \u2014 уучлаарай, ердийнхөөс удаж байна", qLong: " \u2014 нэг цагаас илүү хүлээнэ",
    qBusy: "Бүх ажилтан завгүй байна. Зурвас үлдээвэл бид хариулна.",
    busyIntro: "И-мэйл эсвэл утас, зурвасаа үлдээнэ үү: та энэ хуудсыг орхисон ч бид хариулна. Таны дараалал хадгалагдана.",
    back: "Чат руу буцах"
  }
};

export default function (w) {   // w: what widget.js shares with its parts
  var el = w.el, t = w.t, sheet = w.sheet, l;
  for (l in WORDS) Object.assign(w.words[l], WORDS[l]);
  var shownMode = "";      // what widget.js asked for last (its sheetMode())
  var leaving = false;     // the visitor asked for the leave-a-message form in an open chat
  var leftIn = 0;          // the conversation in which the visitor left a message (true: the next)

  function fill(into, key, name) {   // a sentence with a name in it, the name isolated
    var parts = t(key).split("{n}");
    into.textContent = parts[0];
    into.appendChild(el("span", null, name));
    into.appendChild(document.createTextNode(parts[1] || ""));
    return into;
  }
  function error(box, name) {
    var err = box.err = el("p", "err", ""); err.id = "parley-" + name; err.hidden = true;
    box.setAttribute("aria-describedby", err.id);
    box.oninput = box.onchange = function () { err.hidden = true; box.removeAttribute("aria-invalid"); };
    sheet.appendChild(err);
  }
  function field(name, label, required, multiline) {
    var wrap = el("label", "field");
    wrap.appendChild(el("span", null, label + (required ? " *" : "")));
    var box = el(multiline ? "textarea" : "input");
    box.name = name; box.required = !!required; box.maxLength = multiline ? w.maxText : 200;
    if (name === "email") box.type = "email";
    if (name === "phone") box.type = "tel";
    wrap.appendChild(box);
    sheet.appendChild(wrap);
    error(box, name);
  }
  // The department choice: the site's departments in its order; a closed one says so, and
  // picking it turns the pre-chat form into the offline form (README: "Departments").
  function departments(required) {
    var wrap = el("label", "field"), box = el("select");
    wrap.appendChild(el("span", null, t("department") + (required ? " *" : "")));
    box.name = "department"; box.required = !!required;
    box.appendChild(new Option(required ? t("choose") : t("anyDept"), ""));
    choices().forEach(function (d) {
      // An option holds text only: in a sentence the name is isolated with FSI … PDI
      box.appendChild(new Option(d.open_now === false ? t("deptClosed").replace("{n}", "\u2068" + d.name + "\u2069") : d.name, d.id));
    });
    wrap.appendChild(box);
    sheet.appendChild(wrap);
    error(box, "department");
    var was = box.onchange;
    box.onchange = function () { was(); render(shownMode, true); };
  }
  function choices() { return w.site().departments || []; }   // none before a welcome, or from older relays
  function picked() {   // the department chosen in the form now, or null
    var box = sheet.querySelector("select"), id = box && box.value;
    return choices().filter(function (d) { return String(d.id) === id; })[0] || null;
  }
  function problem(name, v) {   // what is wrong with a value, or ""
    if (!v) return "";
    if (name === "email" || name === "contact" && v.indexOf("@") >= 0) return w.isEmail(v) ? "" : "badEmail";
    if (name === "phone" || name === "contact") return w.isPhone(v) ? "" : /\d/.test(v) ? "badPhone" : "badContact";
    return "";
  }

  /* the queue: "You are number 3 in line — about 2 minutes", under the header */
  var line = el("div", "queue"); line.setAttribute("role", "status"); line.hidden = true;
  var place = el("p", "place", ""), busy = el("p", "busy", ""), offer = el("button", null, "");
  offer.type = "button";
  offer.onclick = function () { leaving = true; render(shownMode); focusForm(); };
  line.appendChild(place); line.appendChild(busy); line.appendChild(offer);
  w.log.parentNode.insertBefore(line, w.log);
  setInterval(function () { if (!line.hidden) queueLine(); }, 5e3);   // the estimate counts down
  function queueLine() {
    var q = w.queue(), now = w.now(), s = q && q.estimated_wait, left = s - Math.floor(now - (q && q.at)), m = Math.round(left / 60);
    line.hidden = !q;
    if (!q) { line.said = ""; return; }
    if (leftIn === true) leftIn = q.conversation;   // the chat the visitor's offline message opened
    var asking = q.overflow && leftIn !== q.conversation && !leaving;
    // The estimate counts down from when it came. Run out, or shorter than the wait so far,
    // it would be a promise already broken: say it takes longer instead. Not a number: none.
    var text = (q.position > 1 ? t("qPlace", q.position) : t("qNext")) +
      (typeof s != "number" || !(s >= 0) ? "" : left <= 0 || s < now - q.since ? t("qLate") :
        left < 60 ? t("qSoon") : m > 60 ? t("qLong") : t("qWait", m > 1 ? t("qMins", m) : t("qMin")));
    // Read out when the place, the offer or the language changes; a new estimate only shows
    var said = q.position + w.lang() + asking;
    line.setAttribute("aria-live", said === line.said ? "off" : "polite");
    line.said = said;
    place.textContent = text;
    busy.textContent = t("qBusy"); offer.textContent = t("leave");
    busy.hidden = offer.hidden = !asking;
  }
  function focusForm() { var box = sheet.querySelector("select,input,textarea"); if (box) box.focus(); }

  // mode: "offline", "prechat" or "" (the chat itself), widget.js's sheetMode(); this part
  // adds "closed" (the offline form for a closed department) and "busy" (leave a message
  // while waiting in an overflowing queue, the chat kept open).
  function render(mode, keepFocus) {
    var site = w.site(), choice = picked(), asked = null, i, typed = {}, boxes;
    shownMode = mode;
    queueLine();
    if (!mode && leaving && w.queue()) mode = "busy";
    if (!mode) leaving = false;
    site.prechat.forEach(function (f) { if (f.field === "department" && choices().length) asked = f; });
    if (mode === "prechat" && choice && choice.open_now === false) mode = "closed";
    w.shut(mode === "closed");   // the header says what the form offers, not "online"
    sheet.hidden = !mode; w.form.hidden = !!mode; w.log.hidden = !!mode && !w.log.children.length;
    if (sheet.shown === mode + w.lang()) return;     // keep what the visitor has typed so far
    sheet.shown = mode + w.lang();
    if (!mode) return;   // hidden, its boxes kept: "Back to the chat" loses nothing typed
    var focused = keepFocus && w.root.activeElement;
    boxes = sheet.querySelectorAll("input,textarea,select");   // a rebuild keeps what was typed
    for (i = 0; i < boxes.length; i++) typed[boxes[i].name] = boxes[i].value;
    typed.contact = typed.contact || typed.email || typed.phone;
    sheet.textContent = "";
    sheet.mode = mode;
    if (mode === "prechat") {
      site.prechat.forEach(function (f) {
        if (f === asked) departments(f.required);
        else if (f.field !== "department") field(f.field, t(f.field), f.required, f.field === "question");
      });
    } else {
      if (mode === "busy") sheet.appendChild(el("p", "intro", t("busyIntro")));
      else if (mode === "closed") sheet.appendChild(fill(el("p", "intro"), "closedIntro", choice.name));
      else sheet.appendChild(el("p", "intro", t("leaveIntro")));
      if (asked && mode !== "busy") departments(asked.required);
      field("name", t("name"), false);
      field("contact", t("contact"), true);
      field("question", t("message"), true, true);
    }
    var go = el("button", "primary", mode === "prechat" ? t("start") : t("leave")); go.type = "submit";
    sheet.appendChild(go);
    if (mode === "busy") {
      var back = el("button", "link", t("back")); back.type = "button";
      back.onclick = function () { leaving = false; render(shownMode); w.input.focus(); };
      sheet.appendChild(back);
    }
    boxes = sheet.querySelectorAll("input,textarea,select");
    for (i = 0; i < boxes.length; i++) if (typed[boxes[i].name]) boxes[i].value = typed[boxes[i].name];
    if (focused && focused.name) { var again = sheet.querySelector("[name=" + focused.name + "]"); if (again) again.focus(); }
  }
  sheet.onsubmit = function (e) {
    e.preventDefault();
    var values = {}, boxes = sheet.querySelectorAll("input,textarea,select"), bad = null, i;
    for (i = 0; i < boxes.length; i++) {
      var b = boxes[i], v = values[b.name] = b.value.trim();
      var wrong = b.required && !v ? (b.name === "department" ? "pickDept" : "required") : problem(b.name, v);
      b.err.textContent = wrong && t(wrong); b.err.hidden = !wrong;
      if (wrong) { b.setAttribute("aria-invalid", "true"); bad = bad || b; }
    }
    if (bad) { bad.focus(); return; }
    var contact = values.contact || "", mode = sheet.mode, q = w.queue();
    w.setProfile({
      name: values.name || "",
      email: values.email || (contact.indexOf("@") > 0 ? contact : ""),
      phone: values.phone || (contact && contact.indexOf("@") < 0 ? contact : ""),
      department: values.department
    }, true);
    if (mode !== "prechat") leftIn = mode !== "busy" || q && q.conversation;   // not offered the form again
    leaving = false;
    sheet.hidden = true; w.form.hidden = false; w.log.hidden = false;
    if (values.question) w.send(values.question);
    if (mode !== "prechat") w.notice(t("thanks", w.site().reply_hours));
    if (mode === "busy") render(shownMode);
    w.input.focus();
  };
  return render;
}
