// The dyads dashboard: D3 and topojson-client from vendor/, no build step, no request beyond
// this server. Article text is only ever inserted as text nodes (never innerHTML): evidence
// comes from the news. No inline styles either (the page works under a strict CSP).
"use strict";

const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const state = { cursor: null, filters: new URLSearchParams(), cameo: {}, world: null };

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
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const fmt = (value, digits = 2) => (value === null || value === undefined ? "–" : Number(value).toFixed(digits));
const number = (value) => Number(value).toLocaleString("en-US");
const plural = (count, word) => `${number(count)} ${word}${count === 1 ? "" : "s"}`;

// CAMEO names as the manual writes them, shortened for a table cell: roots are in capitals
// there ("CONSULT"), and ", not specified below" says only that no finer code applies.
function codeName(code) {
  const known = state.cameo[code];
  if (!known) return "";
  const name = known.name.replace(/, not specified below$/i, "");
  return name === name.toUpperCase() ? name[0] + name.slice(1).toLowerCase() : name;
}

function codeCell(code, name, title) {
  return el("td", { class: "coded", title: title || name || "" }, el("span", { class: "code" }, code || "–"),
    name ? el("span", { class: "name" }, name) : null);
}

// --- header --------------------------------------------------------------------------------------

function renderSummary(stats) {
  const c = stats.counts;
  const range = stats.dates.first ? `${stats.dates.first} – ${stats.dates.last}` : "no dated events";
  document.getElementById("summary").textContent =
    `${number(c.events)} events · ${number(c.mentions)} mentions · ${number(c.documents)} articles · ${range}`;
  const select = document.querySelector("#filter-form select[name=root]");
  for (const row of stats.by_root_code) {
    select.append(el("option", { value: row.root_code }, `${row.root_code} ${codeName(row.root_code)} (${row.events})`));
  }
}

// --- timeline: a continuous time axis; the series endpoint lists every period, zeros too ------

const PERIOD = { day: d3.utcDay, week: d3.utcMonday, month: d3.utcMonth };
const parseDay = (text) => new Date(`${text}T00:00:00Z`);
const isoDay = d3.utcFormat("%Y-%m-%d");

async function loadTimeline(source, target, both, interval) {
  const params = new URLSearchParams({ interval, both_directions: both });
  const data = await api(`/dyads/${encodeURIComponent(source)}/${encodeURIComponent(target)}/series`, params);
  const arrow = both ? "⇄" : "→";
  document.getElementById("timeline-title").textContent = `${data.source} ${arrow} ${data.target}, by ${interval}`;
  renderTimeline(data, interval);
  const series = data.series;
  const total = d3.sum(series, (p) => p.events);
  const active = series.filter((p) => p.events).length;
  const mean = total ? d3.sum(series, (p) => (p.events ? p.goldstein * p.events : 0)) / total : null;
  const summary = document.getElementById("timeline-summary");
  summary.textContent = total
    ? `${plural(total, "event")} in ${number(active)} of ${plural(series.length, interval)} ` +
      `(${series[0].period} to ${series[series.length - 1].period}; the others had none); mean Goldstein ${fmt(mean)}. ` +
      "Click a period to list its events."
    : "No dated events for this dyad.";
  summary.dataset.events = total;
  summary.dataset.periods = series.length;
}

