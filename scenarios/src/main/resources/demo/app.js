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

// wgsim's own plain-language notes, for someone who knows IP but not WireGuard.
const HELP = {
  clock: ["the virtual clock", "Nothing happens on its own: the simulation runs only when you press a button. " +
    "Send, Recv, Spoof and Forge run it 1 s (ample for a handshake); the + buttons run it longer so that timers fire: " +
    "keepalives, handshake retries, rekeys after 2 minutes, keys refused after 3."],
  iface: ["the WireGuard interface", "wg0 is a network interface like eth0, with an IP address inside the tunnel. " +
    "Its identity is a Curve25519 key pair: the public key is its name (peers list it), the private key proves it. " +
    "The outer address and listening port are where its encrypted UDP datagrams leave from."],
  table: ["cryptokey routing", "Each row is a peer: a public key tied to the inner addresses it may use. " +
    "Sending, wg0 picks the row whose allowed IPs hold the destination (the longest prefix wins) and encrypts with that peer's session key. " +
    "Receiving, wg0 decrypts, then checks the inner source address against the same row: a peer can only speak for its own addresses."],
  peer: ["peer", "Another WireGuard device wg0 knows. Its name here is only a label for you; WireGuard knows it by its public key."],
  publicKey: ["public key", "32 bytes (base64) that identify the peer. Only the holder of the matching private key can " +
    "complete a handshake as this peer, so the key is both its address book entry and its password."],
  allowedIps: ["allowed IPs", "Inner addresses that belong to this peer. Outbound: a packet to any of them goes to this peer. " +
    "Inbound: a packet from this peer must come from one of them, or wg0 drops it. Prefixes may nest (10.0.0.0/24 beside 10.0.0.2/32): " +
    "the longest match wins; after a Send the matching prefixes are marked."],
  endpoint: ["endpoint", "The outer IP address and UDP port where wg0 sends this peer's datagrams. wg0 learns and updates it from " +
    "packets that authenticate as the peer (roaming), never from one that does not: a forged packet cannot move it."],
  sessionKey: ["session key", "The symmetric key of the current session, derived by the handshake (both sides compute it; it is " +
    "never sent). It is replaced by a new handshake after 2 minutes of use or a set number of messages, and refused after 3 minutes. " +
    "Open ‘keypairs’ to see the previous, current and next slots with their ages."],
  nonce: ["nonce", "The counter of the next packet sent on this session; every packet, keepalives included, uses a new one. " +
    "The receiver refuses a counter it has already seen, which stops replays."],
  handshake: ["latest handshake", "When wg0 and the peer last agreed on fresh keys. The handshake is two messages (148 and 92 bytes) " +
    "and happens on demand: the first packet to a peer triggers it. A peer with a persistent keepalive (the phone) also starts one " +
    "by itself, so a Send to the laptop runs the clock long enough to complete the phone's too."],
  actions: ["the buttons", "Send: wg0 sends a UDP packet into the tunnel to the peer. Recv: the peer sends one to wg0. " +
    "Roam: the peer moves to a new outer address (Wi-Fi to LTE). Spoof: the peer sends from an inner address that is not its own. " +
    "Forge: someone at the peer's outer address sends a copy of its last packet with one bit changed: it fails " +
    "authentication, so wg0 drops it and the endpoint stays. (A Spoof does authenticate: the endpoint follows it even " +
    "though the inner source check then drops its contents.)"],
  lessons: ["lessons", "Each button sets up one situation and runs it, so the log and the table show the effect. The allowed-IPs " +
    "drop, the longest match of nested prefixes, a roam noticed through a keepalive, and a forgery that moves nothing."],
  rekey: ["rekeying by count", "WireGuard starts a new handshake once a session has sent 2^60 messages or is 2 minutes old. " +
    "Set a small count here (e.g. 10) and press Send repeatedly: the session key changes after that many packets."],
  log: ["event log", "What wg0 did, in virtual time, in words. Lines marked ‘inspect’ are about one datagram: click one (or Tab to it and " +
    "press Enter) to open it in the packet inspector."],
  download: ["download", "The capture holds every packet at wg0's host; the keylog holds wg0's private keys (static and each " +
    "handshake's ephemeral). Open the capture in Wireshark with Preferences → Protocols → WireGuard → key log file, or run " +
    "tshark -r wgsim-demo.pcap -o wg.keylog_file:wgsim-demo.keys: handshakes and data appear decrypted."],
  path: ["where the packet went", "The outer path of the latest demo packet: green delivered, red dropped (the ✖ marks where). " +
    "Below it, every datagram that action put on the wire: click one to open it."],
  addPeer: ["add peer", "Adds a row to wg0. Leave the public key empty and wgsim generates a key pair and simulates the new " +
    "peer's device, so Recv works; paste a key and only wg0's side exists. The same prefix on two peers is refused (wg set would " +
    "move it); nested prefixes are fine."],
  tailnet: ["the tailnet", "Tailscale's model on the same WireGuard devices: no one types keys. Each device logs in to the " +
    "coordination server, which gives it a 100.64.0.0/10 address and streams the netmap (every peer's key, addresses, " +
    "endpoints and home DERP region); the device turns each netmap entry into a WireGuard peer. Packets first go through " +
    "the peer's home DERP relay; disco pings and call-me-maybe then punch through the NATs, and the path turns direct " +
    "where the NAT pair allows it (two hard NATs never do)."],
  path2: ["path", "How magicsock, below WireGuard, sends this peer's datagrams now: through a DERP relay region, or " +
    "direct to the address and port hole punching found (local: on the same LAN). WireGuard itself only sees a fixed " +
    "alias endpoint per peer, shown in the endpoint column; the path changes under it without a new handshake."],
  addDevice: ["add device", "A new machine runs ‘tailscale up’ now: on a public address, or on an existing device's home " +
    "network behind its NAT. Control registers it and sends its key in the next netmap batch, so a row with its 100.x " +
    "address appears in every table. With ‘pings’ set it sends one ping a second, so its path is used and punched."],
  reauth: ["re-authentication", "The device logs in again with a new node key (its WireGuard key pair), as after a key " +
    "expiry. Its tailscale0 switches to the new private key at once, so sessions under the old one stop; control keeps the " +
    "node's addresses and sends the new key in the next netmap batch, and each peer replaces the old row with the new key " +
    "(the public key column changes); the next packet starts a fresh handshake."],
  inspector: ["packet inspector", "The datagram as it crossed the wire, field by field. Encrypted parts are opened with keys " +
    "rebuilt from the captured handshake and wg0's own secrets, the way Wireshark does with a keylog."],
};

