using System.Diagnostics;
using LexHeller.Core.Organisations;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LexHeller.Web.Tests.ScaleOut;

/// <summary>
/// What it costs a form to learn of other instances' changes: reading the version row on every lookup, or at most
/// once a second. The numbers are printed for the notes on scaling out; the second must stay close to a plain hit.
/// </summary>
public class RegisterCheckCostTests(AppFactory app, ITestOutputHelper output) : IClassFixture<AppFactory>
{
    private const int Lookups = 2000;

    [Fact]
    public async Task Checking_once_a_second_costs_a_lookup_far_less_than_checking_every_time()
    {
        var cache = app.Services.GetRequiredService<ReferenceCache>();
        var forbund = app.ForbundId("INS");
        var original = cache.CheckEvery;
        try
        {
            cache.CheckEvery = TimeSpan.Zero;
            await MeasureAsync(cache, forbund); // warm: the first pass loads the lists and compiles the queries
            var everyTime = await MeasureAsync(cache, forbund);

            cache.CheckEvery = TimeSpan.FromSeconds(1);
            await MeasureAsync(cache, forbund);
            var onceASecond = await MeasureAsync(cache, forbund);

            output.WriteLine($"Version read on every lookup: {Micro(everyTime)} µs per lookup");
            output.WriteLine($"Version read at most once a second: {Micro(onceASecond)} µs per lookup");
            Assert.True(onceASecond * 5 < everyTime, $"once a second {Micro(onceASecond)} µs, every time {Micro(everyTime)} µs");
        }
        finally
        {
            cache.CheckEvery = original;
        }
    }

    private static string Micro(TimeSpan perLookup) => (perLookup.TotalMicroseconds).ToString("0.0");

    private static async Task<TimeSpan> MeasureAsync(ReferenceCache cache, int forbund)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Lookups; i++)
            Assert.NotNull(await cache.ForbundAsync(forbund));
        return watch.Elapsed / Lookups;
    }
}
