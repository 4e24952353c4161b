// The explorer at / in a real browser: it loads, filters, pages and opens an event's sources,
// and what it shows is what the public API answers for the same query.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, api, base, artifacts } from "./chromium.mjs";

let session;
before(async () => { session = await openBrowser(); });
after(async () => { await session?.browser.close(); });

async function rows(page) {
  return page.locator("#events tbody tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
}

async function ready(page) {
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
}

test("the explorer loads the newest events, the dataset and a weekly chart by type", async () => {
  const { page, problems } = session;
  await page.goto(base + "/");
  await ready(page);
  const expected = await api("/v1/events?limit=25");
  assert.deepEqual(await rows(page), expected.data.map((e) => e.id));
  assert.match(await page.locator("#dataset").textContent(), /events from .* documents/);
  assert.ok(await page.locator("#timeline svg rect[data-period]").count() > 0, "the timeline has no bars");
  assert.equal(await page.locator("#query-url").inputValue(), `${base}/v1/events?limit=25`);
  assert.equal(await page.locator("#query-curl").inputValue(), `curl '${base}/v1/events?limit=25'`);
  await page.screenshot({ path: `${artifacts}/explorer.png`, fullPage: true });
  assert.deepEqual(problems, []);
});

test("a region filter changes the table to that region's events and the URL a developer would write", async () => {
  const { page } = session;
  // A region with events, but not all of them: the filter must visibly narrow the table.
  const total = (await api("/v1/dataset")).counts.events;
  const regions = (await api("/v1/places?level=admin1&limit=1000")).data.filter((p) => p.event_count > 0 && p.event_count < total);
  assert.ok(regions.length > 0, "the dataset has no region to filter by");
  const region = regions[Math.floor(regions.length / 2)];

  await page.fill("input[name=region]", region.name);
  await page.click("button[type=submit]");
  await page.waitForFunction((name) => document.querySelector("#query-url").value.includes(`region=${encodeURIComponent(name).replaceAll("%20", "+")}`), region.name);
  const expected = await api(`/v1/events?${new URLSearchParams({ region: region.name, limit: "25" })}`);
  await page.waitForFunction((first) => document.querySelector("#events tbody tr")?.dataset.id === first, expected.data[0].id);
  assert.deepEqual(await rows(page), expected.data.map((e) => e.id));
  // A name can be shared (namesakes of one level all count), so the total is the API's for the name, and narrower than everything.
  assert.ok(expected.meta.total > 0 && expected.meta.total < total, `region=${region.name} does not narrow the events`);
  assert.match(await page.locator("#page-info").textContent(), new RegExp(`of ${expected.meta.total}\\b`));
  assert.match(page.url(), /\?region=/, "the page's own URL does not carry the filter");
});

test("paging follows links.next and comes back", async () => {
  const { page } = session;
  await page.goto(base + "/?limit=5");
  await ready(page);
  const first = await api("/v1/events?limit=5");
  const second = await api(first.links.next);
  assert.deepEqual(await rows(page), first.data.map((e) => e.id));

  await page.click("#next");
  await page.waitForFunction((id) => document.querySelector("#events tbody tr")?.dataset.id === id, second.data[0].id);
  assert.deepEqual(await rows(page), second.data.map((e) => e.id));
  assert.match(await page.locator("#page-info").textContent(), /^6–10 of \d+ \(page 2\)$/);

  await page.click("#previous");
  await page.waitForFunction((id) => document.querySelector("#events tbody tr")?.dataset.id === id, first.data[0].id);
  assert.equal(await page.locator("#previous").isDisabled(), true);
});

test("an event opens with every source and its quoted sentence", async () => {
  const { page, problems } = session;
  const id = (await rows(page))[0];
  const event = await api(`/v1/events/${encodeURIComponent(id)}`);
  await page.click(`#events tbody tr[data-id="${id}"]`);
  await page.waitForSelector("dialog#event[open] .source");
  assert.equal(await page.locator("#event-summary").textContent(), event.summary);
  assert.deepEqual(await page.locator("#event-sources blockquote").allTextContents(), event.sources.map((s) => s.quote));
  await page.screenshot({ path: `${artifacts}/explorer-event.png` });
  assert.deepEqual(problems, []);
});

test("a region that matches nothing empties the table and the chart, and says so", async () => {
  const { page, problems } = session;
  await page.goto(base + "/?region=Atlantis");
  await ready(page);
  assert.equal(await page.locator("input[name=region]").inputValue(), "Atlantis");
  assert.equal(await page.locator("#events tbody tr").count(), 0);
  assert.equal(await page.locator("#page-info").textContent(), "none match");
  assert.match(await page.locator("#timeline").textContent(), /No events match/);
  assert.deepEqual(problems, []);
});
