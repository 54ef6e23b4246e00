// The staff page: sign in with a token, report a channel's status, withdraw one.
// Talks only to this origin's /v1 API; the token lives in this closure, never in storage.
(function () {
  "use strict";
  var S = JSON.parse(document.getElementById("staff-strings").textContent);
  var token = null;
  var service = null;

  function $(id) { return document.getElementById(id); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key] != null ? values[key] : ""; });
  }
  function say(text, isError) {
    var box = $("message");
    box.textContent = text;
    box.className = isError ? "message error" : "message";
  }
  function api(path, options) {
    options = options || {};
    var headers = { "Authorization": "Bearer " + token };
    if (options.body) headers["Content-Type"] = "application/json";
    return fetch(path, { method: options.method || "GET", headers: headers, body: options.body,
                         credentials: "omit", cache: "no-store" });
  }
  function local(iso) { return iso.slice(0, 16).replace("T", " "); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function inHours(hours) {
    var d = new Date(Date.now() + hours * 3600 * 1000);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }
  function detail(reply) {
    return reply.json().then(function (body) {
      return typeof body.detail === "string" ? body.detail : reply.status + "";
    }, function () { return reply.status + ""; });
  }

  function loadChannels() {
    return fetch("/v1/services", { credentials: "omit" }).then(function (r) { return r.json(); }).then(function (entries) {
      var own = entries.filter(function (e) { return e.service === service; });
      var select = $("channel");
      select.textContent = "";
      own.forEach(function (e) {
        var option = document.createElement("option");
        option.value = e.channel_id;
        option.textContent = e.channel_id + (e.contact ? " – " + e.contact : "");
        select.appendChild(option);
      });
      $("signed-in").textContent = fill(S.signed_in_as, { service: own.length ? own[0].name : service });
    });
  }

  function loadCurrent() {
    return fetch("/v1/status?service=" + encodeURIComponent(service), { credentials: "omit", cache: "no-store" })
      .then(function (r) { return r.json(); }).then(function (items) {
        var list = $("current");
        list.textContent = "";
        if (!items.length) {
          var none = document.createElement("li");
          none.textContent = S.none_current;
          list.appendChild(none);
        }
        items.forEach(function (item) {
          var li = document.createElement("li");
          var text = document.createElement("span");
          text.textContent = fill(S.status_line, { channel: item.channel, state: S["state_" + item.state],
                                                   start: local(item.from), until: local(item.until) });
          var button = document.createElement("button");
          button.type = "button";
          button.className = "secondary";
          button.textContent = S.withdraw;
          button.setAttribute("aria-label", S.withdraw + ": " + text.textContent);
          button.addEventListener("click", function () { withdraw(item.id); });
          li.appendChild(text);
          li.appendChild(button);
          list.appendChild(li);
        });
      });
  }

  function withdraw(id) {
    api("/v1/status/" + encodeURIComponent(id), { method: "DELETE" }).then(function (reply) {
      if (reply.ok) {
        say(S.withdrawn);
        return loadCurrent();
      }
      return detail(reply).then(function (d) { say(fill(S.save_failed, { detail: d }), true); });
    });
  }

  $("sign-in").addEventListener("submit", function (event) {
    event.preventDefault();
    token = $("token").value.trim();
    api("/v1/status/token").then(function (reply) {
      if (!reply.ok) {
        token = null;
        say(reply.status === 429 ? S.too_many : S.bad_token, true);
        $("token").focus();
        return;
      }
      return reply.json().then(function (owner) {
        service = owner.service;
        $("token").value = "";
        $("sign-in").hidden = true;
        $("panel").hidden = false;
        $("until").value = inHours(3);
        say("");
        return Promise.all([loadChannels(), loadCurrent()]).then(function () { $("signed-in").focus(); });
      });
    });
  });

  $("sign-out").addEventListener("click", function () {
    token = null;
    service = null;
    $("panel").hidden = true;
    $("sign-in").hidden = false;
    say("");
    $("token").focus();
  });

  $("set-status").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var body = { service: service, channel: form.channel.value, state: form.state.value, until: form.until.value };
    if (form.reason.value) body.reason = form.reason.value;
    api("/v1/status", { method: "POST", body: JSON.stringify(body) }).then(function (reply) {
      if (reply.status === 201) {
        say(S.saved);
        return loadCurrent();
      }
      return detail(reply).then(function (d) { say(fill(S.save_failed, { detail: d }), true); });
    });
  });
})();
