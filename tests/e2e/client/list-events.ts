// A small typed client of the v1 API, written as a user would against types generated from
// openapi/v1.json: it lists events with a filter, follows the cursor, and reads one event.
// If the document and the server drift apart, this fails to compile or fails its checks.
import type { components, paths } from "./generated/v1.js";

type EventPage = components["schemas"]["EventPage"];
type Event = components["schemas"]["EventDto"];
type Problem = components["schemas"]["HttpValidationProblemDetails"];
type ListQuery = NonNullable<paths["/v1/events"]["get"]["parameters"]["query"]>;
type TypeName = NonNullable<ListQuery["type"]>[number];

const base = process.argv[2] ?? "http://localhost:5000";

async function get<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, base), { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const problem = (await response.json()) as Problem;
    throw new Error(`${path}: ${response.status} ${problem.title ?? ""} ${JSON.stringify(problem.errors ?? {})}`);
  }
  return (await response.json()) as T;
}

function queryString(query: ListQuery): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) search.append(name, String(one));
  }
  return search.toString();
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function main(): Promise<void> {
  const wanted: TypeName = "strike";
  const query: ListQuery = { type: [wanted], limit: 7, sort: "-date" };
  let path: string | undefined = `/v1/events?${queryString(query)}`;
  const seen: Event[] = [];
  let total = -1;
  while (path !== undefined && seen.length < 40) {
    const page: EventPage = await get<EventPage>(path);
    total = page.meta.total;
    check(page.data.length <= 7, `a page of ${page.data.length} events exceeds limit=7`);
    for (const event of page.data) check(event.type === wanted, `event ${event.id} has type ${event.type}, not ${wanted}`);
    seen.push(...page.data);
    path = page.links.next ?? undefined;
  }
  check(seen.length > 7, `expected more than one page of strikes, got ${seen.length}`);
  check(new Set(seen.map((e) => e.id)).size === seen.length, "the cursor repeated an event");
  for (let i = 1; i < seen.length; i++) check(seen[i - 1]!.date >= seen[i]!.date, "pages are not newest first");

  const first = seen[0]!;
  const one = await get<Event>(`/v1/events/${encodeURIComponent(first.id)}`);
  check(one.id === first.id && one.summary === first.summary, "the event read by id differs from the listed one");
  check(one.sources.length === one.source_count && one.sources.every((s) => s.quote.length > 0), "an event without its quoted sources");
  console.log(`listed ${seen.length} of ${total} strikes over ${Math.ceil(seen.length / 7)} pages; read ${one.id}: ${one.summary}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