function renderTimeline(data, interval) {
  const series = data.series;
  const box = d3.select("#timeline");
  box.selectAll("*").remove();
  const W = 1000, H = 260, m = { top: 24, right: 46, bottom: 26, left: 46 };
  const root = box.append("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("role", "img")
    .attr("aria-label", `events per ${interval}, ${data.source} to ${data.target}`);
  if (!series.length) return;
  const step = PERIOD[interval];
  const periods = series.map((p) => ({ ...p, start: parseDay(p.period), end: step.offset(parseDay(p.period), 1) }));
  const x = d3.scaleUtc().domain([periods[0].start, periods[periods.length - 1].end]).range([m.left, W - m.right]);
  const y = d3.scaleLinear().domain([0, d3.max(periods, (p) => p.events) || 1]).nice().range([H - m.bottom, m.top]);
  const g = d3.scaleLinear().domain([-10, 10]).range([H - m.bottom, m.top]);
  const yTicks = Math.min(5, y.domain()[1]);

  root.append("g").attr("class", "grid").attr("transform", `translate(${m.left},0)`)
    .call(d3.axisLeft(y).ticks(yTicks).tickSize(-(W - m.left - m.right)).tickFormat(""));
  root.append("g").attr("class", "axis x").attr("transform", `translate(0,${H - m.bottom})`)
    .call(d3.axisBottom(x).ticks(Math.min(12, periods.length + 1)).tickSizeOuter(0));
  root.append("g").attr("class", "axis y").attr("transform", `translate(${m.left},0)`)
    .call(d3.axisLeft(y).ticks(yTicks, "d"));
  root.append("g").attr("class", "axis goldstein").attr("transform", `translate(${W - m.right},0)`)
    .call(d3.axisRight(g).tickValues([-10, -5, 0, 5, 10]));
  root.append("line").attr("class", "goldstein-zero").attr("x1", m.left).attr("x2", W - m.right)
    .attr("y1", g(0)).attr("y2", g(0));
  root.append("text").attr("class", "axis-title").attr("x", m.left).attr("y", 10).attr("text-anchor", "middle").text("events");
  root.append("text").attr("class", "axis-title").attr("x", W - m.right).attr("y", 10).attr("text-anchor", "middle")
    .text("Goldstein");

  // stacked bars, one segment per QuadClass, across the period's whole width (less a gap)
  const bars = root.append("g").attr("class", "bars");
  for (const p of periods) {
    const x0 = x(p.start), width = x(p.end) - x0, gap = width > 4 ? 1 : 0;
    let base = 0;
    for (const quad of ["1", "2", "3", "4"]) {
      const part = p.by_quad_class[quad];
      if (!part) continue;
      bars.append("rect").attr("class", `bar q${quad}`).attr("x", x0 + gap / 2).attr("width", Math.max(width - gap, 0.8))
        .attr("y", y(base + part.events)).attr("height", y(base) - y(base + part.events))
        .attr("data-period", p.period).attr("data-quad", quad).attr("data-events", part.events);
      base += part.events;
    }
  }
  const line = d3.line().defined((p) => p.goldstein !== null).x((p) => (x(p.start) + x(p.end)) / 2).y((p) => g(p.goldstein));
  root.append("path").attr("class", "goldstein-line").attr("d", line(periods));
  root.append("g").selectAll("circle").data(periods.filter((p) => p.goldstein !== null)).join("circle")
    .attr("class", "goldstein-dot").attr("r", periods.length > 150 ? 1.5 : 3)
    .attr("cx", (p) => (x(p.start) + x(p.end)) / 2).attr("cy", (p) => g(p.goldstein))
    .attr("data-period", (p) => p.period).attr("data-goldstein", (p) => p.goldstein);

  // one column per period, zeros included: the tooltip, the hover and the click target
  root.append("g").attr("class", "periods").selectAll("rect").data(periods).join("rect")
    .attr("class", (p) => (p.events ? "period" : "period empty"))
    .attr("x", (p) => x(p.start)).attr("width", (p) => Math.max(x(p.end) - x(p.start), 0.5))
    .attr("y", m.top).attr("height", H - m.top - m.bottom)
    .attr("data-period", (p) => p.period).attr("data-events", (p) => p.events)
    .on("click", (_, p) => listPeriod(data, p))
    .append("title").text((p) => periodTip(p, interval));
}

function periodTip(p, interval) {
  if (!p.events) return `${interval} of ${p.period}: no events`;
  const parts = Object.entries(p.by_quad_class).map(([quad, part]) => `  ${part.events} ${QUADS[quad] || "unclassed"}`);
  return [`${interval} of ${p.period}: ${plural(p.events, "event")}, mean Goldstein ${fmt(p.goldstein)}`, ...parts].join("\n");
}

function listPeriod(data, period) {
  const filter = document.getElementById("filter-form");
  filter.reset();
  filter.dyad.value = `${data.source},${data.target}`;
  filter.since.value = period.period;
  filter.until.value = isoDay(d3.utcDay.offset(period.end, -1));
  filter.requestSubmit();
  document.getElementById("events-card").scrollIntoView({ behavior: "smooth", block: "start" });
}

function renderLegend(id, extra = []) {
  const legend = document.getElementById(id);
  for (const [quad, name] of Object.entries(QUADS)) legend.append(el("span", {}, el("i", { class: `swatch q${quad}` }), name));
  for (const item of extra) legend.append(item);
}

// --- map: Natural Earth countries, pan and zoom, places as pies of their QuadClasses -----------

const MAP_W = 720, MAP_H = 380;
const MAP_ZOOM = d3.zoom().scaleExtent([1, 24]).translateExtent([[0, 0], [MAP_W, MAP_H]]);

async function worldTopology() {
  if (!state.world) state.world = await (await fetch("/static/vendor/countries-110m.json")).json();
  return state.world;
}

async function loadMap(params) {
  const [data, topology] = await Promise.all([api("/places", params), worldTopology()]);
  renderMap(data, topology);
  const summary = document.getElementById("map-summary");
  summary.dataset.located = data.located;
  summary.dataset.total = data.total;
  summary.textContent = data.located
    ? `${number(data.located)} of ${plural(data.total, "event")} have coordinates, at ${plural(data.places.length, "place")}. ` +
      "Scroll or use the buttons to zoom, drag to pan, click a place to list its events."
    : `None of the ${plural(data.total, "event")} has coordinates yet (they appear here once places are geocoded).`;
}

function renderMap(data, topology) {
  const box = d3.select("#map");
  box.selectAll("*").remove();
  const root = box.append("svg").attr("viewBox", `0 0 ${MAP_W} ${MAP_H}`).attr("role", "img").attr("aria-label", "map of events")
    .attr("data-zoom", "1");
  const projection = d3.geoNaturalEarth1().fitExtent([[6, 6], [MAP_W - 6, MAP_H - 6]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const world = root.append("g").attr("class", "world");
  world.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  world.append("path").attr("class", "graticule").attr("d", path(d3.geoGraticule10()));
  world.append("g").selectAll("path").data(topojson.feature(topology, topology.objects.countries).features).join("path")
    .attr("class", "country").attr("d", path).attr("data-name", (d) => d.properties.name)
    .append("title").text((d) => d.properties.name);
  world.append("path").attr("class", "borders")
    .attr("d", path(topojson.mesh(topology, topology.objects.countries, (a, b) => a !== b)));

  const radius = d3.scaleSqrt().domain([0, d3.max(data.places, (p) => p.events) || 1]).range([0, 16]);
  const arc = d3.arc().innerRadius(0);
  const pie = d3.pie().sort(null).value((slice) => slice[1]);
  const places = data.places.map((place) => ({ ...place, xy: projection([place.lon, place.lat]), r: Math.max(3, radius(place.events)) }));
  const symbols = root.append("g").attr("class", "places");
  const placed = symbols.selectAll("g").data(places).join("g") // biggest first, so the small ones stay visible on top
    .attr("class", "place").attr("transform", (p) => `translate(${p.xy})`)
    .attr("data-name", (p) => p.name || "").attr("data-events", (p) => p.events).attr("data-country", (p) => p.country || "")
    .on("click", (_, p) => filterPlace(p));
  placed.append("title").text(placeTip);
  placed.selectAll("path").data((p) => pie(Object.entries(p.by_quad_class)).map((slice) => ({ ...slice, r: p.r }))).join("path")
    .attr("class", (s) => `slice q${s.data[0]}`).attr("d", (s) => arc.outerRadius(s.r)(s))
    .attr("data-quad", (s) => s.data[0]).attr("data-events", (s) => s.data[1]);

  MAP_ZOOM.on("zoom", ({ transform }) => {
    world.attr("transform", transform);
    placed.attr("transform", (p) => `translate(${transform.apply(p.xy)})`); // symbols keep their size
    root.attr("data-zoom", transform.k.toFixed(3));
  });
  root.call(MAP_ZOOM);
}

function placeTip(place) {
  const parts = Object.entries(place.by_quad_class).map(([quad, count]) => `  ${count} ${QUADS[quad] || "unclassed"}`);
  return [`${place.name || "unnamed place"}: ${plural(place.events, "event")}, mean Goldstein ${fmt(place.goldstein)}`, ...parts].join("\n");
}

function filterPlace(place) {
  const filter = document.getElementById("filter-form");
  filter.place.value = (place.name || "").split(",")[0];
  filter.requestSubmit();
}

function zoomMap(how) {
  const root = d3.select("#map svg");
  if (how === "reset") root.call(MAP_ZOOM.transform, d3.zoomIdentity);
  else root.call(MAP_ZOOM.scaleBy, how === "in" ? 2 : 0.5);
}

function sizeLegend() {
  return el("span", { class: "size-legend" }, el("i", { class: "dot small" }), el("i", { class: "dot large" }),
    "area: events at the place; slices: their QuadClasses");
}

// --- network: a force layout, labels placed where they do not collide -----------------------

const NET_W = 520, NET_H = 380, NET_MARGIN = 16;
const UNKNOWN_ACTOR = "unknown"; // the coder leaves the source empty when the text names no one ("a car bomb killed...")

function renderNetwork(dyads) {
  const box = d3.select("#network");
  box.selectAll("*").remove();
  const root = box.append("svg").attr("viewBox", `0 0 ${NET_W} ${NET_H}`).attr("role", "img").attr("aria-label", "network of dyads");
  root.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 0 10 10").attr("refX", 10).attr("refY", 5)
    .attr("markerWidth", 8).attr("markerHeight", 8).attr("markerUnits", "userSpaceOnUse").attr("orient", "auto")
    .append("path").attr("d", "M0,0L10,5L0,10Z").attr("class", "arrow-head");
  const activity = new Map();
  for (const d of dyads) for (const code of [d.source_code, d.target_code]) activity.set(code, (activity.get(code) || 0) + d.events);
  const size = d3.scaleSqrt().domain([0, d3.max(activity.values()) || 1]).range([3, 11]);
  const nodes = [...activity].map(([id, events]) => ({ id, events, r: size(events) }));
  const links = dyads.map((d) => ({ ...d, source: d.source_code, target: d.target_code }));
  layoutNetwork(nodes, links);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const width = d3.scaleLinear().domain([0, d3.max(dyads, (d) => d.events) || 1]).range([1, 7]);
  const edges = root.append("g").attr("class", "edges");
  for (const dyad of dyads) drawEdge(edges, dyad, byId.get(dyad.source_code), byId.get(dyad.target_code), width);
  const drawn = root.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
    .attr("class", "node").attr("data-code", (n) => n.id);
  drawn.append("circle").attr("cx", (n) => n.x).attr("cy", (n) => n.y).attr("r", (n) => n.r);
  drawn.append("title").text((n) => `${n.id || UNKNOWN_ACTOR}: ${plural(n.events, "event")} in the top dyads`);
  drawn.append("text").attr("class", (n) => (n.id ? "label" : "label unknown")).text((n) => n.id || UNKNOWN_ACTOR);
  const hidden = placeLabels(drawn, nodes);
  document.getElementById("network-note").textContent =
    "Arrows point from source to target; width is the number of events. Click a link to see its timeline." +
    (hidden ? ` ${plural(hidden, "label")} without room: hover a node for its code.` : "");
}

function layoutNetwork(nodes, links) {
  // d3-force starts from a fixed phyllotaxis and has no randomness: the same data, the same picture
  const simulation = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((n) => n.id).distance(60).strength(0.5))
    .force("charge", d3.forceManyBody().strength(-260))
    .force("x", d3.forceX(0).strength(0.07)).force("y", d3.forceY(0).strength(0.1))
    .force("collide", d3.forceCollide((n) => n.r + 22))
    .stop();
  simulation.tick(400);
  // scale the layout into the box, the same factor both ways
  const [x0, x1] = d3.extent(nodes, (n) => n.x), [y0, y1] = d3.extent(nodes, (n) => n.y);
  const innerW = NET_W - 2 * NET_MARGIN - 60, innerH = NET_H - 2 * NET_MARGIN - 16; // room for labels
  const k = Math.min(innerW / (x1 - x0 || 1), innerH / (y1 - y0 || 1), 1.6);
  for (const n of nodes) {
    n.x = NET_W / 2 + (n.x - (x0 + x1) / 2) * k;
    n.y = NET_H / 2 + (n.y - (y0 + y1) / 2) * k;
  }
}

function drawEdge(group, dyad, from, to, width) {
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const [nx, ny] = [(from.y - to.y) / length, (to.x - from.x) / length]; // bend: X->Y and Y->X are two links
  const bend = Math.min(18, length / 4);
  const [mx, my] = [(from.x + to.x) / 2 + nx * bend, (from.y + to.y) / 2 + ny * bend];
  const d = Math.hypot(mx - to.x, my - to.y) || 1; // stop at the target's edge
  const [ex, ey] = [to.x + ((mx - to.x) * (to.r + 2)) / d, to.y + ((my - to.y) * (to.r + 2)) / d];
  group.append("path").attr("class", "edge").attr("d", `M${from.x},${from.y}Q${mx},${my} ${ex},${ey}`)
    .attr("marker-end", "url(#arrow)").attr("stroke-width", width(dyad.events))
    .attr("data-source", dyad.source_code).attr("data-target", dyad.target_code).attr("data-events", dyad.events)
    .on("click", () => showDyad(dyad.source_code, dyad.target_code))
    .append("title").text(`${dyad.source_code || UNKNOWN_ACTOR} → ${dyad.target_code}: ${plural(dyad.events, "event")}, mean Goldstein ${fmt(dyad.goldstein)}`);
}

// Greedy placement, busiest actors first: the first of eight spots around the node whose box
// stays in the picture and overlaps no placed label and no node; none free, the label is hidden
// (the node's tooltip still names it). Returns how many were hidden.
function placeLabels(drawn, nodes) {
  const taken = nodes.map((n) => ({ x0: n.x - n.r, y0: n.y - n.r, x1: n.x + n.r, y1: n.y + n.r, node: n }));
  const overlaps = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  let hidden = 0;
  const order = [...drawn.nodes()].map((element, i) => ({ element, node: nodes[i] })).sort((a, b) => b.node.events - a.node.events);
  for (const { element, node } of order) {
    const label = element.querySelector("text");
    const { width, height } = label.getBBox();
    const gap = node.r + 3, ascent = height * 0.72;
    const spots = [[gap, ascent / 2, "start"], [-gap, ascent / 2, "end"], [0, -gap, "middle"], [0, gap + ascent, "middle"],
      [gap * 0.8, -gap * 0.8, "start"], [-gap * 0.8, -gap * 0.8, "end"], [gap * 0.8, gap * 0.8 + ascent, "start"],
      [-gap * 0.8, gap * 0.8 + ascent, "end"]];
    const free = spots.map(([dx, dy, anchor]) => {
      const x = node.x + dx, baseline = node.y + dy;
      const left = anchor === "start" ? x : anchor === "end" ? x - width : x - width / 2;
      return { x, baseline, anchor, box: { x0: left - 1, y0: baseline - ascent - 1, x1: left + width + 1, y1: baseline + height - ascent + 1 } };
    }).find(({ box }) => box.x0 >= 0 && box.y0 >= 0 && box.x1 <= NET_W && box.y1 <= NET_H &&
      !taken.some((other) => other.node !== node && overlaps(box, other)));
    if (!free) {
      label.classList.add("hidden-label");
      hidden += 1;
      continue;
    }
    label.setAttribute("x", free.x);
    label.setAttribute("y", free.baseline);
    label.setAttribute("text-anchor", free.anchor);
    taken.push({ ...free.box, node: null });
  }
  return hidden;
}

function showDyad(source, target) {
  const filter = document.getElementById("filter-form");
  if (!source || !target) { // an unknown side: no dyad to draw, the known actor's events
    filter.reset();
    filter.actor.value = source || target;
    filter.requestSubmit();
    return;
  }
  const form = document.getElementById("dyad-form");
  form.source.value = source;
  form.target.value = target;
  form.requestSubmit();
  filter.reset();
  filter.dyad.value = `${source},${target}`;
  filter.requestSubmit();
}

// --- events table -------------------------------------------------------------------------------

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
  const eventCell = codeCell(event.code, codeName(event.code), `${event.code} ${state.cameo[event.code]?.name || ""}`);
  eventCell.prepend(el("span", { class: `quad q${event.quad_class}`, title: QUADS[event.quad_class] || "" }));
  const row = el("tr", { "data-event-id": event.event_id },
    el("td", { class: "date" }, event.date || "–"),
    codeCell(event.source_code, event.source_name),
    eventCell,
    codeCell(event.target_code, event.target_name),
    el("td", { class: "number" }, fmt(event.goldstein, 1)),
    el("td", { class: "number" }, String(event.num_mentions)),
    el("td", { class: "evidence" }, event.sentence || ""));
  row.addEventListener("click", () => openEvent(event.event_id, event.doc_id).catch(showError));
  return row;
}

function readFilters(form) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (String(value).trim()) params.set(key, String(value).trim());
  return params;
}

