-- wrk script of bench/load.py: cycles through the request paths listed one per line
-- in the file $WRK_PATHS, counts answers that are not 2xx and the page cache's
-- answers (X-Portal-Cache: hit or miss), and prints one line "BENCH_JSON {...}"
-- with the totals and latency percentiles (microseconds).
--
-- Counting the answers needs wrk's response() callback, which copies every body
-- into Lua: for a page of 35 kB that costs the client (on the same cores as the
-- server) far more than the ceiling's 2 bytes. So it is defined only with
-- WRK_COUNT_ANSWERS=1 (the soak, whose hit rate it measures); the throughput rows
-- count failed answers from wrk's own status errors (4xx, 5xx) instead.

local threads = {}

-- As a browser asks (the page cache answers compressed where the client accepts it).
wrk.headers["Accept-Encoding"] = "gzip, deflate, br"

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("WRK_PATHS")) do
    if #line > 0 then
      table.insert(paths, line)
    end
  end
  -- Each thread starts somewhere else in the list.
  math.randomseed(os.time() + #threads)
  counter = math.random(#paths)
  non2xx = 0
  hits = 0
  misses = 0
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

local counting = os.getenv("WRK_COUNT_ANSWERS") == "1"

if counting then
  function response(status, headers, body)
    if status < 200 or status > 299 then
      non2xx = non2xx + 1
    end
    local answer = headers["X-Portal-Cache"] or headers["x-portal-cache"]
    if answer == "hit" then
      hits = hits + 1
    elseif answer == "miss" then
      misses = misses + 1
    end
  end
end

function done(summary, latency, requests)
  local bad, hit, miss = 0, 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    hit = hit + thread:get("hits")
    miss = miss + thread:get("misses")
  end
  local errors = summary.errors
  if not counting then
    bad = errors.status
  end
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "non2xx": %d, ' ..
    '"hits": %d, "misses": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, bad, hit, miss,
    errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max
  ))
end
