/*! Hjelpelos chat widget v1. No cookies, no localStorage; the conversation lives in memory. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.HjelpelosWidget) return; // included twice: keep the first

  var LANGS = ["nb", "nn", "en", "se"];
  var ALIASES = { no: "nb", nob: "nb", nno: "nn", eng: "en", sme: "se" };
  var STORE_KEY = "hjelpelos";
  var ESC_WINDOW_MS = 1000;
  // URL | e-mail. Phone numbers are never guessed from the text: the bot names them (`links`).
  var TOKENS = /(https?:\/\/[^\s<>"']+|www\.[^\s<>"']+)|([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g;
  var TRAILING = /[.,;:!?)\]]+$/;

  var data = script.dataset;
  var base = new URL(".", script.src);
  var config = {
    endpoint: data.endpoint || new URL("/webhooks/rest/webhook", script.src).href,
    exitUrl: safeHttpUrl(data.exitUrl) || "https://www.yr.no",
    useSession: data.sessionStorage === "true",
    maxLength: parseInt(data.maxLength, 10) || 2000,
    container: null // found once the page is parsed: an async script may run before it
  };

  var strings = {};
  var state = freshState(pickLang());
  var generation = 0; // bumped by start again and quick exit, so late replies are dropped
  var busy = false;
  var lastEscape = 0;
  var ui = {};

  restore();
  document.addEventListener("keydown", onKeydown, true);
  Promise.all([loadStrings(state.lang).catch(function () {
    state.lang = "nb";
    return loadStrings("nb");
  }), pageParsed()]).then(mount);
  window.HjelpelosWidget = { quickExit: quickExit, startAgain: startAgain };

  function safeHttpUrl(value) {
    if (!value) return "";
    try {
      var url = new URL(value, location.href);
      return /^https?:$/.test(url.protocol) ? url.href : "";
    } catch (e) {
      return "";
    }
  }

  function normaliseLang(tag) {
    var code = String(tag || "").toLowerCase().split(/[-_]/)[0];
    code = ALIASES[code] || code;
    return LANGS.indexOf(code) >= 0 ? code : "";
  }

  function pickLang() {
    return normaliseLang(data.lang) || normaliseLang(document.documentElement.lang) || "nb";
  }

  function newSenderId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function freshState(lang) {
    return { sender: newSenderId(), lang: lang, night: matchMedia("(prefers-color-scheme: dark)").matches,
      open: false, messages: [] };
  }

  function loadStrings(lang) {
    if (strings[lang]) return Promise.resolve(strings[lang]);
    return fetch(new URL("strings/" + lang + ".json", base).href, { credentials: "omit", referrerPolicy: "no-referrer" })
      .then(function (r) {
        if (!r.ok) throw new Error("strings " + r.status);
        return r.json();
      })
      .then(function (table) { return (strings[lang] = table); });
  }

  function t(key) {
    return (strings[state.lang] || {})[key] || (strings.nb || {})[key] || "";
  }

  // Only with data-session-storage="true": survive a reload within the tab, never beyond it.
  function persist() {
    if (!config.useSession) return;
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify({ sender: state.sender, lang: state.lang, messages: state.messages }));
    } catch (e) { /* storage blocked: memory only */ }
  }

  function restore() {
    if (!config.useSession) return;
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || "null");
      if (saved && saved.sender) {
        state.sender = saved.sender;
        state.lang = normaliseLang(saved.lang) || state.lang;
        state.messages = saved.messages || [];
      }
    } catch (e) { /* ignore a broken or blocked store */ }
  }

  function forget() {
    try { sessionStorage.removeItem(STORE_KEY); } catch (e) { /* nothing stored */ }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (typeof value === "function") node.addEventListener(name, value);
      else if (value !== false && value != null) node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function srOnly(text) {
    return el("span", { "class": "hl-sr" }, [text]);
  }

  function link(text, href, newTab) {
    var a = el("a", { href: href, "class": newTab ? "hl-link" : "hl-tel" }, [text]);
    if (newTab) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      if (t("widget_new_tab")) a.appendChild(srOnly(" (" + t("widget_new_tab") + ")"));
    }
    return a;
  }

  /** Text to DOM nodes: `tel:` links for the phone contacts the bot sent with the text
   *  (`links`: [{text, href}]), links for URLs and e-mail; never HTML. */
  function linkify(text, links) {
    var out = document.createDocumentFragment();
    var phones = (links || []).filter(function (l) { return l && l.text && /^tel:\+?\d+$/.test(l.href || ""); });
    var rest = text;
    while (rest) {
      var next = nextPhone(rest, phones);
      if (!next) break;
      out.appendChild(linkifyWeb(rest.slice(0, next.index)));
      out.appendChild(link(next.phone.text, next.phone.href, false));
      rest = rest.slice(next.index + next.phone.text.length);
    }
    out.appendChild(linkifyWeb(rest));
    return out;
  }

  /** The first place in `text` where one of `phones` stands as a whole number. */
  function nextPhone(text, phones) {
    var best = null;
    phones.forEach(function (phone) {
      var from = 0;
      var at;
      while ((at = text.indexOf(phone.text, from)) >= 0) {
        var before = text.charAt(at - 1);
        var after = text.charAt(at + phone.text.length);
        if (!/[\d+]/.test(before) && !/\d/.test(after)) {
          if (!best || at < best.index) best = { index: at, phone: phone };
          return;
        }
        from = at + 1;
      }
    });
    return best;
  }

  function linkifyWeb(text) {
    var out = document.createDocumentFragment();
    var last = 0;
    var match;
    TOKENS.lastIndex = 0;
    while ((match = TOKENS.exec(text))) {
      var raw = match[0].replace(TRAILING, "");
      var start = match.index;
      out.appendChild(document.createTextNode(text.slice(last, start)));
      if (match[1]) out.appendChild(link(raw, /^www\./.test(raw) ? "https://" + raw : raw, true));
      else out.appendChild(link(raw, "mailto:" + raw, false));
      last = start + raw.length;
      TOKENS.lastIndex = last;
    }
    out.appendChild(document.createTextNode(text.slice(last)));
    return out;
  }

  function pageParsed() {
    return new Promise(function (resolve) {
      if (document.readyState !== "loading") resolve();
      else document.addEventListener("DOMContentLoaded", resolve);
    });
  }

  function mount() {
    config.container = document.getElementById(data.container || "hjelpelos");
    state.open = state.open || !!config.container;
    var host = el("div", { "class": "hjelpelos-host" });
    var shadow = host.attachShadow({ mode: "open" });
    var sheet = el("link", { rel: "stylesheet", href: new URL("hjelpelos.css", base).href });
    ui.host = host;
    ui.root = el("div", { "class": "hl-root", hidden: true });
    sheet.addEventListener("load", function () { ui.root.hidden = false; });
    sheet.addEventListener("error", function () { ui.root.hidden = false; });
    shadow.appendChild(sheet);
    shadow.appendChild(ui.root);
    if (config.container) config.container.appendChild(host);
    else document.body.insertBefore(host, document.body.firstChild); // first in the page's tab order
    render();
  }

  function exitButton() {
    return el("button", { type: "button", "class": "hl-exit", click: quickExit }, [t("widget_quick_exit")]);
  }

  function render() {
    var root = ui.root;
    root.textContent = "";
    root.setAttribute("lang", state.lang);
    root.className = "hl-root" + (state.night ? " hl-night" : "") + (config.container ? " hl-inline" : " hl-floating");
    if (!state.open) {
      ui.launcher = el("button", { type: "button", "class": "hl-launcher", "aria-expanded": "false", click: open },
        [t("widget_open")]);
      root.appendChild(el("div", { "class": "hl-dock" }, [exitButton(), ui.launcher]));
      return;
    }
    ui.panel = el("section", { "class": "hl-panel", tabindex: "-1", "aria-labelledby": "hl-title" });
    var select = el("select", { id: "hl-lang", change: function () { switchLang(select.value); } },
      LANGS.map(function (code) {
        return el("option", { value: code, lang: code, selected: code === state.lang }, [t("language_name_" + code) || code]);
      }));
    var tools = el("div", { "class": "hl-tools" }, [
      el("label", { "for": "hl-lang", "class": "hl-lang-label" }, [t("widget_language")]),
      select,
      el("button", { type: "button", "class": "hl-tool", "aria-pressed": String(state.night), click: toggleNight },
        [t("widget_night_mode")]),
      el("button", { type: "button", "class": "hl-tool", click: startAgain }, [t("widget_start_again")])
    ]);
    if (!config.container) {
      tools.appendChild(el("button", { type: "button", "class": "hl-tool", "aria-expanded": "true", click: close },
        [t("widget_close")]));
    }
    ui.log = el("div", { "class": "hl-log", role: "log", tabindex: "0", "aria-live": "polite", "aria-label": t("widget_log_label") || t("widget_title") });
    ui.status = el("p", { "class": "hl-status", role: "status" });
    ui.input = el("textarea", { id: "hl-input", rows: "2", maxlength: String(config.maxLength),
      placeholder: t("widget_input_placeholder") || false, keydown: onInputKey });
    var form = el("form", { "class": "hl-form", submit: onSubmit }, [
      el("label", { "for": "hl-input", "class": "hl-sr" }, [t("widget_input_label")]),
      ui.input,
      el("button", { type: "submit", "class": "hl-send" }, [t("widget_send")])
    ]);
    [exitButton(), el("p", { "class": "hl-exit-note" }, [t("widget_quick_exit_notice")]), el("h2", { id: "hl-title", "class": "hl-title" }, [t("widget_title")]), tools, ui.log, ui.status, form]
      .forEach(function (node) { ui.panel.appendChild(node); });
    root.appendChild(ui.panel);
    if (!state.messages.length) state.messages.push({ from: "bot", text: t("greeting") + "\n\n" + t("greeting_invite"), lang: state.lang, intro: true,
      links: (strings[state.lang] || {}).links });
    var lastUser = state.messages.map(function (m) { return m.from; }).lastIndexOf("user");
    state.messages.forEach(function (message, i) { ui.log.appendChild(messageNode(message, i > lastUser)); });
    scrollLog();
  }

  function messageNode(message, live) {
    var mine = message.from === "user";
    var node = el("div", { "class": "hl-msg " + (mine ? "hl-user" : "hl-bot"), lang: message.lang || state.lang }, [
      srOnly((mine ? t("widget_user_label") : t("widget_bot_label")) + ": ")
    ]);
    node.appendChild(el("p", { "class": "hl-text" }, [mine ? message.text : linkify(message.text, message.links)]));
    if (live && message.buttons && message.buttons.length) {
      node.appendChild(el("div", { "class": "hl-replies" }, message.buttons.map(function (button) {
        return el("button", { type: "button", "class": "hl-reply", click: function () {
          send(button.payload || button.title, button.title);
        } }, [button.title]);
      })));
    }
    return node;
  }

  function addMessage(message) {
    if (message.from === "user" && ui.log) { // choices offered before the user's turn are spent
      Array.prototype.forEach.call(ui.log.querySelectorAll(".hl-replies"), function (group) { group.remove(); });
    }
    state.messages.push(message);
    persist();
    if (ui.log) {
      ui.log.appendChild(messageNode(message, true));
      scrollLog();
    }
  }

  function scrollLog() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function onInputKey(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) onSubmit(event);
  }

  function onSubmit(event) {
    event.preventDefault();
    var text = ui.input.value.trim();
    if (!text || busy) return;
    ui.input.value = "";
    send(text, text);
  }

  function send(message, shown) {
    if (busy) return;
    var sentIn = generation;
    busy = true;
    addMessage({ from: "user", text: shown, lang: state.lang });
    setStatus(t("widget_typing"));
    ui.input.focus();
    fetch(config.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "omit",
      referrerPolicy: "no-referrer",
      body: JSON.stringify({ sender: state.sender, message: message, metadata: { language: state.lang, channel: "web", client: "widget" } })
    })
      .then(function (r) {
        return r.json().catch(function () { return null; }).then(function (body) {
          if (r.ok || Array.isArray(body)) return body; // the gateway answers limits and outages in Rasa's shape
          throw new Error(String(r.status));
        });
      })
      .then(function (replies) {
        if (sentIn !== generation) return;
        setStatus("");
        var links = turnLinks(replies || []);
        (replies || []).forEach(function (reply) {
          if (reply.text || (reply.buttons && reply.buttons.length)) {
            addMessage({ from: "bot", text: reply.text || "", buttons: reply.buttons || [], links: links, lang: state.lang });
          }
        });
      })
      .catch(function (error) {
        var limited = /^(413|422|429)$/.test(error.message);
        if (sentIn === generation) setStatus(t(error.message === "429" ? "rate_limited" : limited ? "input_too_long" : "error_try_again"));
      })
      .then(function () { busy = false; });
  }

  /** The phone links the bot sent for this turn (a `custom` message), or the catalogue's. */
  function turnLinks(replies) {
    var links = [];
    replies.forEach(function (reply) {
      var data = reply && reply.custom && reply.custom.data;
      if (data && Array.isArray(data.links)) links = links.concat(data.links);
    });
    return links;
  }

  function setStatus(text) {
    if (!ui.status) return;
    ui.status.textContent = "";
    ui.status.appendChild(linkify(text, (strings[state.lang] || strings.nb || {}).links)); // error lines carry 112
  }

  function open() {
    state.open = true;
    render();
    ui.panel.focus(); // the next Tab lands on quick exit
  }

  function close() {
    state.open = false;
    render();
    ui.launcher.focus();
  }

  function toggleNight() {
    state.night = !state.night;
    ui.root.classList.toggle("hl-night", state.night);
    this.setAttribute("aria-pressed", String(state.night));
  }

  function switchLang(lang) {
    var previous = state.lang;
    state.lang = lang; // the next message already asks for this language
    loadStrings(lang).then(function () {
      if (state.messages.length === 1 && state.messages[0].intro) state.messages = [];
      persist();
      render();
      ui.root.querySelector("#hl-lang").focus();
    }, function () {
      state.lang = previous;
      setStatus(t("error_try_again"));
    });
  }

  /** Forget the conversation; the bot sees a new sender id from now on. */
  function startAgain() {
    if (!ui.root) return;
    generation += 1;
    busy = false;
    forget();
    state = freshState(state.lang);
    state.night = ui.root.classList.contains("hl-night");
    state.open = true;
    render();
    ui.input.focus();
  }

  /** Wipe everything the widget holds, blank the page and replace it, so Back skips it. */
  function quickExit() {
    generation += 1;
    forget();
    state.messages = [];
    if (ui.host) ui.host.remove();
    document.documentElement.style.setProperty("visibility", "hidden", "important");
    document.title = "";
    location.replace(config.exitUrl);
  }

  function onKeydown(event) {
    if ((event.key !== "Escape" && event.key !== "Esc") || event.repeat) return;
    var now = Date.now();
    if (now - lastEscape < ESC_WINDOW_MS) quickExit();
    lastEscape = now;
  }
})();