function explain(key) {
  const [title, text] = HELP[key] || ["?", ""];
  document.getElementById("explain-title").textContent = title;
  document.getElementById("explain-text").replaceChildren(el("p", {}, text));
  document.getElementById("explain").classList.add("shown");
}

function setupHelp() {
  document.addEventListener("click", e => {
    const b = e.target.closest("button.help");
    if (b) { e.preventDefault(); explain(b.dataset.help); }
  });
  document.getElementById("explain-close").addEventListener("click", () => {
    document.getElementById("explain").classList.remove("shown");
  });
  document.addEventListener("keydown", e => {
    if (e.key === "Escape") document.getElementById("explain").classList.remove("shown");
  });
  for (const b of document.querySelectorAll("button.help")) {
    b.title = HELP[b.dataset.help] ? HELP[b.dataset.help][1] : "";
  }
}

// The guided tour: the same explanations, one part of the page at a time.
const TOUR = [["section.iface", "iface"], ["#peers", "table"], ["#peers th:nth-child(3)", "allowedIps"],
  ["#peers th:nth-child(4)", "endpoint"], ["#peers th:nth-child(5)", "sessionKey"], ["#peers th:nth-child(6)", "nonce"],
  ["#peers th:nth-child(9)", "actions"], [".clock-box", "clock"], ["#log", "log"], ["#topology", "path"],
  [".lessons", "lessons"], ["#add-peer", "addPeer"], [".downloads", "download"]];
let tourAt = -1;

