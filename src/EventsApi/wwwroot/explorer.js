// The explorer page: filters -> the same /v1 query strings a developer would write -> table, chart, sources.
// The page's own URL carries the filters (/?region=Luhansk), so a view can be bookmarked and shared.

import { FILTERS, eventQuery, getJson, absolute, curlCommand } from "./api.js";
import { drawTimeline } from "./timeline-chart.js";
import { fillTable } from "./event-table.js";
import { openEvent } from "./event-dialog.js";

const form = document.querySelector("#filters");
const table = document.querySelector("#events tbody");
const dialog = document.querySelector("#event");
const error = document.querySelector("#error");
const previous = document.querySelector("#previous");
const next = document.querySelector("#next");

// The pages seen so far in this query: the first page's path, then each links.next followed.
let pages = [];
let pageIndex = 0;
let nextPath = null;

function showError(problem) {
  error.hidden = problem === null;
  error.textContent = problem === null ? "" : String(problem.message ?? problem);
}

function filterValues() {
  const data = new FormData(form);
  return Object.fromEntries(FILTERS.map((name) => [name, String(data.get(name) ?? "")]));
}

function showQuery(path) {
  const url = absolute(path);
  document.querySelector("#query-url").value = url;
  document.querySelector("#query-curl").value = curlCommand(url);
  const csv = new URL(url);
  csv.searchParams.set("format", "csv");
  csv.searchParams.set("limit", "100000");
  csv.searchParams.delete("cursor");
  document.querySelector("#query-csv").href = csv.toString();
}

async function loadPage(path) {
  showQuery(path);
  try {
    const page = await getJson(path);
    fillTable(table, page.data, (id) => openEvent(dialog, id).catch(showError));
    nextPath = page.links.next ?? null;
    const first = pageIndex * Number(new URLSearchParams(path.split("?")[1]).get("limit") ?? 50);
    document.querySelector("#page-info").textContent = page.meta.total === 0
      ? "none match"
      : `${first + 1}–${first + page.data.length} of ${page.meta.total} (page ${pageIndex + 1})`;
    previous.disabled = pageIndex === 0;
    next.disabled = nextPath === null;
    showError(null);
  } catch (problem) {
    table.replaceChildren();
    showError(problem);
  }
}

async function loadTimeline(values) {
  const query = eventQuery(values);
  query.set("interval", "week");
  query.set("group_by", "type");
  try {
    drawTimeline(document.querySelector("#timeline"), (await getJson(`/v1/events/timeline?${query}`)).data);
  } catch (problem) {
    document.querySelector("#timeline").replaceChildren();
    showError(problem);
  }
}

async function search() {
  const values = filterValues();
  const limit = new FormData(form).get("limit");
  const query = eventQuery(values, limit);
  pages = [`/v1/events?${query}`];
  pageIndex = 0;
  await Promise.all([loadPage(pages[0]), loadTimeline(values)]);
}

function restoreFromLocation() {
  const query = new URLSearchParams(window.location.search);
  for (const name of [...FILTERS, "limit"]) {
    const field = form.elements.namedItem(name);
    if (field && query.has(name)) field.value = query.get(name);
  }
}

form.addEventListener("submit", async (submit) => {
  submit.preventDefault();
  const shown = eventQuery(filterValues(), new FormData(form).get("limit"));
  history.pushState(null, "", `/?${shown}`);
  await search();
});
form.addEventListener("reset", () => setTimeout(() => form.requestSubmit(), 0));
window.addEventListener("popstate", () => { form.reset(); restoreFromLocation(); search(); });

next.addEventListener("click", async () => {
  if (nextPath === null) return;
  pages = pages.slice(0, pageIndex + 1).concat(nextPath);
  pageIndex += 1;
  await loadPage(pages[pageIndex]);
});
previous.addEventListener("click", async () => {
  if (pageIndex === 0) return;
  pageIndex -= 1;
  await loadPage(pages[pageIndex]);
});

for (const button of document.querySelectorAll("[data-copy]")) {
  button.addEventListener("click", () => {
    const field = document.querySelector(`#${button.dataset.copy}`);
    field.select();
    navigator.clipboard?.writeText(field.value).catch(() => document.execCommand("copy"));
  });
}

// Name suggestions come from the catalog's prefix search, a few characters in, at most one request per pause.
function suggest(input, list, path) {
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const prefix = input.value.trim();
    if (prefix.length < 2) return;
    timer = setTimeout(async () => {
      const found = await getJson(`${path}?q=${encodeURIComponent(prefix)}&limit=20`).catch(() => ({ data: [] }));
      list.replaceChildren(...found.data.map((entry) => Object.assign(document.createElement("option"), { value: entry.name })));
    }, 250);
  });
}

async function start() {
  suggest(form.elements.namedItem("region"), document.querySelector("#region-names"), "/v1/places");
  suggest(form.elements.namedItem("actor"), document.querySelector("#actor-names"), "/v1/actors");
  try {
    const [dataset, types] = await Promise.all([getJson("/v1/dataset"), getJson("/v1/event-types")]);
    document.querySelector("#dataset").textContent =
      `${dataset.counts.events.toLocaleString("en")} events from ${dataset.counts.documents.toLocaleString("en")} documents, ` +
      `${dataset.first_date ?? "?"} to ${dataset.last_date ?? "?"} · dataset ${dataset.version}`;
    const select = form.elements.namedItem("type");
    for (const t of types.data) select.append(Object.assign(document.createElement("option"), { value: t.name, textContent: `${t.name.replaceAll("_", " ")} (${t.events})` }));
  } catch (problem) {
    showError(problem);
  }
  restoreFromLocation();
  await search();
  document.body.dataset.ready = "true";
}

start();
