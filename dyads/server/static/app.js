// The dyads dashboard: plain SVG, no build step, no network beyond this server's API.
// Article text is only ever inserted as text nodes (never innerHTML): evidence comes from the news.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const state = { cursor: null, filters: new URLSearchParams(), roots: {} };

// --- helpers ------------------------------------------------------------------------------------

async function api(path, params) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) {
    const detail = Array.isArray(body.detail) ? body.detail.map((d) => `${d.loc.slice(-1)[0]}: ${d.msg}`).join("; ") : body.detail;
    throw new Error(detail || response.statusText);
  }
  return body;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function svg(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function tip(node, text) { svg("title", {}, node).textContent = text; }
const fmt = (value, digits = 2) => (value === null || value === undefined ? "–" : Number(value).toFixed(digits));
const number = (value) => Number(value).toLocaleString("en-US");

// --- header ----------------------------------------------------------------------------------

function renderSummary(stats) {
  const c = stats.counts;
  const range = stats.dates.first ? `${stats.dates.first} – ${stats.dates.last}` : "no dated events";
  document.getElementById("summary").textContent =
    `${number(c.events)} events · ${number(c.mentions)} mentions · ${number(c.documents)} articles · ${range}`;
  const select = document.querySelector("#filter-form select[name=root]");
  for (const row of stats.by_root_code) {
    state.roots[row.root_code] = row.name;
    select.append(el("option", { value: row.root_code }, `${row.root_code} ${row.name || ""} (${row.events})`));
  }
}

// --- timeline --------------------------------------------------------------------------------

async function loadTimeline(source, target, both, interval) {
  const params = new URLSearchParams({ interval, both_directions: both });
  const data = await api(`/dyads/${encodeURIComponent(source)}/${encodeURIComponent(target)}/series`, params);
  const arrow = both ? "⇄" : "→";
  document.getElementById("timeline-title").textContent = `${data.source} ${arrow} ${data.target}, by ${interval}`;
  renderTimeline(data.series);
  const total = data.series.reduce((sum, p) => sum + p.events, 0);
  const mean = total ? data.series.reduce((sum, p) => sum + p.goldstein * p.events, 0) / total : null;
  document.getElementById("timeline-summary").textContent = total
    ? `${number(total)} events in ${data.series.length} ${interval}s; mean Goldstein ${fmt(mean)}`
    : "No dated events for this dyad.";
  document.getElementById("timeline-summary").dataset.events = total;
}

function renderTimeline(series) {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  const W = 1000, H = 250, left = 40, right = 40, top = 10, bottom = 34;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events over time" });
  box.appendChild(root);
  if (!series.length) return;
  const max = Math.max(...series.map((p) => p.events));
  const step = (W - left - right) / series.length;
  const y = (count) => H - bottom - (count / max) * (H - top - bottom);
  const g = (value) => H - bottom - ((value + 10) / 20) * (H - top - bottom); // Goldstein -10..10
  drawTimelineAxes(root, { W, H, left, right, top, bottom, max, y, g });
  series.forEach((period, i) => {
    let base = 0;
    for (const quad of ["1", "2", "3", "4"]) {
      const part = period.by_quad_class[quad];
      if (!part) continue;
      const rect = svg("rect", { class: `bar q${quad}`, x: left + i * step + step * 0.1, width: Math.max(step * 0.8, 1),
        y: y(base + part.events), height: y(base) - y(base + part.events), "data-period": period.period,
        "data-quad": quad, "data-events": part.events }, root);
      tip(rect, `${period.period}: ${part.events} ${QUADS[quad]} event(s), mean Goldstein ${fmt(part.goldstein)}`);
      base += part.events;
    }
  });
  const points = series.map((p, i) => `${left + (i + 0.5) * step},${g(p.goldstein)}`);
  svg("polyline", { class: "goldstein-line", points: points.join(" ") }, root);
  series.forEach((p, i) => tip(svg("circle", { class: "goldstein-dot", cx: left + (i + 0.5) * step, cy: g(p.goldstein), r: 3,
    "data-period": p.period, "data-goldstein": p.goldstein }, root), `${p.period}: mean Goldstein ${fmt(p.goldstein)}`));
  const labelEvery = Math.ceil(series.length / 12);
  series.forEach((p, i) => {
    if (i % labelEvery) return;
    svg("text", { x: left + (i + 0.5) * step, y: H - 16, "text-anchor": "middle", class: "tick" }, root).textContent = p.period;
  });
}

function drawTimelineAxes(root, { W, H, left, right, top, bottom, max, y, g }) {
  const axis = svg("g", { class: "axis" }, root);
  svg("line", { x1: left, x2: W - right, y1: H - bottom, y2: H - bottom }, axis);
  for (const value of [0, Math.round(max / 2), max]) {
    svg("text", { x: left - 6, y: y(value) + 3, "text-anchor": "end" }, axis).textContent = value;
  }
  for (const value of [-10, 0, 10]) {
    svg("line", { x1: left, x2: W - right, y1: g(value), y2: g(value), "stroke-dasharray": "2 4" }, axis);
    svg("text", { x: W - right + 6, y: g(value) + 3 }, axis).textContent = value;
  }
  svg("text", { x: left, y: H - 2 }, axis).textContent = "events (bars)";
  svg("text", { x: W - right, y: H - 2, "text-anchor": "end" }, axis).textContent = "mean Goldstein (line)";
}

function renderLegend() {
  const legend = document.getElementById("timeline-legend");
  for (const [quad, name] of Object.entries(QUADS)) legend.append(el("span", {}, el("i", { class: `q${quad}` }), name));
  legend.append(el("span", {}, el("i", { style: "background: var(--accent); height: 3px" }), "mean Goldstein"));
}

// --- map -------------------------------------------------------------------------------------

const MAP_W = 720, MAP_H = 360;
const project = (lon, lat) => [((lon + 180) / 360) * MAP_W, ((90 - lat) / 180) * MAP_H];

function topologyRings(topology) {
  // TopoJSON: quantized, delta-encoded arcs; a negative index is a reversed arc (~index).
  const [sx, sy] = topology.transform.scale, [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (indexes) => indexes.flatMap((index, k) => {
    const points = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
    return k ? points.slice(1) : points;
  });
  const rings = [];
  for (const geometry of topology.objects.land.geometries) {
    const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.arcs;
    for (const polygon of polygons) for (const indexes of polygon) rings.push(ring(indexes));
  }
  return rings;
}

async function drawWorld(root) {
  svg("rect", { class: "sea", x: 0, y: 0, width: MAP_W, height: MAP_H }, root);
  for (let lon = -150; lon <= 150; lon += 30) {
    const [x] = project(lon, 0);
    svg("line", { class: "graticule", x1: x, x2: x, y1: 0, y2: MAP_H }, root);
  }
  for (let lat = -60; lat <= 60; lat += 30) {
    const [, y] = project(0, lat);
    svg("line", { class: "graticule", x1: 0, x2: MAP_W, y1: y, y2: y }, root);
  }
  const topology = await (await fetch("/static/vendor/land-110m.json")).json();
  const d = topologyRings(topology).map((points) =>
    "M" + points.map(([lon, lat]) => project(lon, lat).map((v) => v.toFixed(1)).join(",")).join("L") + "Z").join("");
  svg("path", { class: "land", d, "fill-rule": "evenodd" }, root);
}

async function loadMap(params) {
  const box = document.getElementById("map");
  box.replaceChildren();
  const root = svg("svg", { viewBox: `0 0 ${MAP_W} ${MAP_H}`, role: "img", "aria-label": "map of events" });
  box.appendChild(root);
  const [data] = await Promise.all([api("/places", params), drawWorld(root)]);
  const max = Math.max(1, ...data.places.map((p) => p.events));
  const layer = svg("g", { class: "points" }, root);
  for (const place of data.places) {
    const [x, y] = project(place.lon, place.lat);
    const quad = place.goldstein < 0 ? 3 : 1;
    const dot = svg("circle", { class: `point q${quad}`, cx: x, cy: y, r: 3 + 9 * Math.sqrt(place.events / max),
      "data-events": place.events, "data-name": place.name || "" }, layer);
    tip(dot, `${place.name || "unnamed place"}: ${place.events} event(s), mean Goldstein ${fmt(place.goldstein)}`);
  }
  const summary = document.getElementById("map-summary");
  summary.dataset.located = data.located;
  summary.dataset.total = data.total;
  summary.textContent = data.located
    ? `${number(data.located)} of ${number(data.total)} events have coordinates, at ${data.places.length} places.`
    : `None of the ${number(data.total)} events has coordinates yet (they appear here once places are geocoded).`;
}

// --- network ---------------------------------------------------------------------------------

function renderNetwork(dyads) {
  const box = document.getElementById("network");
  box.replaceChildren();
  const W = 520, H = 360, cx = W / 2, cy = H / 2, radius = Math.min(W, H) / 2 - 50;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "network of dyads" });
  box.appendChild(root);
  const defs = svg("defs", {}, root);
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9,
    markerUnits: "userSpaceOnUse", orient: "auto" }, defs);
  svg("path", { d: "M0,0L10,5L0,10Z", fill: "#8a94a6" }, marker);
  const actors = [...new Set(dyads.flatMap((d) => [d.source_code, d.target_code]))];
  const position = {};
  actors.forEach((code, i) => {
    const angle = (2 * Math.PI * i) / actors.length - Math.PI / 2;
    position[code] = [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
  });
  const max = Math.max(1, ...dyads.map((d) => d.events));
  for (const dyad of dyads) drawEdge(root, dyad, position, max);
  for (const code of actors) drawNode(root, code, position[code], cx);
}