function tourShow(i) {
  for (const e of document.querySelectorAll(".tour-focus")) e.classList.remove("tour-focus");
  tourAt = i;
  const nav = document.getElementById("tour-nav");
  if (i < 0 || i >= TOUR.length) {
    nav.hidden = true;
    tourAt = -1;
    return;
  }
  const [selector, key] = TOUR[i];
  explain(key);
  nav.hidden = false;
  document.getElementById("tour-step").textContent = "tour " + (i + 1) + " of " + TOUR.length;
  document.getElementById("tour-next").textContent = i === TOUR.length - 1 ? "Finish" : "Next ›";
  const target = document.querySelector(selector);
  if (target) {
    target.classList.add("tour-focus");
    target.scrollIntoView({block: "center"});
  }
  document.getElementById("tour-next").focus();
}

function setupTour() {
  document.getElementById("tour").addEventListener("click", () => tourShow(0));
  document.getElementById("tour-next").addEventListener("click", () => tourShow(tourAt + 1));
  document.getElementById("tour-end").addEventListener("click", () => {
    tourShow(-1);
    document.getElementById("explain").classList.remove("shown");
  });
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
  const rk = s.iface.rekeyAfterMessages;
  document.getElementById("rekey-now").textContent = "now: " + (rk === String(2 ** 60) || rk === "1152921504606846976" ? "2^60 (WireGuard's default)" : rk);
  renderMode(s);
  renderPeers(s, previous);
  if (s.tailnet) { renderTailnet(s, previous); return; }
  renderRoute(s.lastPacket);
  renderTopology(s);
  renderPacket(s.lastPacket);
}

function renderRoute(p) {
  const box = document.getElementById("route");
  if (!p || !p.route) { box.hidden = true; box.replaceChildren(); return; }
  const r = p.route;
  box.hidden = false;
  const list = el("ul", {});
  for (const m of r.matches) {
    list.append(el("li", {"class": m.chosen ? "chosen" : "lost", "data-peer": m.peer, "data-prefix": m.prefix},
      m.prefix + " → " + m.peer + (m.chosen ? "  ✔ longest match: this row encrypts it" : "  (shorter: not used)")));
  }
  box.replaceChildren(el("b", {}, "Which row did " + r.destination + " match? "),
    r.peer ? el("span", {}, r.peer + "'s " + r.prefix) : el("span", {}, "none: no allowed IPs contain it, so wg0 drops it"),
    list);
}

function ageClass(s, createdNanos) {
  const age = s.nowNanos - createdNanos;
  if (age >= s.iface.rejectAfterNanos) return "age-rejected";
  if (age >= s.iface.rekeyAfterNanos) return "age-due";
  return "age-ok";
}

function ageWords(s, createdNanos) {
  const age = s.nowNanos - createdNanos;
  const secs = (age / 1e9).toFixed(0) + " s old";
  if (age >= s.iface.rejectAfterNanos) return secs + ": past 180 s, rejected";
  if (age >= s.iface.rekeyAfterNanos) return secs + ": past 120 s, rekey due";
  return secs;
}

