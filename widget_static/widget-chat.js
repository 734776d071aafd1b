/* Parley visitor widget: the part that comes when the chat panel first opens (widget.js
   imports it, with widget-chat.css): the pre-chat and offline forms. Their words join
   widget.js's language tables. Code map in widget_static/README.md. */
var WORDS = {
  en: {
    start: "Start chat", name: "Your name", email: "E-mail", phone: "Phone",
    question: "Your question", contact: "E-mail or phone", message: "Message",
    leave: "Leave a message", leaveIntro: "No one is online right now. Leave a message and we will get back to you.",
    thanks: "Thank you! We will reply within {h} hours.", required: "Please fill in this field.",
    badEmail: "Please enter an e-mail address like name@example.com.",
    badPhone: "Please enter a phone number of 5 to 20 digits.",
    badContact: "Please enter an e-mail address or a phone number."
  },
  "zh-CN": {
    start: "开始咨询", name: "您的姓名", email: "电子邮箱", phone: "手机号码",
    question: "您的问题", contact: "邮箱或手机号", message: "留言内容",
    leave: "留言", leaveIntro: "现在没有客服在线。请留言，我们会尽快联系您。",
    thanks: "谢谢！我们会在 {h} 小时内回复您。", required: "请填写此项。",
    badEmail: "请输入正确的电子邮箱，例如 name@example.com。",
    badPhone: "请输入正确的手机号码（5 至 20 位数字）。",
    badContact: "请输入电子邮箱或手机号码。"
  },
  mn: {
    start: "Чат эхлэх", name: "Таны нэр", email: "И-мэйл", phone: "Утас",
    question: "Таны асуулт", contact: "И-мэйл эсвэл утас", message: "Зурвас",
    leave: "Зурвас үлдээх", leaveIntro: "Одоогоор хэн ч онлайн алга. Зурвас үлдээвэл бид тантай холбогдоно.",
    thanks: "Баярлалаа! Бид {h} цагийн дотор хариулна.", required: "Энэ талбарыг бөглөнө үү.",
    badEmail: "И-мэйл хаягаа name@example.com хэлбэрээр бичнэ үү.",
    badPhone: "Утасны дугаараа зөв бичнэ үү: 5–20 цифр.",
    badContact: "И-мэйл хаяг эсвэл утасны дугаараа бичнэ үү."
  }
};

export default function (w) {   // w: what widget.js shares with its parts
  var el = w.el, t = w.t, sheet = w.sheet, l;
  for (l in WORDS) Object.assign(w.words[l], WORDS[l]);

  function field(name, label, required, multiline) {
    var wrap = el("label", "field");
    wrap.appendChild(el("span", null, label + (required ? " *" : "")));
    var box = el(multiline ? "textarea" : "input");
    box.name = name; box.required = !!required; box.maxLength = multiline ? w.maxText : 200;
    if (name === "email") box.type = "email";
    if (name === "phone") box.type = "tel";
    wrap.appendChild(box);
    sheet.appendChild(wrap);
    var err = box.err = el("p", "err", ""); err.id = "parley-" + name; err.hidden = true;
    box.setAttribute("aria-describedby", err.id);
    box.oninput = function () { err.hidden = true; box.removeAttribute("aria-invalid"); };
    sheet.appendChild(err);
  }
  function problem(name, v) {   // what is wrong with a value, or ""
    if (!v) return "";
    if (name === "email" || name === "contact" && v.indexOf("@") >= 0) return w.isEmail(v) ? "" : "badEmail";
    if (name === "phone" || name === "contact") return w.isPhone(v) ? "" : /\d/.test(v) ? "badPhone" : "badContact";
    return "";
  }
  function render(mode) {   // mode: "offline", "prechat" or "" (the chat itself), widget.js's sheetMode()
    var site = w.site();
    sheet.hidden = !mode; w.form.hidden = !!mode; w.log.hidden = !!mode && !w.log.children.length;
    if (sheet.shown === mode + w.lang()) return;     // keep what the visitor has typed so far
    sheet.shown = mode + w.lang();
    var typed = {}, boxes = sheet.querySelectorAll("input,textarea"), i;   // a rebuild keeps what was typed
    for (i = 0; i < boxes.length; i++) typed[boxes[i].name] = boxes[i].value;
    sheet.textContent = "";
    sheet.mode = mode;
    if (!mode) return;
    if (mode === "offline") {
      sheet.appendChild(el("p", "intro", t("leaveIntro")));
      field("name", t("name"), false);
      field("contact", t("contact"), true);
      field("question", t("message"), true, true);
    } else {
      site.prechat.forEach(function (f) {
        field(f.field, t(f.field), f.required, f.field === "question");
      });
    }
    var go = el("button", "primary", mode === "offline" ? t("leave") : t("start")); go.type = "submit";
    sheet.appendChild(go);
    boxes = sheet.querySelectorAll("input,textarea");
    for (i = 0; i < boxes.length; i++) if (typed[boxes[i].name]) boxes[i].value = typed[boxes[i].name];
  }
  sheet.onsubmit = function (e) {
    e.preventDefault();
    var values = {}, boxes = sheet.querySelectorAll("input,textarea"), bad = null, i;
    for (i = 0; i < boxes.length; i++) {
      var b = boxes[i], v = values[b.name] = b.value.trim();
      var wrong = b.required && !v ? "required" : problem(b.name, v);
      b.err.textContent = wrong && t(wrong); b.err.hidden = !wrong;
      if (wrong) { b.setAttribute("aria-invalid", "true"); bad = bad || b; }
    }
    if (bad) { bad.focus(); return; }
    var contact = values.contact || "";
    w.setProfile({
      name: values.name || "",
      email: values.email || (contact.indexOf("@") > 0 ? contact : ""),
      phone: values.phone || (contact && contact.indexOf("@") < 0 ? contact : "")
    }, true);
    var offline = sheet.mode === "offline";
    sheet.hidden = true; w.form.hidden = false; w.log.hidden = false;
    if (values.question) w.send(values.question);
    if (offline) w.notice(t("thanks", w.site().reply_hours));
    w.input.focus();
  };
  return render;
}