function drawEdge(root, dyad, position, max) {
  const [x1, y1] = position[dyad.source_code], [x2, y2] = position[dyad.target_code];
  const length = Math.hypot(x2 - x1, y2 - y1) || 1;
  const [nx, ny] = [(y1 - y2) / length, (x2 - x1) / length]; // bend: X->Y and Y->X are two links
  const [mx, my] = [(x1 + x2) / 2 + nx * 24, (y1 + y2) / 2 + ny * 24];
  const shorten = (x, y, tx, ty) => { const d = Math.hypot(tx - x, ty - y) || 1; return [x + ((tx - x) * 9) / d, y + ((ty - y) * 9) / d]; };
  const [ex, ey] = shorten(x2, y2, mx, my);
  const edge = svg("path", { class: "edge", d: `M${x1},${y1}Q${mx},${my} ${ex},${ey}`, "marker-end": "url(#arrow)",
    "stroke-width": 1 + 7 * (dyad.events / max), "data-source": dyad.source_code, "data-target": dyad.target_code,
    "data-events": dyad.events }, root);
  tip(edge, `${dyad.source_code} → ${dyad.target_code}: ${dyad.events} events, mean Goldstein ${fmt(dyad.goldstein)}`);
  edge.addEventListener("click", () => showDyad(dyad.source_code, dyad.target_code));
}