function renderPeers(s, previous) {
  const body = document.querySelector("#peers tbody");
  body.replaceChildren();
  for (const p of s.peers) {
    const old = previous && previous.peers.find(q => q.name === p.name);
    const changed = old && (old.sessionKey !== p.sessionKey || old.endpoint !== p.endpoint);
    const moved = old && old.endpoint !== p.endpoint;
    const current = p.keypairs.find(k => k.slot === "current");
    const cls = current ? ageClass(s, current.createdNanos) : "";
    const key = p.sessionKey
      ? el("span", {"class": "key live " + cls, title: p.sessionKey, "data-full": p.sessionKey}, shortKey(p.sessionKey))
      : el("span", {"class": "key none", "data-full": ""}, "(none yet)");
    const keyCell = el("td", {"class": "session-key " + cls, "data-label": "session key"}, key);
    if (current) keyCell.append(el("div", {"class": "age small"}, ageWords(s, current.createdNanos)));
    if (p.keypairs.length > 0) {
      const det = el("details", {"class": "slots"}, el("summary", {}, "keypairs (" + p.keypairs.length + ")"));
      for (const k of p.keypairs) {
        det.append(el("div", {"class": "slot " + ageClass(s, k.createdNanos), "data-slot": k.slot},
          el("b", {}, k.slot), " ", el("span", {"class": "mono", title: k.sendKey}, shortKey(k.sendKey)),
          " · nonce " + k.nonce + " · " + ageWords(s, k.createdNanos) + " · " + (k.initiator ? "wg0 initiated" : "peer initiated")
          + " · index " + k.localIndex));
      }
      keyCell.append(det);
    }
    const handshake = p.latestHandshakeNanos >= 0 ? ago(s.nowNanos, p.latestHandshakeNanos) : "";
    const allowed = el("td", {"class": "allowed", "data-label": "allowed IPs"});
    const route = s.lastPacket && s.lastPacket.route;
    for (const a of p.allowedIps) {
      const m = route && route.matches.find(x => x.peer === p.name && x.prefix === a);
      allowed.append(el("span", {"class": m ? (m.chosen ? "match chosen" : "match lost") : ""}, a));
    }
    if (p.allowedIps.length === 0) allowed.append(el("span", {"class": "none"}, "(none)"));
    const button = (cls, label, title, action, enabled) => {
      const b = el("button", {"class": cls, title: title, onclick: () => act("/api/peers/" + encodeURIComponent(p.name) + "/" + action)}, label);
      if (!enabled) { b.disabled = true; b.title = title + " (needs the peer's private key, which was pasted)"; }
      return b;
    };
    const row = el("tr", {"data-peer": p.name, "class": changed ? "flash" : ""},
      el("td", {"class": "name", "data-label": "peer"}, p.name),
      el("td", {"class": "pub", title: p.publicKey, "data-label": "public key"}, shortKey(p.publicKey)),
      allowed,
      el("td", {"class": "endpoint" + (moved ? " moved" : ""), "data-label": "endpoint"}, p.endpoint || "(none)",
        ...(p.persistentKeepalive > 0 ? [el("div", {"class": "muted small"}, "keepalive every " + p.persistentKeepalive + " s")] : [])),
      keyCell,
      el("td", {"class": "nonce", "data-label": "nonce"}, p.nonce === null ? "" : String(p.nonce)),
      el("td", {"class": "handshake", "data-label": "latest handshake"}, handshake),
      el("td", {"class": "transfer", title: "received / sent by wg0", "data-label": "transfer"}, p.rxBytes || p.txBytes ? "↓ " + bytes(p.rxBytes) + " ↑ " + bytes(p.txBytes) : ""),
      ...(s.tailnet ? [el("td", {"class": "path " + pathClass(p.path) + (old && old.path !== p.path ? " moved" : ""),
        "data-label": "path"}, p.path || "none")] : []),
      ...(s.tailnet ? [] : [el("td", {"class": "actions", "data-label": ""},
        button("send", "Send", "wg0 sends a packet to " + p.name, "send", true),
        button("recv", "Recv", p.name + " sends a packet to wg0", "recv", p.simulated),
        button("roam", "Roam", p.name + " moves to a new outer address", "roam", p.simulated),
        button("spoof", "Spoof", p.name + " claims another peer's inner address", "spoof", p.simulated),
        button("forge", "Forge", "someone at " + p.name + "'s outer address sends a copy of its last packet with one bit changed", "forge", p.simulated))]));
    body.append(row);
  }
}

// ---- the tailnet demo ----

function pathClass(path) {
  if (!path) return "none";
  if (path.startsWith("DERP")) return "relayed";
  if (path.startsWith("direct")) return "direct";
  if (path.startsWith("local")) return "local";
  return "none";
}

function renderMode(s) {
  const t = !!s.tailnet;
  document.getElementById("tailnet").hidden = !t;
  document.getElementById("play").hidden = !t;
  for (const id of ["lessons", "where", "add-peer-card", "downloads"]) document.getElementById(id).hidden = t;
  document.querySelector("th.path-col").hidden = !t;
  document.querySelector("th.actions-col").hidden = t;
  document.title = t ? "wgsim demo: tailnet" : "wgsim demo: cryptokey routing";
  document.querySelector("header h1 .thin").textContent = t ? "tailnet, live" : "cryptokey routing, live";
}

