// One event with its evidence: every source that reports it and the sentence quoted from each.

import { getJson } from "./api.js";

function fact(list, term, value) {
  if (value === null || value === undefined || value === "") return;
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value;
  list.append(dt, dd);
}

/** Fetches /v1/events/{id} and shows it in the dialog. */
export async function openEvent(dialog, id) {
  const e = await getJson(`/v1/events/${encodeURIComponent(id)}`);
  dialog.querySelector("#event-summary").textContent = e.summary;
  const facts = dialog.querySelector("#event-facts");
  facts.replaceChildren();
  fact(facts, "Id", e.id);
  fact(facts, "Type", `${e.type} / ${e.subtype}`);
  fact(facts, "Date", `${e.date}${e.date_end !== e.date ? ` – ${e.date_end}` : ""} (precision: ${e.date_precision})`);
  if (e.location) fact(facts, "Place", `${e.location.name} (${e.location.precision})${e.location.latitude !== null ? ` at ${e.location.latitude}, ${e.location.longitude}` : ""}`);
  fact(facts, "Actors", e.actors.map((a) => `${a.name}: ${a.role}`).join("; "));
  fact(facts, "Killed", e.fatalities);
  fact(facts, "Injured", e.injured);
  if (e.quantity) fact(facts, "Quantity", `${e.quantity.value} ${e.quantity.unit}`);

  dialog.querySelector("#event-sources").replaceChildren(...e.sources.map((s) => {
    const item = document.createElement("li");
    item.className = "source";
    const title = document.createElement(s.url ? "a" : "span");
    title.textContent = s.title;
    if (s.url) { title.href = s.url; title.rel = "noopener noreferrer"; title.target = "_blank"; }
    const by = document.createElement("span");
    by.className = "muted";
    by.textContent = ` ${[s.publisher, s.published].filter(Boolean).join(", ")}`;
    const quote = document.createElement("blockquote");
    quote.textContent = s.quote;
    const where = document.createElement("small");
    where.className = "muted";
    where.textContent = `document ${s.document_id}, characters ${s.offset}–${s.offset + s.length}`;
    item.append(title, by, quote, where);
    return item;
  }));
  if (!dialog.open) dialog.showModal();
}
