-- wrk script for bench/run.py: goes through the paths in BENCH_PATHS (one per line), each thread
-- taking every BENCH_THREADS-th one from its own offset so no path is asked twice before the list
-- runs out; prints one JSON line of results with p50/p95/p99 and how many requests went past the
-- list's end (repeated paths). With BENCH_TIMING=1 it also collects the "engine" duration of the
-- Server-Timing header (the search node's own `took`). A line "path<TAB>body" is POSTed as JSON
-- (searches sent straight to the node); with BENCH_TIMING=took the node's `took` is read from the
-- answer's body instead.
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local json = {["Content-Type"] = "application/json"}
local stride = tonumber(os.getenv("BENCH_THREADS") or "1")
local counter = 0
local collect = os.getenv("BENCH_TIMING") == "1"
local took_from_body = os.getenv("BENCH_TIMING") == "took"
local threads = {}
engine = {}
repeated = 0

function setup(thread)
  thread:set("offset", #threads)
  threads[#threads + 1] = thread
end

function request()
  local index = (offset or 0) + counter * stride
  counter = counter + 1
  if index >= #paths then repeated = repeated + 1 end
  local line = paths[(index % #paths) + 1]
  local tab = string.find(line, "\t", 1, true)
  if tab then
    return wrk.format("POST", string.sub(line, 1, tab - 1), json, string.sub(line, tab + 1))
  end
  return wrk.format("GET", line)
end

if took_from_body then
  function response(status, headers, body)
    local took = string.match(body, '"took":(%d+)')
    if took then engine[#engine + 1] = tonumber(took) end
  end
elseif collect then
  function response(status, headers, body)
    local timing = headers["Server-Timing"] or headers["server-timing"]
    if timing then
      local took = string.match(timing, "engine;dur=([%d%.]+)")
      if took then engine[#engine + 1] = tonumber(took) end
    end
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  local tooks = {}
  local again = 0
  for _, thread in ipairs(threads) do
    local values = thread:get("engine") or {}
    for _, value in ipairs(values) do tooks[#tooks + 1] = value end
    again = again + (thread:get("repeated") or 0)
  end
  table.sort(tooks)
  local function pick(pct)
    if #tooks == 0 then return -1 end
    return tooks[math.max(1, math.ceil(pct / 100 * #tooks))]
  end
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "socket_errors": %d, "http_errors": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"engine_samples": %d, "engine_p50_ms": %.2f, "engine_p95_ms": %.2f, "repeated": %d}\n',
    summary.requests, summary.duration, errors.connect + errors.read + errors.write + errors.timeout,
    errors.status, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    #tooks, pick(50), pick(95), again))
end
