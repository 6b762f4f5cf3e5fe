using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Cases;

/// <summary>What a reporter does in "Ny rapport", shared by the browser tests that need a filed case.</summary>
internal static class Filing
{
    public static ILocator Menu(this IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>Opens "Ny rapport", picks Avvikelse and fills every required field with <paramref name="whatHappened"/> as the description.</summary>
    public static async Task FillDeviationAsync(IPage page, string whatHappened, Func<string, Task>? check = null)
    {
        await page.Menu("Ny rapport").ClickAndLoadAsync();
        if (check is not null) await check("Ny rapport – välj typ");
        await page.GetByLabel("Avvikelse", new() { Exact = false }).First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Fortsätt" }).ClickAndLoadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ny rapport", Level = 1 })).ToBeVisibleAsync();
        if (check is not null) await check("Ny rapport – formulär");

        await page.GetByLabel("Datum för händelsen").FillAsync("2026-10-14");
        await page.GetByLabel("Försäkringskassan", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Arbetsförmedlingen", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Kategori").SelectOptionAsync(new SelectOptionValue { Label = "Regler som krockar" });
        await page.GetByLabel("Vad hände?").FillAsync(whatHappened);
        await page.GetByLabel("Vilka blev konsekvenserna för individen?").FillAsync("Personen stod utan ersättning i tre månader.");
        await page.GetByLabel("Kvinna").CheckAsync();
        await page.GetByLabel("Åldersgrupp").SelectOptionAsync(new SelectOptionValue { Label = "30–39" });
        await page.GetByLabel("Nej").CheckAsync();
    }
}
