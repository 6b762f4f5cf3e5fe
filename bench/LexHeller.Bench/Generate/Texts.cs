namespace LexHeller.Bench.Generate;

/// <summary>
/// Pools of report texts built once from fragments, so every case gets plausible Swedish text without a string
/// being built per row. Nothing in them names a person or holds a number the personal-data guard would stop.
/// </summary>
internal sealed class Texts
{
    /// <summary>A word in about one report in a hundred: the free-text search scenario looks for it.</summary>
    public const string SearchTerm = "tolkbokning";

    /// <summary>What the benchmark files: a report the personal-data guard lets through.</summary>
    public const string Sample = "Personen skickades mellan handläggare utan att någon tog ansvar för helheten. Reglerna i de olika verksamheterna pekade åt olika håll.";

    private static readonly string[] Openings =
    [
        "Personen skickades mellan handläggare utan att någon tog ansvar för helheten.",
        "Försäkringskassan krävde ett läkarintyg som vården inte ville utfärda.",
        "Arbetsförmedlingen avslutade inskrivningen samma vecka som kommunen påbörjade insatsen.",
        "Remissen från vårdcentralen kom aldrig fram till rehabiliteringskoordinatorn.",
        "Kommunens försörjningsstöd förutsatte aktivt arbetssökande medan regionen bedömde arbetsoförmåga.",
        "Ingen myndighet ville kalla till ett gemensamt möte trots att alla var inblandade.",
        "Beslutet om sjukpenning drog ut på tiden och ingen kunde svara på varför.",
        "Överlämningen mellan socialtjänst och psykiatri saknade en namngiven mottagare.",
        "Personen fick olika besked om vem som skulle betala för insatsen.",
        "Handlingarna begärdes in för tredje gången av samma myndighet.",
        "Tolk saknades vid mötet och bokningen gjordes först efter flera veckor.",
        "Kontakten bröts när handläggaren byttes ut utan överlämning.",
        "Ett samtycke till informationsdelning fanns men användes inte.",
        "Personen hänvisades till en digital tjänst som inte fungerade med hjälpmedel.",
        "Den arbetsförberedande insatsen startade först efter att ersättningen upphört.",
    ];

    private static readonly string[] Middles =
    [
        "Det ledde till att planeringen fick börja om från början.",
        "Ingen part hade mandat att fatta beslut i frågan.",
        "Reglerna i de olika verksamheterna pekade åt olika håll.",
        "Väntetiden blev betydligt längre än vad som är rimligt.",
        "Kommunikationen gick bara via brev och svaren dröjde.",
        "Handläggarna kände inte till varandras uppdrag.",
        "Det saknades en gemensam rutin för just den här situationen.",
        "Informationen fanns hos en part men kunde inte delas med de andra.",
        "Den samordnade individuella planen följdes inte upp.",
        "Frågan hade kunnat lösas redan vid första mötet.",
    ];

    private static readonly string[] Closings =
    [
        "Situationen är känd sedan tidigare i förbundet.",
        "Liknande fall har rapporterats från flera kommuner.",
        "Ärendet löstes till slut genom en personlig kontakt.",
        "Frågan är fortfarande olöst.",
        "Personen har nu kontakt med samtliga parter igen.",
        "",
    ];

    private static readonly string[] ConsequenceTexts =
    [
        "Personen blev utan ersättning under flera månader.",
        "Rehabiliteringen försenades och motivationen minskade.",
        "Personen fick söka ekonomiskt bistånd i väntan på beslut.",
        "Hälsan försämrades under väntetiden.",
        "Förtroendet för myndigheterna skadades.",
        "Personen avbröt kontakten med arbetsförmedlingen.",
        "Planerad praktik kunde inte påbörjas.",
        "Personen fick resa till flera möten i onödan.",
    ];

