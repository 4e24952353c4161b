# Sourced by run.sh and soak.sh: starts the API (Release) on $db at $port with rate limiting off and
# SQLite's statement time summed (reported by /health in X-Sqlite-Time, with the row cache's hits in
# X-Detail-Cache), and SERVER_ARGS if set (SERVER_ARGS=--Database:DetailCacheMegabytes=0: no row cache),
# waits until it is healthy, and writes event ids, deep cursors and the places, actors and words the
# query mix draws from (bench/lists.py) into $work.
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
dotnet build -c Release src/EventsApi -v q -nologo >/dev/null
dotnet src/EventsApi/bin/Release/net10.0/EventsApi.dll --urls "http://127.0.0.1:$port" --Database:Path="$(realpath "$db")" \
  --Import:OnStartup=Never --RateLimit:Enabled=false --Database:ProfileSql=true --Logging:LogLevel:Default=Warning ${SERVER_ARGS:-} > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"

# Event ids to fetch one by one, and the cursors of the pages in the 100,000 rows after $deep
# (0 in the soak): the deep-cursor class picks one at random, so no one page stays cached. A dataset
# smaller than $deep gives its deeper half's cursors instead.
# Made once: run.sh starts the server twice on the same file (its work directory holds them by then).
[ -s "$work/cursors.txt" ] && return
curl -sf "$base/v1/events?format=csv&fields=id&limit=20000&sort=source_count" | tail -n +2 | tr -d '\r' > "$work/ids.txt"
python3 - "$base" "${deep:-0}" > "$work/cursors.txt" <<'WALK'
import json, sys, urllib.request
base, deep = sys.argv[1], int(sys.argv[2])
url, depth, links = "/v1/events?limit=100&fields=id", 0, []
while url and depth <= deep + 100000:
    links.append((depth, url.replace("&fields=id", "")))
    page = json.load(urllib.request.urlopen(base + url))
    depth += len(page["data"])
    url = page["links"].get("next")
chosen = [u for d, u in links if d >= deep] or [u for d, u in links if d >= depth / 2]
print("\n".join(chosen))
WALK
python3 bench/lists.py "$base" "$work"
