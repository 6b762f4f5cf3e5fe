-- POST the form body BENCH_BODY to the URL's path. Every {FORMKEY} in it becomes a new GUID per request: a random
-- prefix per thread and run, the thread's number and a counter, so no two requests of a run share one.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local body = os.getenv("BENCH_BODY")
local prefix = ""
local sent = 0

function init(args)
   bench_init()
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
   prefix = string.format("%04x%04x-%04x-4%03x", math.random(0, 65535), math.random(0, 65535), math.random(0, 65535), math.random(0, 4095))
end

function request()
   sent = sent + 1
   local key = string.format("%s-%04x-%04x%08x", prefix, 32768 + (thread_id or 0), math.random(0, 65535), sent)
   return wrk.format(nil, nil, nil, (string.gsub(body, "{FORMKEY}", key)))
end
