// wgsim demo page: draws DemoState from /api/state, follows the log over server-sent events,
// and posts the buttons' actions. No framework and no build step: plain DOM calls.
"use strict";

const NS = "http://www.w3.org/2000/svg";
let state = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function seconds(nanos) {
  return (nanos / 1e9).toFixed(3) + " s";
}

// As `wg show` words it: "1 minute, 5 seconds ago".
function ago(nowNanos, thenNanos) {
  let s = Math.floor((nowNanos - thenNanos) / 1e9);
  if (s <= 0) return "just now";
  const parts = [];
  const units = [["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];
  for (const [name, size] of units) {
    const n = Math.floor(s / size);
    if (n > 0) parts.push(n + " " + name + (n === 1 ? "" : "s"));
    s -= n * size;
  }
  return parts.join(", ") + " ago";
}

// As `wg show` prints transfer: B, KiB, MiB with two decimals.
function bytes(n) {
  if (n < 1024) return n + " B";
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return v.toFixed(2) + " " + units[i];
}

function shortKey(k) {
  return k.slice(0, 8) + "…";
}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)
  };
  const r = await fetch(path, init);
  const data = await r.json();
  if (!r.ok) {
    const err = new Error(data.error || ("HTTP " + r.status));
    err.field = data.field;
    throw err;
  }
  return data;
}

async function act(path, body) {
  try {
    render(await api(path, body === undefined ? {} : body));
  } catch (e) {
    document.getElementById("message").textContent = "⚠ " + e.message;
  }
}

function render(s) {
  const previous = state;
  state = s;
  document.getElementById("scenario").textContent = s.scenario + ": " + s.description;
  document.getElementById("clock").textContent = seconds(s.nowNanos);
  document.getElementById("if-name").textContent = s.iface.name;
  document.getElementById("if-node").textContent = s.iface.node;
  document.getElementById("if-address").textContent = s.iface.address;
  document.getElementById("if-port").textContent = s.iface.listenPort;
  document.getElementById("if-key").textContent = s.iface.publicKey;
  document.getElementById("if-outer").textContent = s.iface.outerAddress;
  document.getElementById("message").textContent = s.message || "";
  renderPeers(s, previous);
  renderTopology(s);
  renderPacket(s.lastPacket);
}

function renderPeers(s, previous) {
  const body = document.querySelector("#peers tbody");
  body.replaceChildren();
  for (const p of s.peers) {
    const old = previous && previous.peers.find(q => q.name === p.name);
    const changed = old && (old.sessionKey !== p.sessionKey || old.endpoint !== p.endpoint);
    const key = p.sessionKey
      ? el("span", {"class": "key live", title: p.sessionKey, "data-full": p.sessionKey}, shortKey(p.sessionKey))
      : el("span", {"class": "key none", "data-full": ""}, "(none yet)");
    const handshake = p.latestHandshakeNanos >= 0 ? ago(s.nowNanos, p.latestHandshakeNanos) : "";
    const allowed = el("td", {"class": "allowed"});
    for (const a of p.allowedIps) allowed.append(el("span", {}, a));
    if (p.allowedIps.length === 0) allowed.append(el("span", {"class": "none"}, "(none)"));
    const button = (cls, label, title, action, enabled) => {
      const b = el("button", {"class": cls, title: title, onclick: () => act("/api/peers/" + encodeURIComponent(p.name) + "/" + action)}, label);
      if (!enabled) { b.disabled = true; b.title = title + " (needs the peer's private key, which was pasted)"; }
      return b;
    };
    const row = el("tr", {"data-peer": p.name, "class": changed ? "flash" : ""},
      el("td", {"class": "name"}, p.name),
      el("td", {"class": "pub", title: p.publicKey}, shortKey(p.publicKey)),
      allowed,
      el("td", {"class": "endpoint"}, p.endpoint || "(none)",
        ...(p.persistentKeepalive > 0 ? [el("div", {"class": "muted small"}, "keepalive every " + p.persistentKeepalive + " s")] : [])),
      el("td", {"class": "session-key"}, key),
      el("td", {"class": "nonce"}, p.nonce === null ? "" : String(p.nonce)),
      el("td", {"class": "handshake"}, handshake),
      el("td", {"class": "transfer"}, p.rxBytes || p.txBytes ? bytes(p.rxBytes) + " received, " + bytes(p.txBytes) + " sent" : ""),
      el("td", {"class": "actions"},
        button("send", "Send", "wg0 sends a packet to " + p.name, "send", true),
        button("recv", "Recv", p.name + " sends a packet to wg0", "recv", p.simulated),
        button("roam", "Roam", p.name + " moves to a new outer address", "roam", p.simulated),
        button("spoof", "Spoof", p.name + " claims another peer's inner address", "spoof", p.simulated)));
    body.append(row);
  }
}