// --- reported figures: one row per figure, however many articles repeat it ---------------------

function bounds(figure) {
  const low = figure.low === null ? null : number(figure.low);
  const high = figure.high === null ? null : number(figure.high);
  if (low !== null && high !== null) return low === high ? low : `${low}–${high}`;
  if (low !== null) return `> ${low}`;
  return high !== null ? `< ${high}` : "–";
}

function reportDates(figure) {
  return figure.first_reported === figure.last_reported ? figure.first_reported || ""
    : `${figure.first_reported} – ${figure.last_reported}`;
}

function reportsText(figure) {
  const dates = reportDates(figure);
  return `${plural(figure.num_mentions, "mention")} in ${plural(figure.num_articles, "article")}` + (dates ? ` (${dates})` : "");
}

async function loadFigures() {
  const data = await api("/figures", new URLSearchParams({ limit: "50" }));
  const body = document.querySelector("#figures-table tbody");
  const total = document.getElementById("figures-total");
  total.dataset.total = data.figures.length;
  total.textContent = data.available ? `${data.figures.length} shown` : "(not in this database)";
  body.replaceChildren(...data.figures.map((figure) => {
    const row = el("tr", { "data-kind": figure.kind, "data-figure-id": figure.figure_id, "data-mentions": figure.num_mentions },
      el("td", {}, figure.kind),
      el("td", { class: "number" }, bounds(figure)),
      el("td", {}, figure.number_text),
      el("td", {}, figure.refers_to || "–"),
      el("td", {}, figure.place_name || "–"),
      el("td", {}, figure.reporters.length ? figure.reporters.join("; ") : "–"),
      el("td", { class: "date" }, figure.as_of || "–"),
      el("td", { class: "reports" }, el("span", {}, `${plural(figure.num_mentions, "mention")} in ${plural(figure.num_articles, "article")}`),
        el("span", { class: "dates" }, reportDates(figure))),
      el("td", { class: "evidence" }, figure.sentence || ""));
    row.addEventListener("click", () => openFigure(figure, 0).catch(showError));
    return row;
  }));
}

