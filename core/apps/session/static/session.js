// The live session's screens. All text from people is set with textContent, never as HTML.
"use strict";
(function () {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
  const sid = meta("session");
  const csrf = meta("csrf");
  const facilitator = meta("role") === "facilitator";
  const base = `/s/${encodeURIComponent(sid)}`;
  const $ = (id) => document.getElementById(id);
  let view = null;
  let endsAt = null;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function say(message) { $("status").textContent = message; }

  async function post(path, body) {
    const response = await fetch(base + path, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(body),
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!response.ok) throw new Error(data.error || "That did not work; try again.");
    return data;
  }

  function fill(list, items, make) {
    list.replaceChildren(...items.map(make));
  }

  function clock() {
    const timer = $("timer");
    if (!view) return;
    let left = view.phase.seconds_left;
    if (endsAt !== null) left = Math.round((endsAt - Date.now()) / 1000);
    const over = left < 0;
    const abs = Math.abs(left);
    const text = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
    timer.textContent = (over ? "over by " : "") + text + (view.phase.running ? "" : " (paused)");
    timer.classList.toggle("over", over);
  }

  function contributionItem(c) {
    const item = el("li", null, "contribution" + (c.agreed ? " agreed" : ""));
    item.id = "c-" + c.id;
    const head = el("p", null, "meta");
    head.append(el("span", c.kind_label || "Point", "kind"));
    if (c.group) head.append(el("span", c.group, "group"));
    if (c.agreed) head.append(el("span", "Agreed by the room", "agreed-flag"));
    if (c.discuss_first) head.append(el("span", `Discuss first: ${c.discuss_first}`, "first"));
    if (c.mine) head.append(el("span", "Yours", "mine"));
    if (facilitator && c.role) head.append(el("span", c.role + (c.agency ? `, ${c.agency}` : ""), "who"));
    item.append(head, el("p", c.text, "text"));
    if (c.refs && c.refs.length) item.append(el("p", "About: " + c.refs.join(", "), "refs"));
    if (facilitator) {
      const group = el("button", "Group…");
      group.type = "button";
      group.addEventListener("click", () => {
        const name = window.prompt("Group this point under:", c.group || "");
        if (name !== null) post("/control", {action: "group", contribution: c.id, group: name}).catch((e) => say(e.message));
      });
      const agree = el("button", c.agreed ? "Not agreed" : "Mark agreed");
      agree.type = "button";
      agree.addEventListener("click", () => post("/control", {action: "agree", contribution: c.id, agreed: !c.agreed}).catch((e) => say(e.message)));
      item.append(group, agree);
    } else {
      const first = el("button", "Discuss this first");
      first.type = "button";
      first.addEventListener("click", () => post("/signal", {kind: "discuss_first", contribution: c.id}).then(() => say("Noted: the facilitator sees it.")).catch((e) => say(e.message)));
      item.append(first);
    }
    return item;
  }

  function render() {
    $("event").textContent = view.event;
    $("phase-name").textContent = `Phase ${view.phase.number} of ${view.phase.of}: ${view.phase.title}`;
    endsAt = view.phase.running ? Date.now() + view.phase.seconds_left * 1000 : null;
    clock();
    $("notice").textContent = view.notice;
    fill($("ground-rules"), view.ground_rules, (rule) => el("li", rule));
    $("support").textContent = view.support;
    $("purpose").textContent = view.phase.purpose;
    fill($("prompts"), view.phase.prompts, (p) => el("li", p));
    const sorted = view.contributions.slice().sort((a, b) => (b.discuss_first || 0) - (a.discuss_first || 0));
    fill($("contributions"), sorted, contributionItem);
    $("horizon-said").textContent = view.chronology.said;
    fill($("entries"), view.chronology.entries, (e) => {
      const item = el("li", null, "entry");
      item.append(el("span", e.date, "date"), el("span", e.agency, "agency"), el("span", e.id, "id"), el("p", e.what));
      return item;
    });
    if (view.ended) say("The session has ended. Thank you for taking part.");
    if (facilitator) {
      fill($("participants"), view.participants, (p) => el("li", p.role + (p.agency ? ` (${p.agency})` : "")));
      fill($("signals"), view.signals, (s) => el("li", `${s.role}${s.agency ? " (" + s.agency + ")" : ""} asked for a break at ${new Date(s.at).toLocaleTimeString("en-GB")}`));
      if (!$("horizon").value) $("horizon").value = view.chronology.horizon;
    } else {
      const kind = $("kind");
      const wanted = view.phase.asks.map((a) => a.kind).join(",");
      if (kind.dataset.asks !== wanted) {
        fill(kind, view.phase.asks, (a) => { const o = el("option", a.label); o.value = a.kind; return o; });
        kind.dataset.asks = wanted;
      }
    }
  }

  async function load() {
    const response = await fetch(base + "/view", {credentials: "same-origin"});
    if (!response.ok) { say("The session has ended, or this screen is no longer in it. Thank you for taking part."); return; }
    view = await response.json();
    render();
  }

  function heard(note) {
    if (!view) return;
    if (note.type === "refresh") { load(); return; }
    if (note.type === "contribution" && facilitator) { load(); return; }  // with who said it
    if (note.type === "contribution") {
      if (!view.contributions.some((c) => c.id === note.id)) {
        view.contributions.push(Object.assign({group: "", agreed: false, discuss_first: 0}, note));
      }
    } else if (note.type === "mark") {
      const c = view.contributions.find((x) => x.id === note.id);
      if (c) { c.group = note.group; c.agreed = note.agreed; }
    } else if (note.type === "discuss_first") {
      const c = view.contributions.find((x) => x.id === note.id);
      if (c) c.discuss_first = (c.discuss_first || 0) + 1;
    } else if (note.type === "joined" || note.type === "signal") {
      load(); return;
    }
    render();
  }

  function listen() {
    const stream = new EventSource(base + "/stream");
    stream.onmessage = (event) => heard(JSON.parse(event.data));
    stream.onopen = () => load();  // after a reconnection too: catch up on what was missed
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (facilitator) {
      document.querySelectorAll("button[data-action]").forEach((button) => {
        button.addEventListener("click", () => {
          const body = {action: button.dataset.action};
          if (button.dataset.minutes) body.minutes = Number(button.dataset.minutes);
          if (body.action === "end" && !window.confirm("End the session for everyone?")) return;
          post("/control", body).then(() => say("Done.")).catch((e) => say(e.message));
        });
      });
      $("horizon-form").addEventListener("submit", (event) => {
        event.preventDefault();
        post("/control", {action: "horizon", day: $("horizon").value}).then(() => say("The room now sees the chronology as known on that day.")).catch((e) => say(e.message));
      });
    } else {
      $("contribute-form").addEventListener("submit", (event) => {
        event.preventDefault();
        const refs = $("refs").value.split(/[\s,]+/).filter(Boolean);
        const sending = {kind: $("kind").value, text: $("text").value, refs: refs};
        say("Sending…");
        post("/contribute", sending).then((answer) => {
          $("text").value = ""; $("refs").value = "";
          say(answer.warnings && answer.warnings.length ? "Received. " + answer.warnings.join(" ") : "Received: it is in the review's record.");
        }).catch((e) => say(e.message));
      });
      $("break").addEventListener("click", () => post("/signal", {kind: "break"}).then(() => say("The facilitator has been told, privately. Take the time you need.")).catch((e) => say(e.message)));
    }
    setInterval(clock, 1000);
    load().then(listen);
  });
})();
