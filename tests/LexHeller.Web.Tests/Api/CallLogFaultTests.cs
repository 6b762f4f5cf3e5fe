using System.Net;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Api;

public class CallLogFaultTests
{
    [Fact]
    public async Task A_call_whose_log_line_cannot_be_written_still_gets_its_answer_and_no_word_of_the_fault()
    {
        using var app = new AppFactory();
        var (key, id) = await app.KeyAsync("INS");
        var sql = app.OnSqlite
            ? """CREATE TRIGGER refuse_api_log BEFORE INSERT ON "ApiCalls" BEGIN SELECT RAISE(ABORT, 'disk full in the call log'); END;"""
            : """
              CREATE FUNCTION refuse_api_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full in the call log'; END $$;
              CREATE TRIGGER refuse_api_log BEFORE INSERT ON "ApiCalls" FOR EACH ROW EXECUTE FUNCTION refuse_api_log();
              """;
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

        using var client = app.Client(key);
        var answered = await client.GetAsync("/api/v1/categories");
        var body = await answered.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("Överlämning och remiss", body);
        Assert.DoesNotContain("disk full", body);
        var refused = await app.Client().GetAsync("/api/v1/categories");
        await refused.AssertProblemAsync(401);
        Assert.DoesNotContain("disk full", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.ApiCalls.CountAsync()));
    }
}
