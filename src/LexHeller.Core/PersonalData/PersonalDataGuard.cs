using System.Text.RegularExpressions;

namespace LexHeller.Core.PersonalData;

public enum PersonalDataKind { Personnummer, Samordningsnummer, Email, Phone }

/// <summary>One passage of a text that identifies a person: where it is, what it looks like and why it must go.</summary>
public sealed record PersonalDataHit(PersonalDataKind Kind, int Index, int Length, string Passage)
{
    public string KindName => Kind switch
    {
        PersonalDataKind.Personnummer => "ett personnummer",
        PersonalDataKind.Samordningsnummer => "ett samordningsnummer",
        PersonalDataKind.Email => "en e-postadress",
        _ => "ett telefonnummer",
    };

    /// <summary>The Swedish message shown next to the field.</summary>
    public string Message =>
        $"”{Passage}” ser ut som {KindName}. Rapporter får inte innehålla uppgifter som kan identifiera en person – ta bort det och beskriv händelsen utan personuppgifter.";
}

/// <summary>
/// Finds personal identity numbers (personnummer and samordningsnummer, with a valid date and Luhn digit),
/// e-mail addresses and Swedish phone numbers in free text. Every text a user writes passes through it
/// on the server before anything is stored.
/// </summary>
public static partial class PersonalDataGuard
{
    public static IReadOnlyList<PersonalDataHit> Scan(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var hits = new List<PersonalDataHit>();

        foreach (Match m in IdentityNumber().Matches(text))
        {
            if (IdentityKind(m) is { } kind)
                hits.Add(new PersonalDataHit(kind, m.Index, m.Length, m.Value));
        }
        foreach (Match m in Email().Matches(text))
            hits.Add(new PersonalDataHit(PersonalDataKind.Email, m.Index, m.Length, m.Value));
        foreach (Match m in Phone().Matches(text))
        {
            if (!hits.Any(h => Overlaps(h, m)))
                hits.Add(new PersonalDataHit(PersonalDataKind.Phone, m.Index, m.Length, m.Value.Trim()));
        }
        return hits.OrderBy(h => h.Index).ToList();
    }

    public static bool IsClean(string? text) => Scan(text).Count == 0;

    private static bool Overlaps(PersonalDataHit hit, Match m) => hit.Index < m.Index + m.Length && m.Index < hit.Index + hit.Length;

    private static PersonalDataKind? IdentityKind(Match m)
    {
        var century = m.Groups["c"].Success ? int.Parse(m.Groups["c"].Value) : (int?)null;
        if (century is not null and not (18 or 19 or 20)) return null;
        var yy = int.Parse(m.Groups["yy"].Value);
        var month = int.Parse(m.Groups["mm"].Value);
        var day = int.Parse(m.Groups["dd"].Value);
        if (day >= 60)
        {
            // A samordningsnummer adds 60 to the day; since 2022 an unknown month or day is written as 00.
            day -= 60;
            if (month > 12) return null;
            if (month > 0 && day > 0 && !DateExists(century, yy, month, day)) return null;
            return Luhn(Digits(m)) ? PersonalDataKind.Samordningsnummer : null;
        }
        if (month is < 1 or > 12 || day < 1 || !DateExists(century, yy, month, day)) return null;
        return Luhn(Digits(m)) ? PersonalDataKind.Personnummer : null;
    }

    /// <summary>Without a century the date must exist in some century a living person was born in.</summary>
    private static bool DateExists(int? century, int yy, int month, int day)
    {
        int[] years = century is { } c ? [c * 100 + yy] : [1900 + yy, 2000 + yy];
        return years.Any(y => day <= DateTime.DaysInMonth(y, month));
    }

    private static string Digits(Match m) =>
        m.Groups["yy"].Value + m.Groups["mm"].Value + m.Groups["dd"].Value + m.Groups["nnn"].Value + m.Groups["check"].Value;


    /// <summary>The Luhn (mod 10) check over the ten digits YYMMDDNNNC.</summary>
    internal static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return sum % 10 == 0;
    }

    // 10 or 12 digits: [CC]YYMMDD, an optional -, + or space, then NNNC. Not part of a longer digit run.
    [GeneratedRegex(@"(?<![\d])(?<c>\d{2})?(?<yy>\d{2})(?<mm>\d{2})(?<dd>\d{2})[-+ ]?(?<nnn>\d{3})(?<check>\d)(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex IdentityNumber();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-åäöÅÄÖ]+@[A-Za-z0-9\-åäöÅÄÖ]+(?:\.[A-Za-z0-9\-åäöÅÄÖ]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // National form: 0, a non-zero digit, then 6–8 more digits with optional single spaces or dashes
    // (070-123 45 67, 08-123 456 78, 031-12 34 56). International form: +46 or 0046, optional (0).
    // Not preceded by a digit group, so amounts like "3 045 678 901 kr" are not read as phone numbers.
    [GeneratedRegex(@"(?<!\d[ \-]?)(?:(?:\+|00)46[ \-]?(?:\(0\)[ \-]?)?[1-9]|0[1-9])(?:[ \-]?\d){6,8}(?![ \-]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
