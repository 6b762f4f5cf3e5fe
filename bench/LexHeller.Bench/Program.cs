using LexHeller.Bench;
using LexHeller.Bench.Compile;
using LexHeller.Bench.Generate;
using LexHeller.Bench.Run;
using LexHeller.Bench.Write;

var options = Options.Parse(args.Skip(1));
try
{
    return args.FirstOrDefault() switch
    {
        "generate" => await GenerateCommand.RunAsync(options),
        "compile" => await CompileCommand.RunAsync(options),
        "run" => await Driver.RunAsync(options),
        "write" => await BareWriter.RunAsync(options),
        _ => Usage(),
    };
}
catch (BenchException e)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          generate --cases N --out DIR [--years 5] [--seed 1]
              a fresh database DIR/lexheller.db (the app's migrations, then bulk inserts) and DIR/dataset.json
          compile --db FILE [--sql OUT.sql] [--joint]
              one tertial compilation in this process: seconds, peak managed heap growth, the SQL it ran
          write --provider sqlite|postgres --db FILE|CONNECTION --forbund ID --code CODE --category ID --parties A,B
                [--connections 16] [--warmup 5] [--seconds 20]
              the bare writer: the rows of one filing in one transaction, as fast as CONNECTIONS writers can
          run [--provider sqlite|postgres] [--cases 10000,100000,1000000] [--quick | --smoke] [--warmup S] [--duration S] [--runs 3]
              [--connections 16] [--regenerate] [--data DIR] [--results DIR] [--app LexHeller.Web.dll] [--state Inkommen]
              [--baseline OTHER/LexHeller.Web.dll] [--only filing,inbox,search,case]
              the whole benchmark: data set, the app and the bare baselines under wrk, one table per N;
              --baseline runs a second build of the app beside it, --only some request scenarios (no compilation, no start-up)
          run --backup-under-load [--cases 100000] [--duration 60]
              the filing scenario for 60 s, a backup through the app's command line in the middle, restored and checked
        """);
    return 1;
}
