using System.Net;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Setup;

public class TestClockTests
{
    [Fact]
    public async Task The_test_clock_moves_the_app_clock_in_the_test_environment()
    {
        using var app = new AppFactory();
        using var browser = new Browserless(app);
        await browser.LoginAsync("admin@lexheller.example");
        var before = app.Clock.GetUtcNow();
        var page = await browser.SubmitAsync(await browser.GetAsync("/test/klocka"), Form(("days", "3"), ("hours", "2")));
        Assert.Contains("Klockan är nu", page.Text);
        Assert.Equal(TimeSpan.FromHours(74), app.Clock.GetUtcNow() - before);
    }

    [Theory]
    [InlineData("kansli@insjoriket.example")]
    [InlineData("rapportor@insjoriket.example")]
    [InlineData("bug.fk@insjoriket.example")]
    [InlineData("styrelse@insjoriket.example")]
    public async Task Only_the_administrator_may_move_the_test_clock(string email)
    {
        using var app = new AppFactory();
        using var browser = new Browserless(app);
        await browser.LoginAsync(email);
        var before = app.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/test/klocka")).Status);
        var post = await browser.PostFromAsync("/", "/test/klocka", Form(("days", "30"), ("runJobs", "true")));
        Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        Assert.Equal(before, app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task The_test_clock_does_not_exist_in_production()
    {
        using var app = AppFactory.WithSettings(("environment", "Production"), ("App:PublicUrl", "https://lexheller.example"));
        using var browser = new Browserless(app);
        await browser.LoginAsync("kansli@insjoriket.example");
        Assert.Equal("Production", app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().EnvironmentName);
        var before = app.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/test/klocka")).Status);
        var post = await browser.PostFromAsync("/", "/test/klocka", Form(("days", "30"), ("runJobs", "true")));
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Equal(before, app.Clock.GetUtcNow());
        Assert.Contains("Sidan finns inte", post.Text);
    }
}
