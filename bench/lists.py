"""Writes the lists bench/queries.lua draws its parameters from, read from the served dataset itself
so that the space of requests grows with it: every place with events (oblasts and larger in
regions.txt, settlements in settlements.txt), every actor with events (actors.txt), and the words
of a sample of events' summaries and quotes: each distinct word once (words.txt), and the sample's
words as they come, so that a word is drawn as often as it is written (running.txt).

    python3 bench/lists.py BASE_URL WORK_DIR
"""
import json
import random
import re
import sys
import urllib.request

base, work = sys.argv[1], sys.argv[2]


def get(path):
    return json.load(urllib.request.urlopen(base + path))


def catalog(path):
    """Every entry of a catalog endpoint, 1,000 (its largest page) at a time."""
    offset, entries = 0, []
    while True:
        page = get(f"{path}{'&' if '?' in path else '?'}limit=1000&offset={offset}")
        entries += page["data"]
        offset += len(page["data"])
        if not page["data"] or offset >= page["meta"]["total"]:
            return entries


def write(name, lines):
    with open(f"{work}/{name}", "w") as out:
        out.write("\n".join(sorted(set(lines))) + "\n")


places = catalog("/v1/places")
write("regions.txt", (p["id"] for p in places if p["level"] != "settlement"))
write("settlements.txt", (p["id"] for p in places if p["level"] == "settlement"))
write("actors.txt", (a["id"] for a in catalog("/v1/actors") if a["event_count_including_subordinates"] > 0))

# The words of events spread over the whole dataset (sorted by source count, so ties fall in id
# order, which is random): summaries and quotes name places, actors and what happened.
sample = urllib.request.urlopen(base + "/v1/events?format=ndjson&limit=20000&sort=source_count&fields=summary,sources")
running = []
for line in sample:
    event = json.loads(line)
    text = " ".join([event["summary"]] + [s["quote"] or "" for s in event["sources"]])
    running += (w.lower() for w in re.findall(r"[^\W\d_]{4,}", text))
write("words.txt", running)
with open(f"{work}/running.txt", "w") as out:
    out.write("\n".join(random.Random(1).sample(running, min(len(running), 20000))) + "\n")
