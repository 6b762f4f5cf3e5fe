-- GET the URL given to wrk, with the session's cookies.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

function init(args)
   bench_init()
end
