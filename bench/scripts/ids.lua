-- GET BENCH_PREFIX .. <a random id from the file BENCH_IDS>, e.g. a case page per request.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local ids = {}
local prefix = os.getenv("BENCH_PREFIX")

function init(args)
   bench_init()
   for line in io.lines(os.getenv("BENCH_IDS")) do
      if line ~= "" then table.insert(ids, line) end
   end
end

function request()
   return wrk.format("GET", prefix .. ids[math.random(#ids)])
end
