using System.Net;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Api;

public class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_calls_per_minute_gets_429_with_Retry_After_while_another_key_goes_on()
    {
        using var app = AppFactory.WithSettings(("Api:CallsPerMinute", "3"));
        var (busy, busyId) = await app.KeyAsync("INS");
        var (calm, _) = await app.KeyAsync("INS");
        using var client = app.Client(busy);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/categories")).StatusCode);
        var refused = await client.GetAsync("/api/v1/categories");
        var problem = await refused.AssertProblemAsync(429);
        Assert.Contains("för många anrop", problem.GetProperty("detail").GetString());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(calm).GetAsync("/api/v1/categories")).StatusCode);
        Assert.Equal([200, 200, 200, 429], await app.WithDbAsync(db => db.ApiCalls.Where(c => c.ApiKeyId == busyId).OrderBy(c => c.Id).Select(c => c.Status).ToListAsync()));
    }

    [Fact]
    public async Task Open_data_is_limited_per_address_with_429_and_Retry_After_and_a_key_is_not_counted_against_it()
    {
        using var app = AppFactory.WithSettings(("Api:OpenDataCallsPerMinute", "2"));
        var (key, _) = await app.KeyAsync("INS");
        using var client = app.Client();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/oppna-data")).StatusCode);
        var refused = await client.GetAsync("/api/v1/oppna-data");
        var problem = await refused.AssertProblemAsync(429);
        Assert.Contains("adressen har gjort för många anrop", problem.GetProperty("detail").GetString());
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(key).GetAsync("/api/v1/categories")).StatusCode);
    }
}