function renderTailnet(s, previous) {
  const t = s.tailnet;
  const grid = document.getElementById("tailnet-grid");
  const head = el("tr", {}, el("th", {}, "device ↓ reaches peer →"));
  for (const d of t.devices) head.append(el("th", {"class": "peer-col", title: d.name + " " + d.address}, d.name));
  const rows = [el("thead", {}, head)];
  const body = el("tbody", {});
  const before = {};
  if (previous && previous.tailnet) {
    for (const d of previous.tailnet.devices) for (const c of d.paths) before[d.name + "→" + c.peer] = c.path;
  }
  for (const d of t.devices) {
    const pick = el("button", {"class": "pick" + (d.name === t.selected ? " selected" : ""), "data-device": d.name,
      title: "show " + d.name + "'s tailscale0 table", onclick: () => act("/api/tailnet/select", {device: d.name})}, d.name);
    const status = d.joined ? (d.connected ? "" : " · control down") : " · not joined yet";
    const tr = el("tr", {"data-device": d.name, "class": d.added ? "added" : ""},
      el("th", {"class": "device"}, pick, el("div", {"class": "muted small"}, d.address + " · " + d.nat + " · home " + d.home + status)));
    const cells = {};
    for (const c of d.paths) cells[c.peer] = c;
    for (const p of t.devices) {
      const c = cells[p.name];
      if (p.name === d.name) { tr.append(el("td", {"class": "self"}, "")); continue; }
      if (!c) { tr.append(el("td", {"class": "cell empty", "data-from": d.name, "data-to": p.name, "data-path": ""}, "")); continue; }
      const label = c.path === "direct" ? "D" : c.path === "local" ? "L" : c.path === "relayed" ? c.text.replace("DERP ", "") : "·";
      const changed = before[d.name + "→" + p.name] !== undefined && before[d.name + "→" + p.name] !== c.path;
      tr.append(el("td", {"class": "cell " + c.path + (changed ? " moved" : ""), "data-from": d.name, "data-to": p.name,
        "data-path": c.path, title: d.name + " → " + p.name + ": " + c.text}, label));
    }
    body.append(tr);
  }
  rows.push(body);
  grid.replaceChildren(...rows);
  fillSelect(document.querySelector("#add-device select[name=behind]"), [["", "public address (no NAT)"]].concat(
    t.devices.filter(d => !d.nat.startsWith("none")).map(d => [d.name, "behind " + d.name + "'s NAT (" + d.nat + ")"])));
  fillSelect(document.querySelector("#add-device select[name=pingTo]"), [["", "nobody"]].concat(
    t.devices.map(d => [d.name, d.name + " (" + d.address + ")"])));
}

function fillSelect(select, options) {
  const keep = select.value;
  if (select.options.length === options.length) return;
  select.replaceChildren(...options.map(([v, label]) => el("option", {value: v}, label)));
  if (options.some(([v]) => v === keep)) select.value = keep;
}

let playing = null;

