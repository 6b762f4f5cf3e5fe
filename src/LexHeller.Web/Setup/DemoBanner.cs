using LexHeller.Core.Demo;

namespace LexHeller.Web.Setup;

/// <summary>Prints the demo accounts once, when the demo is first seeded, so a tester can log in.</summary>
internal static class DemoBanner
{
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
        output.WriteLine($"Lösenord för alla demoanvändare: {result.Password}");
        output.WriteLine($"Tvåfaktornyckel (TOTP, base32) för kansli, BUG-ledamöter och administratör: {result.TotpSecret}");
        output.WriteLine("Lägg in nyckeln en gång i en autentiseringsapp; samma kod gäller då alla demoanvändare med tvåfaktor.");
        foreach (var user in result.Users)
            output.WriteLine($"  {user.Email,-42} {user.FullName,-18} {user.Roles}");
        output.WriteLine("=======================");
        output.WriteLine();
    }
}
