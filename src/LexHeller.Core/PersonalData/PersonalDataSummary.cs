namespace LexHeller.Core.PersonalData;

/// <summary>
/// One Swedish message for one field that lists everything the guard found in it, so a reporter with a name and a
/// phone number in the same text reads one sentence, not two long ones.
/// </summary>
public static class PersonalDataSummary
{
    /// <summary>
    /// "Texten ser ut att innehålla ett namn (Anna Svensson) och ett telefonnummer (070-123 45 67)." followed by what
    /// to do; null when there is nothing to say.
    /// </summary>
    public static string? Describe(IReadOnlyList<PersonalDataHit> hits)
    {
        if (hits.Count == 0) return null;
        var parts = hits
            .OrderBy(h => h.Index)
            .GroupBy(h => h.Kind)
            .Select(g =>
            {
                var passages = g.Select(h => h.Passage).Distinct(StringComparer.InvariantCultureIgnoreCase).ToList();
                return $"{Counted(g.Key, passages.Count)} ({string.Join(", ", passages)})";
            })
            .ToList();
        var found = parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts[..^1])} och {parts[^1]}";
        var advice = hits.Any(h => h.Kind != PersonalDataKind.Name)
            ? "Rapporter får inte innehålla uppgifter som kan identifiera en person – ta bort dem och beskriv händelsen utan personuppgifter."
            : "Skriv inte ut vad personer heter; beskriv dem med sin roll, till exempel ”handläggaren”.";
        return $"Texten ser ut att innehålla {found}. {advice}";
    }

    /// <summary>The summary for each field that has hits, keyed by the field's name.</summary>
    public static IReadOnlyDictionary<string, string> PerField(IEnumerable<(string Field, IReadOnlyList<PersonalDataHit> Hits)> fields) =>
        fields.Where(f => f.Hits.Count > 0)
            .GroupBy(f => f.Field)
            .ToDictionary(g => g.Key, g => Describe(g.SelectMany(f => f.Hits).ToList())!);

    private static string Counted(PersonalDataKind kind, int count)
    {
        var (one, many) = kind switch
        {
            PersonalDataKind.Personnummer => ("ett personnummer", "personnummer"),
            PersonalDataKind.Samordningsnummer => ("ett samordningsnummer", "samordningsnummer"),
            PersonalDataKind.Email => ("en e-postadress", "e-postadresser"),
            PersonalDataKind.Phone => ("ett telefonnummer", "telefonnummer"),
            PersonalDataKind.Name => ("ett namn", "namn"),
        };
        return count == 1 ? one : $"{Number(count)} {many}";
    }

    private static string Number(int n) => n switch
    {
        2 => "två", 3 => "tre", 4 => "fyra", 5 => "fem", 6 => "sex", 7 => "sju", 8 => "åtta", 9 => "nio", 10 => "tio",
        11 => "elva", 12 => "tolv",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
