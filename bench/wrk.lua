-- wrk script for bench/run.py: cycles through the paths in BENCH_PATHS (one per line), prints one
-- JSON line of results with p50/p95/p99, and with BENCH_TIMING=1 also collects the "engine"
-- duration of the Server-Timing header (the search node's own `took`).
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local counter = 0
local collect = os.getenv("BENCH_TIMING") == "1"
local threads = {}
engine = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

if collect then
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
  for _, thread in ipairs(threads) do
    local values = thread:get("engine") or {}
    for _, value in ipairs(values) do tooks[#tooks + 1] = value end
  end
  table.sort(tooks)
  local function pick(pct)
    if #tooks == 0 then return -1 end
    return tooks[math.max(1, math.ceil(pct / 100 * #tooks))]
  end
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "socket_errors": %d, "http_errors": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"engine_samples": %d, "engine_p50_ms": %.2f, "engine_p95_ms": %.2f}\n',
    summary.requests, summary.duration, errors.connect + errors.read + errors.write + errors.timeout,
    errors.status, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    #tooks, pick(50), pick(95)))
end