function setupTailnet() {
  const play = document.getElementById("play");
  play.addEventListener("click", () => {
    if (playing) { clearInterval(playing); playing = null; play.textContent = "▶ Play"; return; }
    play.textContent = "❚❚ Pause";
    playing = setInterval(() => act("/api/clock", {seconds: 1}), 700);
  });
  document.getElementById("reauth").addEventListener("click", () =>
    act("/api/tailnet/reauth", {device: state.tailnet.selected}));
  const form = document.getElementById("add-device");
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const error = document.getElementById("device-error");
    const f = Object.fromEntries(new FormData(form).entries());
    try {
      render(await api("/api/tailnet/devices", {name: f.deviceName, behind: f.behind, pingTo: f.pingTo}));
      error.textContent = "";
      form.querySelector("input[name=deviceName]").value = "";
    } catch (err) {
      error.textContent = err.message;
    }
  });
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
    const path = svg("path", {"class": "path " + p.outcome, "marker-end": "url(#arrow-" + p.outcome + ")",
      d: `M${a.x},${a.y} L${r.x},${r.y} L${end.x},${end.y}`});
    if (p.carrier !== null && p.carrier !== undefined) {
      // The datagram that carried the demo packet to its delivery or its drop.
      const last = p.carrier;
      path.classList.add("clickable");
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      path.setAttribute("data-packet", last);
      path.setAttribute("aria-label", "open packet #" + last + " in the inspector");
      path.addEventListener("click", () => inspect(last));
      path.addEventListener("keydown", e => { if (e.key === "Enter") inspect(last); });
    }
    root.append(path);
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
  renderPacketList(p);
  if (!p) { box.textContent = "No packet yet: press Send or Recv on a row."; return; }
  const verdict = {delivered: "✔ delivered", dropped: "✖ dropped", lost: "… not delivered"}[p.outcome];
  box.textContent = p.action + " " + p.innerSource + " → " + p.innerDestination + " (" + p.from + " → " + p.to + "): "
    + verdict + ". " + (p.outcome === "delivered" ? "" : p.detail);
}

function appendLog(entry) {
  const list = document.getElementById("log");
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const attrs = {"class": "k-" + entry.kind, "data-seq": entry.seq, "data-kind": entry.kind};
  if (entry.packet !== null && entry.packet !== undefined) {
    attrs["class"] += " has-packet";
    attrs["data-packet"] = entry.packet;
    attrs["tabindex"] = "0";
    attrs["role"] = "button";
    attrs["title"] = "open packet #" + entry.packet + " in the inspector";
  }
  const li = el("li", attrs, el("span", {"class": "t"}, "[" + seconds(entry.timeNanos).padStart(11) + "]"), " ",
    entry.text, ...(attrs["data-packet"] !== undefined ? [" ", el("span", {"class": "lens", "aria-hidden": "true"}, "inspect")] : []));
  if (entry.kind === "endpoint") li.classList.add("causal");
  list.append(li);
  if (nearBottom) list.scrollTop = list.scrollHeight;
}

function setupLogClicks() {
  const list = document.getElementById("log");
  const open = e => {
    const li = e.target.closest("li.has-packet");
    if (li) inspect(Number(li.dataset.packet));
  };
  list.addEventListener("click", open);
  list.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(e); } });
}

function renderPacketList(p) {
  const box = document.getElementById("packet-list");
  box.replaceChildren();
  if (!p || !p.capture || p.capture.length === 0) return;
  box.append(el("span", {"class": "small muted"}, "on the wire: "));
  for (const i of p.capture) {
    box.append(el("button", {"class": "chip", "data-packet": i, onclick: () => inspect(i)}, "#" + i));
  }
}

function hexBlock(hex) {
  return el("code", {"class": "hex"}, hex.replace(/(..)/g, "$1 ").trim());
}