function drawNode(root, code, [x, y], cx) {
  const node = svg("g", { class: "node", "data-code": code }, root);
  svg("circle", { cx: x, cy: y, r: 7 }, node);
  const label = svg("text", { x: x + (x >= cx ? 10 : -10), y: y + 4, "text-anchor": x >= cx ? "start" : "end" }, node);
  label.textContent = code;
}

function showDyad(source, target) {
  const form = document.getElementById("dyad-form");
  form.source.value = source;
  form.target.value = target;
  form.requestSubmit();
  const filter = document.getElementById("filter-form");
  filter.dyad.value = `${source},${target}`;
  filter.requestSubmit();
}

// --- events table ----------------------------------------------------------------------------

async function loadEvents(append) {
  const params = new URLSearchParams(state.filters);
  params.set("limit", "100");
  if (append && state.cursor) params.set("cursor", state.cursor);
  const error = document.getElementById("filter-error");
  let page;
  try {
    page = await api("/events", params);
    error.hidden = true;
  } catch (err) {
    error.textContent = err.message;
    error.hidden = false;
    return;
  }
  const body = document.querySelector("#events-table tbody");
  if (!append) body.replaceChildren();
  for (const event of page.events) body.append(eventRow(event));
  state.cursor = page.next_cursor;
  document.getElementById("more").hidden = !page.next_cursor;
  const total = document.getElementById("events-total");
  total.textContent = `${number(page.total)} match`;
  total.dataset.total = page.total;
  const exportParams = new URLSearchParams(state.filters);
  exportParams.delete("sort");
  exportParams.set("format", "csv");
  document.getElementById("export-link").href = `/export?${exportParams}`;
}

function eventRow(event) {
  const row = el("tr", { "data-event-id": event.event_id },
    el("td", {}, event.date || "–"),
    el("td", { class: "code", title: event.source_name || "" }, event.source_code),
    el("td", { class: "code", title: state.roots[event.root_code] || "" }, el("span", { class: `quad q${event.quad_class}` }), event.code),
    el("td", { class: "code", title: event.target_name || "" }, event.target_code || "–"),
    el("td", {}, fmt(event.goldstein, 1)),
    el("td", {}, String(event.num_mentions)),
    el("td", { class: "evidence" }, event.sentence || ""));
  row.addEventListener("click", () => openArticle(event.event_id, event.doc_id));
  return row;
}

