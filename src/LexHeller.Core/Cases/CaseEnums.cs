namespace LexHeller.Core.Cases;

// States (triggers: CaseWorkflow.cs) and the statistics categories are stored by name; a test freezes the names.

public enum CaseKind { Avvikelse, Overlamning }

public enum CaseState
{
    Utkast,
    Inkommen,
    UnderGranskning,
    KompletteringBegard,
    RedoForBug,
    BehandlasIBug,
    RemitteradTillPart,
    Besvarad,
    Avslutad,
    Avvisad,
    Aterkallad,
}

public enum Gender { Kvinna, Man, Annat, VillEjAnge }

public enum AgeBand { Age16To19, Age20To29, Age30To39, Age40To49, Age50To59, Age60To66, Okand }

public static class CaseNames
{
    public static string DisplayName(this CaseKind kind) => kind switch
    {
        CaseKind.Avvikelse => "Avvikelse",
        CaseKind.Overlamning => "Remiss/överlämning",
    };

    public static string DisplayName(this CaseState state) => state switch
    {
        CaseState.Utkast => "Utkast",
        CaseState.Inkommen => "Inkommen",
        CaseState.UnderGranskning => "Under granskning",
        CaseState.KompletteringBegard => "Komplettering begärd",
        CaseState.RedoForBug => "Redo för BUG",
        CaseState.BehandlasIBug => "Behandlas i BUG",
        CaseState.RemitteradTillPart => "Remitterad till part",
        CaseState.Besvarad => "Besvarad",
        CaseState.Avslutad => "Avslutad",
        CaseState.Avvisad => "Avvisad",
        CaseState.Aterkallad => "Återkallad",
    };

    /// <summary>What the state means to the person who filed the case.</summary>
    public static string ForReporter(this CaseState state) => state switch
    {
        CaseState.Utkast => "Utkast – inte inskickat",
        CaseState.Inkommen => "Inkommen – väntar på att kansliet granskar",
        CaseState.UnderGranskning => "Kansliet granskar ärendet",
        CaseState.KompletteringBegard => "Kansliet har en fråga till dig",
        CaseState.RedoForBug => "Väntar på beredningsgruppen (BUG)",
        CaseState.BehandlasIBug => "Behandlas i beredningsgruppen (BUG)",
        CaseState.RemitteradTillPart => "Skickat till berörda parter för svar",
        CaseState.Besvarad => "Parterna har svarat",
        CaseState.Avslutad => "Avslutat",
        CaseState.Avvisad => "Avvisat",
        CaseState.Aterkallad => "Återkallat",
    };

    public static string DisplayName(this Gender gender) => gender switch
    {
        Gender.Kvinna => "Kvinna",
        Gender.Man => "Man",
        Gender.Annat => "Annat",
        Gender.VillEjAnge => "Vill ej ange",
    };

    public static string DisplayName(this AgeBand band) => band switch
    {
        AgeBand.Age16To19 => "16–19",
        AgeBand.Age20To29 => "20–29",
        AgeBand.Age30To39 => "30–39",
        AgeBand.Age40To49 => "40–49",
        AgeBand.Age50To59 => "50–59",
        AgeBand.Age60To66 => "60–66",
        AgeBand.Okand => "Okänd",
    };
}