// --- the article panel: the text on the left, the event or figure and its reasons beside it ----

function openPanel(kind, id) {
  const panel = document.getElementById("article");
  panel.hidden = false;
  panel.dataset.kind = kind;
  panel.dataset.id = id;
  const current = panel.querySelector(".sentence.current");
  if (current) current.scrollIntoView({ block: "center" });
}

async function openEvent(eventId, docId) {
  const event = await api(`/events/${eventId}`);
  const mention = event.mentions.find((m) => m.mention_id === event.mention_id) || event.mentions[0];
  const doc = await api(`/documents/${encodeURIComponent(mention ? mention.content_hash : docId)}`);
  const isCurrent = (sentence) => sentence.events.some((e) => e.event_id === event.event_id);
  document.getElementById("article-body").replaceChildren(...articleHeader(doc),
    legendOf(["source", "target", "trigger"]), articleText(doc, { isCurrent }));
  document.getElementById("article-side").replaceChildren(eventSummary(event),
    mention ? explainBox(mention.sentence, doc.pub_date) : el("p", { class: "note" }, "No mention to explain."));
  openPanel("event", eventId);
}

async function openFigure(figure, which) {
  const report = figure.reports[which] || figure;
  const doc = await api(`/documents/${encodeURIComponent(report.content_hash)}`);
  const focus = { start: report.sentence_start, end: report.sentence_end, text: report.sentence,
    mark: { start: report.start_offset, end: report.end_offset, type: "figure", title: `${figure.kind}: ${report.number_text}` } };
  document.getElementById("article-body").replaceChildren(...articleHeader(doc),
    legendOf(["figure", "source", "target", "trigger"]), articleText(doc, { focus }));
  document.getElementById("article-side").replaceChildren(figureSummary(figure, which));
  openPanel("figure", report.figure_id);
}

