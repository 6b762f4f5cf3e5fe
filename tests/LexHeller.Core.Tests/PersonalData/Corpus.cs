namespace LexHeller.Core.Tests.PersonalData;

/// <summary>
/// Generates what the guard must catch (identity numbers in every written form) and what it must let
/// through (dates, amounts, diary numbers, years, Luhn-failing digit runs) inside real Swedish sentences.
/// Seeded, so a failure can be reproduced.
/// </summary>
internal static class Corpus
{
    /// <summary>Sentences from the förbund activity plans, with a slot where a reporter might write a number.</summary>
    public static readonly string[] Sentences =
    [
        "Handläggaren hänvisade till {0} när personen sökte aktivitetsersättning.",
        "Beslutet ({0}) kom först efter att remissen legat i sex veckor.",
        "Samordningsförbundet Södra Norrbotten bildades {0} när förbunden gick samman.",
        "Kostnader för 2026 baserat på preliminära besked om statlig tilldelning: {0}",
        "Remissen skickades till Arbetsförmedlingen men kom aldrig fram, se {0}.",
        "ACTivera Mölndal {0}, ca 110 platser.",
        "Deltagaren blev hänvisad mellan kommunen och Försäkringskassan; underlaget hade nummer {0}",
        "{0} – ingen av parterna ville ta ansvar för insatsen.",
    ];

    public static IEnumerable<(string Text, string Number, bool Coordination)> IdentityNumbers(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var coordination = i % 3 == 2;
            var birth = new DateTime(1925, 1, 1).AddDays(random.Next(0, 365 * 100));
            var number = random.Next(0, 1000);
            var day = birth.Day + (coordination ? 60 : 0);
            var first9 = $"{birth:yy}{birth:MM}{day:00}{number:000}";
            var check = CheckDigit(first9);
            var yymmdd = first9[..6];
            var nnnc = first9[6..] + check;
            var century = birth.ToString("yyyy")[..2];
            var old = birth.Year < DateTime.Today.Year - 100;
            string[] forms =
            [
                $"{century}{yymmdd}{nnnc}",
                $"{century}{yymmdd}-{nnnc}",
                $"{century}{yymmdd} {nnnc}",
                $"{yymmdd}{nnnc}",
                $"{yymmdd}{(old ? '+' : '-')}{nnnc}",
                $"{yymmdd} {nnnc}",
            ];
            var written = forms[i % forms.Length];
            yield return (string.Format(Sentences[random.Next(Sentences.Length)], written), written, coordination);
        }
    }

    public static IEnumerable<string> Harmless(int count, int seed)
    {
        var random = new Random(seed);
        var makers = new Func<Random, string>[]
        {
            r => new DateTime(2015, 1, 1).AddDays(r.Next(0, 4000)).ToString("yyyy-MM-dd"),
            r => new DateTime(2015, 1, 1).AddDays(r.Next(0, 4000)).ToString("yyyyMMdd"),
            r => $"den {r.Next(1, 29)} {Months[r.Next(12)]} {r.Next(2016, 2027)}",
            r => $"{r.Next(1, 10)} {r.Next(0, 1000):000} {r.Next(0, 1000):000} kr",
            r => $"{r.Next(100, 1000)} {r.Next(0, 1000):000}kr",
            r => $"{r.Next(1, 100)} %",
            r => $"Dnr {r.Next(2015, 2027)}/{r.Next(1, 400)}-SFV",
            r => $"dnr {r.Next(2015, 2027)}-{r.Next(1, 9999):0000}",
            r => $"{r.Next(2015, 2025)}–{r.Next(2025, 2031)}",
            r => $"lagen ({r.Next(1990, 2024)}:{r.Next(1, 1500)})",
            r => $"SFB {r.Next(1, 120)} kap. {r.Next(1, 40)} §",
            r => LuhnFailing(r),
            r => LuhnFailing(r).Insert(6, "-"),
            r => $"{r.Next(10_000_000, 99_999_999)}",
            r => $"tertial {r.Next(1, 4)} {r.Next(2016, 2027)}",
            r => $"vecka {r.Next(1, 53)}, {r.Next(2, 40)} dagar",
        };
        for (var i = 0; i < count; i++)
            yield return string.Format(Sentences[random.Next(Sentences.Length)], makers[i % makers.Length](random));
    }

    private static readonly string[] Months =
        ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

    /// <summary>Ten digits with a valid-looking date part whose Luhn digit is wrong.</summary>
    private static string LuhnFailing(Random r)
    {
        var birth = new DateTime(1940, 1, 1).AddDays(r.Next(0, 365 * 55));
        var first9 = $"{birth:yyMMdd}{r.Next(0, 1000):000}";
        var wrong = (CheckDigit(first9) + 1 + r.Next(0, 9)) % 10;
        return first9 + wrong;
    }

    public static int CheckDigit(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var d = (nineDigits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }

    public static IEnumerable<string> PhoneNumbers(int count, int seed)
    {
        var random = new Random(seed);
        string D(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => random.Next(10)));
        var makers = new Func<string>[]
        {
            () => $"07{random.Next(0, 10)}-{D(3)} {D(2)} {D(2)}",
            () => $"07{random.Next(0, 10)}{D(7)}",
            () => $"07{random.Next(0, 10)} {D(3)} {D(2)} {D(2)}",
            () => $"08-{D(3)} {D(3)} {D(2)}",
            () => $"031-{D(2)} {D(2)} {D(2)}",
            () => $"0920-{D(2)} {D(2)} {D(2)}",
            () => $"+46 7{random.Next(0, 10)} {D(3)} {D(2)} {D(2)}",
            () => $"+46{random.Next(1, 10)}{D(8)}",
            () => $"+46 (0)8-{D(3)} {D(2)} {D(2)}",
            () => $"0046 31 {D(2)} {D(2)} {D(2)}",
        };
        for (var i = 0; i < count; i++)
            yield return makers[i % makers.Length]();
    }
}
