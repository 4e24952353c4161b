// Debian's Chromium, headless, driven by playwright-core (which downloads no browser of its own).
// Background networking off: this machine's closed network would refuse Chromium's own connections.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

export const base = process.env.E2E_BASE ?? "http://127.0.0.1:5000";
export const artifacts = process.env.E2E_ARTIFACTS ?? new URL("../artifacts/", import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });

export async function openBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => { if (message.type() === "error") problems.push(`console: ${message.text()}`); });
  return { browser, page, problems };
}

/** GET a v1 path as JSON, for the expectations the browser's view is compared with. */
export async function api(path) {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}
