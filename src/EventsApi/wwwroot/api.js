// The explorer's only way to the data: the public v1 endpoints, exactly as a developer would call them.

/** The filters the explorer offers, in the order they appear in a query string. */
export const FILTERS = ["from", "to", "region", "actor", "type"];

/** The query string of /v1/events for these filter values: empty values are left out. */
export function eventQuery(values, limit) {
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = (values[name] ?? "").trim();
    if (value) query.set(name, value);
  }
  if (limit) query.set("limit", String(limit));
  return query;
}

/** GET a v1 path; a problem response becomes an Error carrying the problem's detail and each bad parameter. */
export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const errors = body?.errors ? Object.entries(body.errors).map(([name, why]) => `${name}: ${why.join("; ")}`) : [];
    throw new Error([body?.title ?? `HTTP ${response.status}`, body?.detail, ...errors].filter(Boolean).join(". "));
  }
  return body;
}

/** The absolute URL of a path on this server, as a user would paste it elsewhere. */
export function absolute(path) {
  return new URL(path, window.location.origin).toString();
}

/** A curl command line for a URL, quoted for a POSIX shell. */
export function curlCommand(url) {
  return `curl '${url.replaceAll("'", "'\\''")}'`;
}
