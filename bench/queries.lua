-- wrk script: one query class (env CLASS) or the whole mix (CLASS=mix), each request with
-- randomised parameters drawn from a space far larger than any cache. Reads the ids, deep cursors,
-- places, actors and words that bench/server.sh prepared in env BENCH_DIR.
local dir = os.getenv("BENCH_DIR")
local class = os.getenv("CLASS") or "mix"
-- The list classes' page size (env PAGE_LIMIT, 100 by default): a smaller page at 1M weighs a class's
-- cost against a dataset whose pages hold fewer events (a box at 10k: about 50).
local limit = "limit=" .. (os.getenv("PAGE_LIMIT") or "100")

-- Regions, actors and words are read from the dataset (bench/lists.py): every place and actor with
-- events, and the words its summaries and quotes use.
local regions, settlements, actors, words, running = {}, {}, {}, {}, {}
local roles = { "initiator", "target" }
local types = { "strike", "battle", "talks", "prisoner_exchange", "territorial_claim", "statement" }
local ids, cursors = {}, {}

local function pick(list) return list[math.random(#list)] end
-- Percent-encodes all but unreserved characters (place names such as Tëtkino are UTF-8).
local function enc(s) return (s:gsub("[^%w%-%._~:*]", function(c) return string.format("%%%02X", c:byte()) end)) end
-- A region: an oblast or larger, or a settlement (5,105 at 1M), as often as each other.
local function place() return enc(pick(math.random(2) == 1 and regions or settlements)) end
-- A search: a word as often as the dataset writes it, any of its words alike, two words (both must
-- match), or a word's prefix.
local function search()
  local roll = math.random(10)
  if roll <= 4 then return enc(pick(running)) end
  if roll <= 7 then return enc(pick(words)) end
  if roll <= 9 then return enc(pick(running) .. " " .. pick(words)) end
  local word = pick(running)
  if not word:find("[\128-\255]") then word = word:sub(1, math.max(4, #word - 3)) end  -- cut by bytes: ASCII words only
  return enc(word) .. "*"
end
local function day(year0, year1)
  return string.format("%04d-%02d-%02d", math.random(year0, year1), math.random(1, 12), math.random(1, 28))
end

local builders = {
  region_year = function()
    local y = math.random(2022, 2026)
    return "/v1/events?" .. limit .. "&region=" .. place() .. "&from=" .. y .. "-01-01&to=" .. y .. "-12-31"
  end,
  actor = function() return "/v1/events?" .. limit .. "&actor=" .. enc(pick(actors)) end,
  type_range = function()
    local a, b = day(2022, 2026), day(2022, 2026)
    if a > b then a, b = b, a end
    return "/v1/events?" .. limit .. "&type=" .. pick(types) .. "&from=" .. a .. "&to=" .. b
  end,
  q = function() return "/v1/events?" .. limit .. "&q=" .. search() end,
  bbox = function()
    local lon, lat = 30 + math.random() * 10, 46 + math.random() * 6
    return string.format("/v1/events?" .. limit .. "&bbox=%.3f,%.3f,%.3f,%.3f", lon, lat, lon + 0.5 + math.random(), lat + 0.5 + math.random())
  end,
  deep_cursor = function() return pick(cursors) end,
  by_id = function() return "/v1/events/" .. pick(ids) end,
  timeline = function() return "/v1/events/timeline?interval=month&group_by=type" end,
  csv_export = function() return "/v1/events?format=csv&limit=10000&region=" .. enc(pick(regions)) end,
  -- Several criteria at once, as a dashboard's filters combine them: a region with a type and a year,
  -- an actor (in a role) with a region, or a search with a type or a region.
  combined = function()
    local y = math.random(2022, 2026)
    local shapes = {
      function() return "region=" .. place() .. "&type=" .. pick(types) .. "&from=" .. y .. "-01-01&to=" .. y .. "-12-31" end,
      function() return "actor=" .. enc(pick(actors)) .. "&role=" .. pick(roles) .. "&region=" .. place() end,
      function() return "q=" .. search() .. "&type=" .. pick(types) end,
      function() return "q=" .. search() .. "&region=" .. place() .. "&from=" .. day(2022, 2026) end,
    }
    return "/v1/events?" .. limit .. "&" .. pick(shapes)()
  end,
  -- A filtered timeline: a region's, an actor's or a search's months by type.
  timeline_filtered = function()
    local filters = { "region=" .. place(), "actor=" .. enc(pick(actors)), "q=" .. search(), "type=" .. pick(types) .. "&region=" .. place() }
    return "/v1/events/timeline?interval=month&group_by=type&" .. pick(filters)
  end,
}
local mix = { "region_year", "region_year", "actor", "type_range", "q", "bbox", "deep_cursor", "by_id", "by_id", "timeline" }

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
  local function read(name, list) for line in io.lines(dir .. "/" .. name) do list[#list + 1] = line end end
  read("ids.txt", ids); read("cursors.txt", cursors); read("regions.txt", regions); read("settlements.txt", settlements)
  read("actors.txt", actors); read("words.txt", words); read("running.txt", running)
end

function request()
  local name = class
  if class == "mix" then name = pick(mix) end
  return wrk.format("GET", builders[name]())
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %s %.0f %.2f %.2f %d %d\n", class, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.bytes))
end
