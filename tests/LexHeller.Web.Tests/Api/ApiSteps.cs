using System.Net.Http.Headers;
using System.Text.Json;
using LexHeller.Core.Api;
using LexHeller.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Api;

/// <summary>Keys put straight into the database (the page that makes them has tests of its own) and calls with them.</summary>
public static class ApiSteps
{
    public static Task<int> ForbundIdAsync(this AppFactory app, string code) =>
        app.WithDbAsync(db => db.Forbund.Where(f => f.Code == code).Select(f => f.Id).SingleAsync());

    /// <summary>Makes a key for the förbund with this code (null: every förbund) and returns it with its id.</summary>
    public static Task<(string Key, int Id)> KeyAsync(this AppFactory app, string? code, ApiScope[]? scopes = null,
        TimeSpan? life = null, bool revoked = false) =>
        app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            int? forbundId = code is null ? null : await db.Forbund.Where(f => f.Code == code).Select(f => f.Id).SingleAsync();
            var admin = await db.Users.Where(u => u.NormalizedEmail == "ADMIN@LEXHELLER.EXAMPLE").Select(u => u.Id).SingleAsync();
            var key = ApiKey.Create(forbundId, "Testnyckel", scopes ?? Enum.GetValues<ApiScope>(), now + (life ?? TimeSpan.FromDays(30)),
                admin, now, out var secret);
            if (revoked) key.Revoke(admin, now);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            return (secret, key.Id);
        });

    public static HttpClient Client(this AppFactory app, string? key = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Asserts a problem document with this status, a Swedish title and (if given) the field it names.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (field is not null) Assert.Equal(field, problem.GetProperty("field").GetString());
        return problem;
    }

    public static void IfNoneMatch(this HttpRequestMessage request, EntityTagHeaderValue tag) => request.Headers.IfNoneMatch.Add(tag);
}
