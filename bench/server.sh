# Sourced by run.sh and soak.sh: starts the API (Release) on $db at $port with rate limiting off and
# SQLite's statement time summed (reported by /health in X-Sqlite-Time),
# waits until it is healthy, and writes event ids and a cursor for the query mix into $work.
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
dotnet build -c Release src/EventsApi -v q -nologo >/dev/null
dotnet src/EventsApi/bin/Release/net10.0/EventsApi.dll --urls "http://127.0.0.1:$port" --Database:Path="$(realpath "$db")" \
  --Import:OnStartup=Never --RateLimit:Enabled=false --Database:ProfileSql=true --Logging:LogLevel:Default=Warning > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"

# Event ids to fetch one by one, and the cursor of the page after $deep rows (the first page's when $deep is 0).
curl -sf "$base/v1/events?format=csv&fields=id&limit=20000&sort=source_count" | tail -n +2 | tr -d '\r' > "$work/ids.txt"
url="/v1/events?limit=1000&fields=id"
for _ in $(seq 1 $(( ${deep:-0} / 1000 ))); do
  next=$(curl -sf "$base$url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["links"].get("next") or "")')
  [ -n "$next" ] || break
  url=$next
done
echo "$url" | sed 's/limit=1000/limit=100/; s/&fields=id//' > "$work/cursor.txt"
