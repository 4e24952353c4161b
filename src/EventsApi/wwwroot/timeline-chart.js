// Events per week by type as stacked SVG bars, drawn with the DOM (no chart library, no inline styles).

const SVG = "http://www.w3.org/2000/svg";
const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

function element(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Draws the timeline's buckets (period, start, group, events) into the container, replacing what was there. */
export function drawTimeline(container, buckets) {
  container.replaceChildren();
  if (buckets.length === 0) {
    container.append(Object.assign(document.createElement("p"), { className: "muted", textContent: "No events match." }));
    return;
  }
  const periods = [...new Set(buckets.map((b) => b.start))].sort();
  const types = [...new Set(buckets.map((b) => b.group ?? "all"))].sort();
  const colour = new Map(types.map((t, i) => [t, COLOURS[i % COLOURS.length]]));
  const totals = new Map();
  for (const b of buckets) totals.set(b.start, (totals.get(b.start) ?? 0) + b.events);
  const highest = Math.max(...totals.values());

  const width = 900, height = 220, left = 40, bottom = 24, top = 8;
  const barWidth = Math.max(1, (width - left) / periods.length);
  const scale = (height - bottom - top) / highest;
  const svg = element("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `Events per week by type, ${periods.length} weeks` });
  svg.append(element("text", { x: 0, y: top + 10, class: "axis" }, String(highest)));
  svg.append(element("text", { x: 0, y: height - bottom, class: "axis" }, "0"));
  svg.append(element("text", { x: left, y: height - 6, class: "axis" }, periods[0]));
  svg.append(element("text", { x: width, y: height - 6, class: "axis", "text-anchor": "end" }, periods[periods.length - 1]));

  const stacked = new Map();
  for (const b of [...buckets].sort((x, y) => types.indexOf(x.group ?? "all") - types.indexOf(y.group ?? "all"))) {
    const below = stacked.get(b.start) ?? 0;
    const x = left + periods.indexOf(b.start) * barWidth;
    const h = b.events * scale;
    const bar = element("rect", {
      x: x.toFixed(2), y: (height - bottom - below - h).toFixed(2), width: Math.max(0.5, barWidth - 1).toFixed(2), height: h.toFixed(2),
      fill: colour.get(b.group ?? "all"), "data-period": b.start, "data-type": b.group ?? "all",
    });
    bar.append(element("title", {}, `week of ${b.start}: ${b.events} ${b.group ?? ""} event${b.events === 1 ? "" : "s"}`));
    svg.append(bar);
    stacked.set(b.start, below + h);
  }
  const legend = document.createElement("ul");
  legend.className = "legend";
  for (const t of types) {
    const item = document.createElement("li");
    const swatch = element("svg", { width: 12, height: 12, "aria-hidden": "true" });
    swatch.append(element("rect", { width: 12, height: 12, fill: colour.get(t) }));
    item.append(swatch, ` ${t.replaceAll("_", " ")}`);
    legend.append(item);
  }
  container.append(svg, legend);
}