function readFilters(form) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (String(value).trim()) params.set(key, String(value).trim());
  return params;
}

// --- reported figures ------------------------------------------------------------------------

function bounds(figure) {
  const low = figure.low === null ? null : number(figure.low);
  const high = figure.high === null ? null : number(figure.high);
  if (low !== null && high !== null) return low === high ? low : `${low}–${high}`;
  if (low !== null) return `> ${low}`;
  return high !== null ? `< ${high}` : "–";
}

async function loadFigures() {
  const data = await api("/figures", new URLSearchParams({ limit: "50" }));
  const body = document.querySelector("#figures-table tbody");
  const total = document.getElementById("figures-total");
  total.dataset.total = data.figures.length;
  total.textContent = data.available ? `${data.figures.length} shown` : "(not in this database)";
  body.replaceChildren(...data.figures.map((figure) => {
    const row = el("tr", { "data-kind": figure.kind },
      el("td", {}, figure.kind),
      el("td", { class: "number" }, bounds(figure)),
      el("td", {}, figure.number_text),
      el("td", {}, figure.refers_to || "–"),
      el("td", {}, figure.place_name || "–"),
      el("td", {}, figure.reporter || "–"),
      el("td", {}, figure.as_of || "–"),
      el("td", { class: "evidence" }, figure.sentence || ""));
    row.addEventListener("click", () => openDocument(figure.content_hash).catch(showError));
    return row;
  }));
}

async function openDocument(contentHash) {
  const doc = await api(`/documents/${encodeURIComponent(contentHash)}`);
  const body = document.getElementById("article-body");
  body.replaceChildren(el("h3", {}, doc.title || doc.doc_id || "article"), el("p", { class: "article-text" }, doc.text || ""));
  document.getElementById("article").hidden = false;
}

// --- article view ----------------------------------------------------------------------------

async function openArticle(eventId, docId) {
  const event = await api(`/events/${eventId}`);
  const mention = event.mentions.find((m) => m.mention_id === event.mention_id) || event.mentions[0];
  const doc = await api(`/documents/${encodeURIComponent(mention ? mention.content_hash : docId)}`);
  const body = document.getElementById("article-body");
  body.replaceChildren(...articleView(event, doc));
  const panel = document.getElementById("article");
  panel.hidden = false;
  panel.dataset.eventId = eventId;
  const current = body.querySelector(".sentence.current");
  if (current) current.scrollIntoView({ block: "center" });
  if (mention) body.append(explainButton(mention.sentence, doc.pub_date));
}

// "why this code?": the coder's reasoning for the evidence sentence (GET /explain)
function explainButton(sentence, pubDate) {
  const output = el("pre", { class: "explanation", hidden: "" });
  const button = el("button", { type: "button", class: "explain" }, "Why this code?");
  button.addEventListener("click", async () => {
    const params = new URLSearchParams({ text: sentence });
    if (pubDate) params.set("date", String(pubDate).slice(0, 10));
    output.textContent = "…";
    output.hidden = false;
    try {
      output.textContent = (await api("/explain", params)).text;
    } catch (error) {
      output.textContent = String(error.message || error);
    }
  });
  return el("div", { class: "explain-box" }, button, output);
}

function articleView(event, doc) {
  const link = doc.url && /^https?:\/\//.test(doc.url) ? el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer" }, doc.url) : (doc.url || "");
  const nodes = [
    el("h3", {}, doc.title || doc.doc_id),
    el("div", { class: "meta" }, `${doc.source || "unknown outlet"} · ${doc.pub_date || "undated"} · `, link),
    eventSummary(event),
    el("div", { class: "span-legend note" }, el("mark", { class: "source" }, "source"), el("mark", { class: "target" }, "target"),
      el("mark", { class: "trigger" }, "event words")),
  ];
  if (doc.text) {
    // the whole article, with the coded sentences marked in place
    const article = el("div", { class: "full-text" });
    let position = 0;
    for (const sentence of doc.sentences) {
      if (sentence.start > position) article.append(doc.text.slice(position, sentence.start));
      const current = sentence.events.some((e) => e.event_id === event.event_id);
      article.append(el("span", { class: current ? "sentence current" : "sentence", "data-index": sentence.index },
        ...highlight(sentence.text, sentence.spans)));
      position = Math.max(position, sentence.end);
    }
    article.append(doc.text.slice(position));
    nodes.push(article);
    return nodes;
  }
  nodes.push(el("p", { class: "note" }, `The ${doc.sentences.length} coded sentence(s) of this ${number(doc.n_chars)}-character ` +
    "article (the database keeps the evidence sentences, not the full text):"));
  let previousEnd = 0;
  for (const sentence of doc.sentences) {
    if (sentence.start > previousEnd + 1) nodes.push(el("div", { class: "gap" }, "…"));
    const current = sentence.events.some((e) => e.event_id === event.event_id);
    nodes.push(el("p", { class: current ? "sentence current" : "sentence", "data-index": sentence.index }, ...highlight(sentence.text, sentence.spans)));
    previousEnd = sentence.end;
  }
  return nodes;
}

