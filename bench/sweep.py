"""Breadth of the query space: random compound queries, one at a time, each timed twice.

    python3 bench/sweep.py BASE_URL WORK_DIR [QUERIES] [SEED]

The load benchmark (queries.lua) measures a few query classes under load; this asks what else a
user may ask: lists, exports and timelines with up to four of the filters (a region or settlement,
a country, an actor with or without a role, a type, words, a toll, a precision, sources, a box), a
date range or not, any sort (one to three keys, each either way), and pages of every format (and
exports of 5,000 rows). The regions, actors and words come from WORK_DIR (bench/lists.py); the types
from the served taxonomy. Each query runs twice: the first time reads what nothing kept yet, the
second is the query asked again. Prints the status codes, the slowest queries and the percentiles
of both times; exits 1 on any 5xx or on an unexpected status.
"""
import json
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

base, work = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 500
random.seed(int(sys.argv[4]) if len(sys.argv) > 4 else 1)


def lines(name):
    with open(f"{work}/{name}", encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


regions, settlements, actors, words = lines("regions.txt"), lines("settlements.txt"), lines("actors.txt"), lines("words.txt")
with urllib.request.urlopen(f"{base}/v1/event-types") as response:
    taxonomy = json.load(response)["data"]
types = [t["name"] for t in taxonomy]
roles = ["initiator", "target", "participant", "claimant", "speaker", "addressee"]


def day():
    return f"{random.randint(2018, 2026)}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"


def box():
    # Within the synthetic dataset's extent (Ukraine, western Russia): small boxes to whole regions.
    lon, lat = random.uniform(22, 45), random.uniform(44, 56)
    return f"{lon:.2f},{lat:.2f},{lon + random.uniform(0.1, 8):.2f},{lat + random.uniform(0.1, 5):.2f}"


filters = {
    "region": lambda: [("region", random.choice(regions + settlements))],
    "country": lambda: [("country", random.choice(["UKR", "RUS", "BLR", "POL", "Ukraine"]))],
    "actor": lambda: [("actor", random.choice(actors))] + ([("role", random.choice(roles))] if random.random() < 0.4 else []),
    "type": lambda: [("type", random.choice(types))],
    "q": lambda: [("q", random.choice(words) + ("*" if random.random() < 0.2 else ""))],
    "min_fatalities": lambda: [("min_fatalities", str(random.choice([1, 5, 20, 100])))],
    "precision": lambda: [("precision", random.choice(["day", "month"]))],
    "geo_precision": lambda: [("geo_precision", random.choice(["city", "admin1"]))],
    "min_sources": lambda: [("min_sources", str(random.choice([2, 3])))],
    "bbox": lambda: [("bbox", box())],
}


def sort():
    """One to three of the keys, in any order, each either way."""
    keys = random.sample(["date", "fatalities", "source_count"], random.randint(1, 3))
    return ",".join(random.choice(["", "-"]) + key for key in keys)


def query():
    # No filter at all now and then: everything, sorted or grouped.
    params = [p for name in random.sample(list(filters), random.randint(0, 4)) for p in filters[name]()]
    if random.random() < 0.5:
        params += list(zip(("from", "to"), sorted([day(), day()])))
        if random.random() < 0.3:
            params.append(("date_mode", "within"))
    if random.random() < 0.25:
        params.append(("sort", sort()))
    if random.random() < 0.25:
        params = [p for p in params if p[0] != "sort"]
        params.append(("interval", random.choice(["day", "week", "month", "year"])))
        if random.random() < 0.6:
            params.append(("group_by", random.choice(["type", "subtype", "country", "admin1", "actor"])))
        return "/v1/events/timeline?" + urllib.parse.urlencode(params)
    params.append(("limit", random.choice(["50", "100", "1000"])))
    if random.random() < 0.1:
        params.append(("format", random.choice(["csv", "geojson", "ndjson"])))
        # Now and then an export longer than a page, which streams.
        if random.random() < 0.5:
            params = [p for p in params if p[0] != "limit"] + [("limit", "5000")]
    return "/v1/events?" + urllib.parse.urlencode(params)


def timed(path):
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=120) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    return (time.perf_counter() - started) * 1000, status


results = []
for _ in range(count):
    path = query()
    first, status = timed(path)
    again, _ = timed(path)
    results.append((again, first, status, path))

statuses = {}
for _, _, status, _ in results:
    statuses[status] = statuses.get(status, 0) + 1
print("statuses:", ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())))
print(f"{'again ms':>9} {'first ms':>9}  query (the slowest asked again)")
for again, first, status, path in sorted(results, reverse=True)[:20]:
    print(f"{again:9.1f} {first:9.1f}  {path}")


def percentiles(times):
    times = sorted(times)
    at = lambda p: times[min(len(times) - 1, int(p * len(times)))]
    return f"p50 {at(0.5):.1f}  p90 {at(0.9):.1f}  p99 {at(0.99):.1f}  max {times[-1]:.1f}"


print("first:", percentiles([r[1] for r in results]))
print("again:", percentiles([r[0] for r in results]))
# A query the contract rejects is a 400 (an unknown place is not one: it matches nothing).
sys.exit(0 if set(statuses) <= {200} else 1)
