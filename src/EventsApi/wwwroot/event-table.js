// One page of events as table rows; a row opens the event.

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  return td;
}

/** Replaces the table body with the page's events; onOpen(id) is called when a row is chosen. */
export function fillTable(tbody, events, onOpen) {
  tbody.replaceChildren(...events.map((e) => {
    const row = document.createElement("tr");
    row.dataset.id = e.id;
    row.tabIndex = 0;
    const date = e.date === e.date_end ? e.date : `${e.date} – ${e.date_end}`;
    const place = e.location ? [e.location.name, e.location.admin1, e.location.country].filter((p, i, all) => p && all.indexOf(p) === i).join(", ") : "";
    row.append(
      cell(e.date_precision === "day" ? date : `${date} (${e.date_precision})`),
      cell(`${e.type.replaceAll("_", " ")} / ${e.subtype.replaceAll("_", " ")}`),
      cell(e.summary),
      cell(place),
      cell(e.actors.map((a) => `${a.name} (${a.role})`).join(", ")),
      cell(e.fatalities === null ? "" : String(e.fatalities)),
      cell(String(e.source_count)));
    row.addEventListener("click", () => onOpen(e.id));
    row.addEventListener("keydown", (key) => { if (key.key === "Enter") onOpen(e.id); });
    return row;
  }));
}
