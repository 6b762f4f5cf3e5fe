using LexHeller.Core.Demo;
using LexHeller.Core.Time;

namespace LexHeller.Web.Setup;

/// <summary>Where the demo banner is written: the console, unless a test registers its own writer.</summary>
public sealed class DemoBannerOutput(TextWriter writer)
{
    public TextWriter Writer { get; } = writer;
}

/// <summary>Prints the demo accounts once, when the demo is first seeded, so a tester can log in.</summary>
internal static class DemoBanner
{
    /// <summary>
    /// Prints the banner once the server listens: after the host's own start-up lines, so the password is the last
    /// thing on the screen rather than scrolled away by them.
    /// </summary>
    public static void PrintWhenStarted(WebApplication app, DemoSeedResult? result)
    {
        var injected = app.Services.GetService<DemoBannerOutput>()?.Writer;
        var isDevelopment = app.Environment.IsDevelopment();
        if (injected is not null)
        {
            app.Lifetime.ApplicationStarted.Register(() => Print(result, isDevelopment, injected));
            return;
        }
        // The host's own start lines ("Now listening on", "Content root path") go through the console logger, which
        // writes them from its own thread; the banner waits a moment so that it is still the last thing on screen.
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Delay(TimeSpan.FromMilliseconds(750), app.Lifetime.ApplicationStopping)
            .ContinueWith(t => { if (!t.IsCanceled) Print(result, isDevelopment, Console.Out); }, TaskScheduler.Default));
    }

    public static void Print(DemoSeedResult? result, bool isDevelopment, TextWriter output)
    {
        if (result is null)
        {
            output.WriteLine("Lex Heller: demodata finns redan. Lösenord och tvåfaktornyckel skrevs ut vid första starten.");
            return;
        }
        if (!isDevelopment)
        {
            output.WriteLine("Lex Heller: demodata har skapats. Inloggningsuppgifter skrivs bara ut i Development.");
            return;
        }
        output.WriteLine();
        output.WriteLine("=== Lex Heller demo ===");
        if (result.Activity is { } activity)
            output.WriteLine($"Demoförbunden har {Swedish.Count(activity.Cases, "ärende", "ärenden")} från de senaste 14 månaderna, " +
                $"{Swedish.Count(activity.Meetings, "BUG-möte", "BUG-möten")} och {Swedish.Count(activity.Compilations, "färdig sammanställning", "färdiga sammanställningar")}.");
        output.WriteLine($"Lösenord för alla demoanvändare: {result.Password}");
        output.WriteLine($"Tvåfaktornyckel (TOTP, base32) för kansli, BUG-ledamöter och administratör: {result.TotpSecret}");
        output.WriteLine("Lägg in nyckeln en gång i en autentiseringsapp; samma kod gäller då alla demoanvändare med tvåfaktor.");
        foreach (var user in result.Users)
            output.WriteLine($"  {user.Email,-42} {user.FullName,-18} {user.Roles}");
        output.WriteLine("=======================");
        output.WriteLine();
    }
}