async function inspect(index) {
  const panel = document.getElementById("inspector");
  const body = document.getElementById("inspector-body");
  let x;
  try {
    x = await api("/api/packets/" + index);
  } catch (e) {
    body.replaceChildren(el("p", {"class": "form-error"}, e.message));
    panel.hidden = false;
    return;
  }
  panel.dataset.packet = String(x.index);
  panel.dataset.type = x.type;
  const head = el("p", {"class": "summary"}, el("b", {}, "#" + x.index + " " + x.summary), " · " + seconds(x.timeNanos) + " · " +
    x.direction + (x.peer ? " · " + x.peer : "") + " · outer " + x.outerSource + " → " + x.outerDestination);
  const table = el("table", {"class": "fields"},
    el("thead", {}, el("tr", {}, el("th", {}, "offset"), el("th", {}, "field"), el("th", {}, "value"), el("th", {}, "bytes on the wire"), el("th", {}, "opens to"))));
  const tb = el("tbody", {});
  for (const f of x.fields) {
    tb.append(el("tr", {"data-field": f.name},
      el("td", {"class": "off"}, f.offset + "+" + f.length),
      el("td", {"class": "name", title: f.explain}, f.name, el("div", {"class": "small muted"}, f.explain)),
      el("td", {"class": "value"}, f.value),
      el("td", {"class": "bytes"}, hexBlock(f.hex)),
      el("td", {"class": "plain"}, f.plaintext ? el("div", {"class": "plaintext"}, f.plaintext) : "",
        f.plaintextHex ? hexBlock(f.plaintextHex) : "")));
  }
  table.append(tb);
  const parts = [head, table];
  if (x.sessionNote) parts.push(el("p", {"class": "note small"}, x.sessionNote));
  if (x.inner) {
    const i = x.inner;
    parts.push(el("div", {"class": "inner"}, el("h3", {}, "inner packet (decrypted)"),
      el("p", {}, "IP " + i.source + " → " + i.destination + " · " + i.protocol +
        (i.sourcePort !== null ? " " + i.sourcePort + " → " + i.destinationPort : "")),
      i.payloadText !== null ? el("p", {}, "payload: “", el("span", {"class": "inner-payload"}, i.payloadText), "”") : "",
      hexBlock(i.hex)));
  }
  if (x.steps.length > 0) parts.push(dhDiagram(x.steps));
  body.replaceChildren(...parts);
  panel.hidden = false;
  panel.focus();
  panel.scrollIntoView({block: "nearest"});
}

// Noise_IKpsk2 as four DH steps and the psk mix, from the handshake the inspected message belongs to.
function dhDiagram(steps) {
  const box = el("div", {"class": "dh"}, el("h3", {}, "where the keys came from (Noise_IKpsk2)"));
  const ol = el("ol", {});
  for (const st of steps) {
    ol.append(el("li", {"class": "step s-" + st.kind, "data-step": st.label},
      el("span", {"class": "msg"}, st.message), el("b", {}, st.label), el("span", {"class": "muted"}, " ← " + st.inputs),
      el("div", {"class": "mono small"}, st.result)));
  }
  box.append(ol, el("p", {"class": "small muted"}, "Four Diffie-Hellman results (es, ss, ee, se) and the preshared key are " +
    "chained through the KDF; every encrypted field above opened with the key of its step, which proves the chain. " +
    "T₁ and T₂ are the session keys: one per direction."));
  return box;
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

async function lesson(steps) {
  try {
    for (const [path, body] of steps) render(await api(path, body || {}));
  } catch (e) {
    document.getElementById("message").textContent = "⚠ " + e.message;
  }
}

function setupLessons() {
  document.getElementById("lesson-source").addEventListener("click", () => lesson([["/api/peers/laptop/spoof"]]));
  document.getElementById("lesson-nested").addEventListener("click", () => {
    const steps = [];
    if (!state.peers.find(p => p.name === "lan")) {
      steps.push(["/api/peers", {name: "lan", allowedIps: "10.0.0.0/24", endpoint: "203.0.113.60:51820", publicKey: "", tunnelAddress: ""}]);
    }
    steps.push(["/api/peers/laptop/send"], ["/api/peers/lan/send"]);
    lesson(steps);
  });
  document.getElementById("lesson-roam").addEventListener("click", () =>
    lesson([["/api/peers/phone/recv"], ["/api/peers/phone/roam"], ["/api/clock", {seconds: 30}]]));
  document.getElementById("lesson-forge").addEventListener("click", () => lesson([["/api/peers/phone/forge"]]));
  const form = document.getElementById("rekey");
  form.addEventListener("submit", e => {
    e.preventDefault();
    act("/api/rekey", {messages: Number(document.getElementById("rekey-messages").value)});
  });
  document.getElementById("rekey-default").addEventListener("click", () => act("/api/rekey", {messages: 2 ** 60}));
  document.getElementById("inspector-close").addEventListener("click", () => {
    document.getElementById("inspector").hidden = true;
  });
}

setupHelp();
setupTour();
setupLessons();
setupLogClicks();
setupClock();
setupForm();
setupTailnet();
followLog();
api("/api/state").then(render);
