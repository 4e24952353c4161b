// Swagger UI in a real browser: it loads the committed document and "Try it out" on GET /v1/events answers 200.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, base, artifacts } from "./chromium.mjs";

let session;
before(async () => { session = await openBrowser(); });
after(async () => { await session?.browser.close(); });

test("Try it out on GET /v1/events returns 200 with events", async () => {
  const { page } = session;
  await page.goto(`${base}/swagger/index.html`);
  const operation = page.locator("#operations-Events-ListEvents");
  await operation.waitFor({ timeout: 20_000 });
  await operation.locator(".opblock-summary").click();
  await operation.locator("button.try-out__btn").click();
  await operation.locator("button.execute").click();
  const status = operation.locator(".live-responses-table .response .response-col_status").first();
  await status.waitFor({ timeout: 20_000 });
  assert.equal((await status.textContent()).trim(), "200");
  const body = await operation.locator(".live-responses-table .response-col_description pre").first().textContent();
  assert.ok(JSON.parse(body).data.length > 0, "Try it out returned no events");
  await page.screenshot({ path: `${artifacts}/swagger-try-it-out.png`, fullPage: false });
});