function renderTopology(s) {
  const root = document.getElementById("topology");
  root.replaceChildren();
  const boxW = 134, boxH = 40;
  const pos = {};
  const wg = s.topology.find(n => n.role === "wg");
  const router = s.topology.find(n => n.role === "router");
  const others = s.topology.filter(n => n.role !== "wg" && n.role !== "router");
  const height = Math.max(260, 30 + others.length * 52);
  root.setAttribute("viewBox", "0 0 520 " + height);
  pos[wg.name] = {x: 12, y: height / 2 - boxH / 2};
  pos[router.name] = {x: 200, y: height / 2 - boxH / 2};
  const step = (height - 20) / Math.max(1, others.length);
  others.forEach((n, i) => { pos[n.name] = {x: 372, y: 10 + i * step + (step - boxH) / 2}; });
  const mid = n => ({x: pos[n].x + boxW / 2, y: pos[n].y + boxH / 2});
  const wire = (a, b) => root.append(svg("line", {"class": "wire", x1: mid(a).x, y1: mid(a).y, x2: mid(b).x, y2: mid(b).y}));
  wire(wg.name, router.name);
  for (const n of others) wire(router.name, n.name);
  const defs = svg("defs");
  for (const [outcome, colour] of [["delivered", "#1f8a4c"], ["dropped", "#c0392b"], ["lost", "#b7791f"]]) {
    const m = svg("marker", {id: "arrow-" + outcome, viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse"});
    m.append(svg("path", {d: "M0,0 L10,5 L0,10 z", fill: colour}));
    defs.append(m);
  }
  root.append(defs);
  const p = s.lastPacket;
  if (p && pos[p.from] && pos[p.to]) {
    // The arrow stops at the edge of the box where the packet ended (or was dropped).
    const a = mid(p.from), r = mid(router.name), b = mid(p.to);
    const end = {x: b.x + (b.x > r.x ? -boxW / 2 : boxW / 2), y: b.y};
    root.append(svg("path", {"class": "path " + p.outcome, "marker-end": "url(#arrow-" + p.outcome + ")",
      d: `M${a.x},${a.y} L${r.x},${r.y} L${end.x},${end.y}`}));
  }
  for (const n of s.topology) {
    const g = svg("g", {"class": "node " + n.role, "data-node": n.name});
    g.append(svg("rect", {x: pos[n.name].x, y: pos[n.name].y, width: boxW, height: boxH, rx: 6}));
    const label = n.role === "wg" ? n.name + " (" + s.iface.name + ")" : n.name;
    g.append(svg("text", {x: pos[n.name].x + 8, y: pos[n.name].y + 16}, label));
    g.append(svg("text", {"class": "addr", x: pos[n.name].x + 8, y: pos[n.name].y + 31},
      n.outerAddress || (n.role === "router" ? "internet" : "not simulated")));
    root.append(g);
  }
  if (p && p.outcome === "dropped" && pos[p.dropAt]) {
    const d = mid(p.dropAt);
    root.append(svg("text", {"class": "x", x: d.x + boxW / 2 - 18, y: d.y - 8}, "✖"));
  }
}

function renderPacket(p) {
  const box = document.getElementById("packet");
  if (!p) { box.textContent = "No packet yet: press Send or Recv on a row."; return; }
  const verdict = {delivered: "✔ delivered", dropped: "✖ dropped", lost: "… not delivered"}[p.outcome];
  box.textContent = p.action + " " + p.innerSource + " → " + p.innerDestination + " (" + p.from + " → " + p.to + "): "
    + verdict + ". " + (p.outcome === "delivered" ? "" : p.detail);
}

function appendLog(entry) {
  const list = document.getElementById("log");
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.append(el("li", {"class": "k-" + entry.kind, "data-seq": entry.seq, "data-kind": entry.kind},
    el("span", {"class": "t"}, "[" + seconds(entry.timeNanos).padStart(11) + "]"), " ", entry.text));
  if (nearBottom) list.scrollTop = list.scrollHeight;
}

function followLog() {
  const source = new EventSource("/api/events");
  source.addEventListener("log", e => appendLog(JSON.parse(e.data)));
  source.addEventListener("reset", () => document.getElementById("log").replaceChildren());
  // A broken stream may have missed a Reset: start over from the whole kept log.
  source.addEventListener("error", () => {
    source.close();
    setTimeout(() => {
      document.getElementById("log").replaceChildren();
      followLog();
      api("/api/state").then(render);
    }, 1000);
  });
}

function setupForm() {
  const form = document.getElementById("add-peer");
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const error = document.getElementById("form-error");
    for (const i of form.querySelectorAll("input")) i.classList.remove("invalid");
    const body = Object.fromEntries(new FormData(form).entries());
    try {
      render(await api("/api/peers", body));
      error.textContent = "";
      form.reset();
    } catch (err) {
      error.textContent = err.message;
      const field = form.querySelector(`input[name="${err.field}"]`);
      if (field) field.classList.add("invalid");
    }
  });
}

function setupClock() {
  for (const b of document.querySelectorAll("[data-seconds]")) {
    b.addEventListener("click", () => act("/api/clock", {seconds: Number(b.dataset.seconds)}));
  }
  document.getElementById("reset").addEventListener("click", () => {
    document.getElementById("form-error").textContent = "";
    act("/api/reset");
  });
}

setupClock();
setupForm();
followLog();
api("/api/state").then(render);