function articleHeader(doc) {
  const link = doc.url && /^https?:\/\//.test(doc.url) ? el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer" }, doc.url) : (doc.url || "");
  return [el("h3", {}, doc.title || doc.doc_id || "article"),
    el("div", { class: "meta" }, `${doc.source || "unknown outlet"} · ${doc.pub_date || "undated"} · `, link)];
}

function legendOf(types) {
  const names = { source: "source", target: "target", trigger: "event words", figure: "the figure" };
  return el("div", { class: "span-legend note" }, ...types.map((type) => el("mark", { class: type }, names[type])));
}

// The article with its coded sentences (and the figure's sentence) marked in place; when the
// database keeps no text, those sentences alone, with "…" for what lies between.
function articleText(doc, { isCurrent = () => false, focus = null }) {
  const ranges = doc.sentences.map((s) => ({ start: s.start, end: s.end, text: s.text, index: s.index, current: isCurrent(s),
    marks: s.spans.map((span) => ({ start: span.article_start, end: span.article_end, type: span.type, title: `${span.type}: ${span.code || ""}` })) }));
  if (focus && focus.start !== null && focus.start !== undefined) {
    const same = ranges.find((r) => r.start === focus.start);
    if (same) {
      same.current = true;
      same.marks.unshift(focus.mark);
    } else {
      ranges.push({ start: focus.start, end: focus.end, text: focus.text, current: true, marks: [focus.mark] });
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  const sentence = (r, tag) => el(tag, { class: r.current ? "sentence current" : "sentence", "data-index": r.index ?? "" },
    ...highlight(r.text, r.start, r.marks));
  if (doc.text) {
    const article = el("div", { class: "full-text" });
    let position = 0;
    for (const r of ranges) {
      if (r.start < position) continue; // overlapping ranges: keep the first
      article.append(doc.text.slice(position, r.start), sentence(r, "span"));
      position = r.end;
    }
    article.append(doc.text.slice(position));
    return article;
  }
  const nodes = [el("p", { class: "note" }, `The ${plural(ranges.length, "marked sentence")} of this ${number(doc.n_chars)}-character ` +
    "article (the database keeps the evidence sentences, not the full text):")];
  let previousEnd = 0;
  for (const r of ranges) {
    if (r.start > previousEnd + 1) nodes.push(el("div", { class: "gap" }, "…"));
    nodes.push(sentence(r, "p"));
    previousEnd = r.end;
  }
  return el("div", { class: "sentences" }, ...nodes);
}

// Marks in article offsets over a sentence starting at `offset`; where marks overlap (the
// trigger inside a source phrase, two events in one sentence) the earlier in the list wins.
function highlight(text, offset, marks) {
  const chosen = [];
  for (const mark of marks) {
    const start = mark.start - offset, end = mark.end - offset;
    if (!(start >= 0 && end <= text.length && start < end)) continue;
    if (chosen.some((c) => start < c.end && c.start < end)) continue;
    chosen.push({ ...mark, start, end });
  }
  chosen.sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const mark of chosen) {
    out.push(document.createTextNode(text.slice(at, mark.start)));
    out.push(el("mark", { class: mark.type, title: mark.title || mark.type }, text.slice(mark.start, mark.end)));
    at = mark.end;
  }
  out.push(document.createTextNode(text.slice(at)));
  return out;
}

function eventSummary(event) {
  const name = state.cameo[event.code]?.name || event.code_name || "";
  const facts = `${event.date || "undated"} · ${QUADS[event.quad_class] || ""} · Goldstein ${fmt(event.goldstein, 1)} · ` +
    `${plural(event.num_mentions, "mention")} in ${plural(event.num_articles, "article")} from ${plural(event.num_sources, "outlet")}`;
  return el("div", { class: "event-summary" }, actorLine(event.source_code, event.source_name, "source"),
    el("div", { class: "what" }, el("span", { class: `quad q${event.quad_class}` }), el("span", { class: "code" }, event.code), ` ${name}`),
    actorLine(event.target_code, event.target_name, "target"), el("div", { class: "note" }, facts));
}

function actorLine(code, name, side) {
  if (!code) return el("div", { class: "who note" }, `no ${side} named`);
  return el("div", { class: "who" }, el("strong", {}, name || code), ` (${code})`);
}

// "Why this code?": the coder's reasoning for the evidence sentence (GET /explain), beside it
function explainBox(sentence, pubDate) {
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
    output.dataset.ready = "true";
  });
  return el("div", { class: "explain-box" }, button, el("p", { class: "note" },
    "Re-codes the highlighted sentence and shows the actors' dictionary entries and the pattern that fired."), output);
}

