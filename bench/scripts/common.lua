-- Shared by the scenario scripts: the logged-in session's cookies, a per-thread seed, and one machine-readable
-- line at the end that the driver parses (wrk's own summary has no 95th percentile).
local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("thread_id", counter)
   table.insert(threads, thread)
end

function bench_init()
   local cookie = os.getenv("BENCH_COOKIE")
   if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
   -- As a TLS proxy in front of the app would: the request reached the installation over HTTPS.
   wrk.headers["X-Forwarded-Proto"] = "https"
   math.randomseed(os.time() * 1000 + (thread_id or 0) * 7919 + math.floor(os.clock() * 1000000))
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'BENCH {"requests":%d,"duration_us":%d,"p50":%d,"p95":%d,"p99":%d,"max":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
      e.connect, e.read, e.write, e.status, e.timeout))
end
