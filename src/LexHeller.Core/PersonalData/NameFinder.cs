using System.Text.RegularExpressions;

namespace LexHeller.Core.PersonalData;

/// <summary>
/// Finds what reads as a person's name: a known first name followed by a capitalised word ("Anna Kjellberg"), or a
/// capitalised word followed by a known surname ("Jonte Svensson"), on one line with only spaces between, growing to
/// take in further first names and surnames ("Anna Maria Svensson"). It stays quiet where the words name something
/// else: next to a word that opens sentences or names an authority or a place ("Från Lund", "Region Stockholm"),
/// after a title ("Sankt Göran", "Lex Maria"), before a word that makes a place or an institution of the name
/// ("Anna Lindhs plats", "Erik Dahlbergsgatan"), and in the few whole phrases it knows.
/// </summary>
internal static partial class NameFinder
{
    public static IEnumerable<PersonalDataHit> Find(string text)
    {
        var words = Word().Matches(text).Select(m => (m.Index, m.Length, Text: m.Value)).ToList();
        var i = 0;
        while (i < words.Count - 1)
        {
            if (!Adjacent(text, words[i], words[i + 1]) || !Candidate(words[i].Text) || !Candidate(words[i + 1].Text)
                || !(IsFirstName(words[i].Text) || IsSurname(words[i + 1].Text)))
            {
                i++;
                continue;
            }
            var end = i + 1;
            while (end + 1 < words.Count && Adjacent(text, words[end], words[end + 1]) && Candidate(words[end + 1].Text)
                   && (IsFirstName(words[end + 1].Text) || IsSurname(words[end + 1].Text)))
                end++;

            // "Handläggaren Ahmed Lindqvist": a word before a first name that is no name itself is not part of it.
            if (end - i >= 2 && !IsFirstName(words[i].Text) && IsFirstName(words[i + 1].Text))
                i++;

            var start = words[i].Index;
            var passage = text[start..(words[end].Index + words[end].Length)];
            var afterTitle = i > 0 && Adjacent(text, words[i - 1], words[i]) && SwedishNames.Titles.Contains(words[i - 1].Text);
            var placeAfter = end + 1 < words.Count && Adjacent(text, words[end], words[end + 1])
                             && char.IsLower(words[end + 1].Text[0])
                             && SwedishNames.PlaceWords.Any(e => words[end + 1].Text.EndsWith(e, StringComparison.InvariantCultureIgnoreCase));
            var placeWithin = !IsFirstName(words[end].Text) && !IsSurname(words[end].Text) && EndsInPlace(words[end].Text);
            var known = SwedishNames.KnownPhrases.Any(p => passage.StartsWith(p, StringComparison.InvariantCultureIgnoreCase)
                                                          || p.StartsWith(passage, StringComparison.InvariantCultureIgnoreCase));
            var organisation = end + 1 < words.Count && Adjacent(text, words[end], words[end + 1])
                               && SwedishNames.OrganisationWordsAfter.Contains(words[end + 1].Text)
                               || i > 0 && Adjacent(text, words[i - 1], words[i]) && SwedishNames.OrganisationWordsBefore.Contains(words[i - 1].Text);
            if (!afterTitle && !placeAfter && !placeWithin && !known)
                yield return new PersonalDataHit(PersonalDataKind.Name, start, passage.Length, passage, organisation);
            i = end + 1;
        }
    }

    /// <summary>
    /// A capitalised word that could be part of a name: not a single letter, not a title, and not a sentence opener,
    /// authority or place unless it is a name too ("Anna Lund", but not "Malmö Lund").
    /// </summary>
    private static bool Candidate(string word) =>
        word.Length >= 2 && char.IsUpper(word[0]) && !SwedishNames.Titles.Contains(word)
        && (!SwedishNames.NotPersons.Contains(word) || IsFirstName(word) || IsSurname(word));

    private static bool IsFirstName(string word) =>
        SwedishNames.FirstNames.Contains(word) || word.Split('-') is { Length: > 1 } parts && parts.All(SwedishNames.FirstNames.Contains);

    /// <summary>A known surname, also in the genitive ("Svenssons") or last in a double name ("Lind-Svensson").</summary>
    private static bool IsSurname(string word)
    {
        var last = word.Split('-')[^1];
        return SwedishNames.Surnames.Contains(last)
               || last.Length > 2 && last.EndsWith('s') && SwedishNames.Surnames.Contains(last[..^1]);
    }

    private static bool EndsInPlace(string word) =>
        SwedishNames.PlaceEndings.Any(e => word.EndsWith(e, StringComparison.InvariantCultureIgnoreCase));

    /// <summary>Two words with nothing but spaces between them; a line break or a comma separates two names.</summary>
    private static bool Adjacent(string text, (int Index, int Length, string Text) a, (int Index, int Length, string Text) b)
    {
        var gap = text.AsSpan(a.Index + a.Length, b.Index - a.Index - a.Length);
        if (gap.IsEmpty) return false;
        foreach (var c in gap)
            if (c is not (' ' or '\u00A0' or '\t'))
                return false;
        return true;
    }

    // Letters, joined by a hyphen or a colon ("Anna-Karin", "S:t"); a trailing apostrophe of the genitive is left out.
    [GeneratedRegex(@"\p{L}+(?:[-:]\p{L}+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