function figureSummary(figure, which) {
  const list = el("ol", { class: "reports" }, ...figure.reports.map((report, i) => {
    const item = el("li", { class: i === which ? "current" : "", "data-figure-id": report.figure_id },
      el("span", { class: "date" }, report.pub_date || "undated"), ` ${report.source || ""}: `, report.title || report.doc_id);
    item.addEventListener("click", () => openFigure(figure, i).catch(showError));
    return item;
  }));
  const more = figure.num_mentions > figure.reports.length ? el("p", { class: "note" }, `and ${number(figure.num_mentions - figure.reports.length)} more`) : null;
  return el("div", { class: "figure-summary" },
    el("div", { class: "what" }, el("strong", {}, `${bounds(figure)} ${figure.kind}`), ` (“${figure.number_text}”)`),
    el("div", { class: "note" }, [figure.refers_to, figure.place_name, figure.as_of && `as of ${figure.as_of}`].filter(Boolean).join(" · ")),
    figure.reporters.length ? el("div", { class: "note" }, `according to ${figure.reporters.join("; ")}`) : null,
    el("h4", {}, `Reported ${reportsText(figure)}`), list, more);
}

// --- start -------------------------------------------------------------------------------------

function defaultDyad(stats) {
  const irnRus = stats.top_dyads.find((d) => d.source_code.startsWith("IRN") && d.target_code.startsWith("RUS"));
  if (irnRus || !stats.top_dyads.length) return ["IRN", "RUS"];
  return [stats.top_dyads[0].source_code, stats.top_dyads[0].target_code];
}

function closePanel() { document.getElementById("article").hidden = true; }

async function start() {
  renderLegend("timeline-legend", [el("span", {}, el("i", { class: "swatch line" }), "mean Goldstein (right axis)")]);
  renderLegend("map-legend", [sizeLegend()]);
  const [stats, cameo] = await Promise.all([api("/stats"), api("/cameo")]);
  state.cameo = cameo.codes;
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
  filterForm.querySelector("button[type=reset]").addEventListener("click", () => setTimeout(() => filterForm.requestSubmit()));
  document.getElementById("more").addEventListener("click", () => loadEvents(true));
  document.getElementById("zoom-in").addEventListener("click", () => zoomMap("in"));
  document.getElementById("zoom-out").addEventListener("click", () => zoomMap("out"));
  document.getElementById("zoom-reset").addEventListener("click", () => zoomMap("reset"));
  document.getElementById("close-article").addEventListener("click", closePanel);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closePanel(); });
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