    private static readonly string[] SuggestionTexts =
    [
        "Inför en gemensam kontaktperson vid överlämningar.",
        "Ta fram en rutin för gemensamma möten tidigt i ärendet.",
        "Se över hur samtycke till informationsdelning används.",
        "Lyft regelkrocken till styrelsen och vidare nationellt.",
        "Utbilda handläggare i varandras uppdrag.",
        "Boka tolk direkt när behovet blir känt.",
        "",
    ];

    private static readonly string[] SummaryTexts =
    [
        "Beredningsgruppen konstaterar att regelverken krockar och att frågan behöver lyftas.",
        "Parterna har enats om en gemensam rutin för överlämningar.",
        "Bristen bedöms bero på otydliga ansvarsgränser mellan parterna.",
        "Ärendet visar ett känt strukturellt hinder som inte kan lösas lokalt.",
        "Parterna har förtydligat vem som kallar till gemensamma möten.",
    ];

    private static readonly string[] AnswerTexts =
    [
        "Tack för rapporten. Parterna har tagit fram en ny rutin som gäller från nästa månad.",
        "Tack för rapporten. Frågan har lyfts till styrelsen som tar upp den med berörda myndigheter.",
        "Tack för rapporten. Vi har inte kunnat åtgärda bristen men den finns med i förbundets uppföljning.",
        "Tack för rapporten. Berörda handläggare har fått information om hur överlämningar ska göras.",
    ];

    public static readonly string[] Questions =
    [
        "Kan du beskriva vilka myndigheter som var med på mötet?",
        "Vet du om en samordnad individuell plan fanns?",
        "När ungefär kom remissen tillbaka?",
    ];

    public static readonly string[] QuestionAnswers =
    [
        "Försäkringskassan och kommunen var med, inte regionen.",
        "Nej, någon plan fanns inte vid tillfället.",
        "Den kom tillbaka efter ungefär en månad.",
    ];

    public static readonly string[] Responses =
    [
        "Vi har sett över våra rutiner och kommer att kontakta de andra parterna tidigare.",
        "Bristen är känd hos oss och en ny arbetsordning är på väg.",
        "Vi delar bilden och föreslår ett gemensamt utvecklingsarbete.",
        "Vår bedömning är att regelverket inte ger utrymme för annan hantering.",
    ];

    public static readonly string[] Requirements =
    [
        "Kräver att personen står till arbetsmarknadens förfogande.",
        "Kräver att arbetsförmågan är utredd innan insats.",
        "Kräver läkarintyg med funktionsnedsättning beskriven.",
        "Kräver att personen först söker annan ersättning.",
    ];

    public static readonly string[] Rules = ["Socialförsäkringsbalken", "Socialtjänstlagen", "Förordning om arbetsmarknadspolitiska program", ""];

    public static readonly string[] RejectionReasons = ["Ärendet gäller ett enskilt myndighetsbeslut och inte samverkan.", "Rapporten innehåller för lite underlag för att bedömas."];

    public static readonly string[] WhereToTurn = ["Vänd dig till myndighetens klagomålsfunktion.", "Kontakta förbundets kansli för att komplettera."];

    public string[] WhatHappened { get; }
    public string[] Consequences { get; } = ConsequenceTexts;
    public string[] Suggestions { get; } = SuggestionTexts;
    public string[] Summaries { get; } = SummaryTexts;
    public string[] Answers { get; } = AnswerTexts;

    public Texts(Random random)
    {
        // Three fragments give a few hundred distinct reports; one in a hundred of them holds the search term.
        WhatHappened = new string[600];
        for (var i = 0; i < WhatHappened.Length; i++)
        {
            var text = $"{Openings[random.Next(Openings.Length)]} {Middles[random.Next(Middles.Length)]} {Closings[random.Next(Closings.Length)]}".TrimEnd();
            WhatHappened[i] = i % 100 == 0 ? $"{text} En {SearchTerm} hade kunnat lösa frågan." : text;
        }
    }
}
