using LexHeller.Testing;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Account;

public sealed class CodeReuseTests : IDisposable
{
    private readonly AppFactory app = AppFactory.WithSettings(("TwoFactor:RejectReusedCodes", "true"));

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task An_authenticator_code_logs_in_once()
    {
        const string email = "kansli@insjoriket.example";
        var code = Totp.Code(AppFactory.TotpSecret);

        using (var first = new Browserless(app))
        {
            var verify = await first.LoginAsync(email, totpSecret: null);
            Assert.Equal("/", (await first.SubmitAsync(verify, Form(("Code", code)))).Url);
        }

        using var replay = new Browserless(app);
        var again = await replay.LoginAsync(email, totpSecret: null);
        var refused = await replay.SubmitAsync(again, Form(("Code", code)));
        Assert.Contains("har redan använts", refused.ErrorText());
        Assert.StartsWith("/logga-in", (await replay.GetAsync("/anvandare")).Url);

        // The next code from the app still works.
        var next = Totp.Code(AppFactory.TotpSecret, DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.Equal("/", (await replay.SubmitAsync(again, Form(("Code", next)))).Url);
    }
}