function eventSummary(event) {
  const parts = [
    el("strong", {}, `${event.source_name || event.source_code} (${event.source_code})`),
    ` ${event.code_name || event.code} [${event.code}] `,
    el("strong", {}, event.target_code ? `${event.target_name || event.target_code} (${event.target_code})` : "—"),
  ];
  const facts = `${event.date || "undated"} · ${QUADS[event.quad_class] || ""} · Goldstein ${fmt(event.goldstein, 1)} · ` +
    `${event.num_mentions} mention(s) in ${event.num_articles} article(s) from ${event.num_sources} outlet(s)`;
  return el("div", { class: "event-summary" }, ...parts, el("div", { class: "note" }, facts));
}

function highlight(text, spans) {
  // Spans may overlap (the trigger inside a source phrase, two events in one sentence): keep the first.
  const out = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    out.push(document.createTextNode(text.slice(at, span.start)));
    out.push(el("mark", { class: span.type, title: `${span.type}: ${span.code || ""}` }, text.slice(span.start, span.end)));
    at = span.end;
  }
  out.push(document.createTextNode(text.slice(at)));
  return out;
}

// --- start -----------------------------------------------------------------------------------

function defaultDyad(stats) {
  const irnRus = stats.top_dyads.find((d) => d.source_code.startsWith("IRN") && d.target_code.startsWith("RUS"));
  if (irnRus || !stats.top_dyads.length) return ["IRN", "RUS"];
  return [stats.top_dyads[0].source_code, stats.top_dyads[0].target_code];
}

async function start() {
  renderLegend();
  const stats = await api("/stats");
  renderSummary(stats);
  renderNetwork(stats.top_dyads);
  const [source, target] = defaultDyad(stats);
  const dyadForm = document.getElementById("dyad-form");
  dyadForm.source.value = source;
  dyadForm.target.value = target;
  dyadForm.addEventListener("submit", (e) => {
    e.preventDefault();
    loadTimeline(dyadForm.source.value.trim() || "IRN", dyadForm.target.value.trim() || "RUS",
      dyadForm.both.checked, dyadForm.interval.value).catch(showError);
  });
  const filterForm = document.getElementById("filter-form");
  filterForm.addEventListener("submit", (e) => {
    e.preventDefault();
    state.filters = readFilters(filterForm);
    state.cursor = null;
    loadEvents(false);
    const mapParams = new URLSearchParams(state.filters);
    mapParams.delete("sort");
    loadMap(mapParams).catch(showError);
  });
  document.getElementById("more").addEventListener("click", () => loadEvents(true));
  document.getElementById("close-article").addEventListener("click", () => { document.getElementById("article").hidden = true; });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") document.getElementById("article").hidden = true; });
  await Promise.all([
    loadTimeline(source, target, false, dyadForm.interval.value),
    loadEvents(false),
    loadMap(new URLSearchParams()),
    loadFigures(),
  ]);
  document.body.dataset.ready = "true";
}

function showError(err) {
  const error = document.getElementById("filter-error");
  error.textContent = err.message;
  error.hidden = false;
}

start().catch(showError);

// --- new events: a database that `dyads watch` writes changes under the server (GET /version) --

const VERSION_POLL_MS = 15000;

async function followVersion() {
  const button = document.getElementById("new-events");
  let shown;
  try { shown = await api("/version"); } catch { return; }
  button.addEventListener("click", () => window.location.reload());
  setInterval(async () => {
    let now;
    try { now = await api("/version"); } catch { return; }  // a restarting server: the next poll
    if (now.version === shown.version) return;
    const added = now.events - shown.events;
    button.textContent = added > 0 ? `${number(added)} new events: refresh` : "new data: refresh";
    button.hidden = false;
  }, VERSION_POLL_MS);
}

followVersion();
