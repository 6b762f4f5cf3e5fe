using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LexHeller.Core.PersonalData;

public enum PersonalDataKind { Personnummer, Samordningsnummer, Email, Phone, Name }

/// <summary>How firmly a hit keeps a text out.</summary>
public enum PersonalDataSeverity
{
    /// <summary>Never stored: an identity number, an e-mail address, a phone number or a person's name.</summary>
    Refused,

    /// <summary>Looks like a person's name inside an organisation's name; the writer may confirm that it names no person.</summary>
    Confirmable,
}

/// <summary>One passage of a text that identifies a person: where it is, what it looks like and why it must go.</summary>
/// <param name="BesideOrganisationWord">A name hit stands next to a word that names firms and organisations ("Erik
/// Johansson AB", "Stiftelsen Anna Ek"): it may be the organisation's name, which the writer may confirm.</param>
public sealed record PersonalDataHit(PersonalDataKind Kind, int Index, int Length, string Passage, bool BesideOrganisationWord = false)
{
    public PersonalDataSeverity Severity => Kind switch
    {
        PersonalDataKind.Personnummer or PersonalDataKind.Samordningsnummer or PersonalDataKind.Email or PersonalDataKind.Phone
            => PersonalDataSeverity.Refused,
        PersonalDataKind.Name => BesideOrganisationWord ? PersonalDataSeverity.Confirmable : PersonalDataSeverity.Refused,
    };

    public string KindName => Kind switch
    {
        PersonalDataKind.Personnummer => "ett personnummer",
        PersonalDataKind.Samordningsnummer => "ett samordningsnummer",
        PersonalDataKind.Email => "en e-postadress",
        PersonalDataKind.Phone => "ett telefonnummer",
        PersonalDataKind.Name => "ett namn",
    };

    /// <summary>The Swedish message shown next to the field.</summary>
    public string Message =>
        $"”{Passage}” ser ut som {KindName}. Rapporter får inte innehålla uppgifter som kan identifiera en person – ta bort det och beskriv händelsen utan personuppgifter.";
}

/// <summary>
/// Finds personal identity numbers (personnummer and samordningsnummer, with a valid date and Luhn digit),
/// e-mail addresses and Swedish phone numbers in free text. Every text a user writes passes through it
/// on the server before anything is stored. Digits in another width or script, any dash or space, a dot, " - " and
/// invisible characters between the digit groups do not hide a number: the text is folded before it is read.
/// </summary>
public static partial class PersonalDataGuard
{
    /// <summary>
    /// The passages that are refused outright (identity numbers, e-mail addresses, phone numbers). Names are not
    /// among them: a name may be a false hit the writer confirms, so <see cref="ScanIncludingNames"/> reports those.
    /// </summary>
    public static IReadOnlyList<PersonalDataHit> Scan(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var folded = Folded.From(text);
        var hits = new List<PersonalDataHit>();

        foreach (Match m in IdentityNumber().Matches(folded.Text))
        {
            if (IdentityKind(m) is { } kind)
                hits.Add(folded.Hit(kind, m.Index, m.Length));
        }
        foreach (Match m in Email().Matches(folded.Text))
            hits.Add(folded.Hit(PersonalDataKind.Email, m.Index, m.Length));
        foreach (Match m in Phone().Matches(folded.Text))
        {
            var hit = folded.Hit(PersonalDataKind.Phone, m.Index, m.Length);
            if (!hits.Any(h => Overlaps(h, hit)))
                hits.Add(hit);
        }
        return hits.OrderBy(h => h.Index).ToList();
    }

    public static bool IsClean(string? text) => Scan(text).Count == 0;

    /// <summary>
    /// Every passage that identifies a person, in order: the refused ones of <see cref="Scan"/> and the possible
    /// names (<see cref="PersonalDataKind.Name"/>, <see cref="PersonalDataSeverity.Confirmable"/>).
    /// </summary>
    public static IReadOnlyList<PersonalDataHit> ScanIncludingNames(string? text)
    {
        var refused = Scan(text);
        if (string.IsNullOrEmpty(text)) return refused;
        var names = NameFinder.Find(text).Where(n => !refused.Any(r => Overlaps(r, n)));
        return refused.Concat(names).OrderBy(h => h.Index).ToList();
    }

    private static bool Overlaps(PersonalDataHit a, PersonalDataHit b) => a.Index < b.Index + b.Length && b.Index < a.Index + a.Length;

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

    // 10 or 12 digits: [CC]YYMMDD, an optional separator (-, +, a space, a dot or " - "), then NNNC. Not part of a
    // longer digit run. The text is folded first, so every dash reads as - and every space as a plain space.
    [GeneratedRegex(@"(?<![0-9])(?<c>[0-9]{2})?(?<yy>[0-9]{2})(?<mm>[0-9]{2})(?<dd>[0-9]{2})(?:\+| ?- ?|[ .])?(?<nnn>[0-9]{3})(?<check>[0-9])(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex IdentityNumber();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-åäöÅÄÖ]+@[A-Za-z0-9\-åäöÅÄÖ]+(?:\.[A-Za-z0-9\-åäöÅÄÖ]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // National form: 0, a non-zero digit, then 6–8 more digits with optional single spaces or dashes
    // (070-123 45 67, 08-123 456 78, 031-12 34 56). International form: +46 or 0046, optional (0).
    // Not preceded by a digit group, so amounts like "3 045 678 901 kr" are not read as phone numbers.
    [GeneratedRegex(@"(?<![0-9][ \-]?)(?:(?:\+|00)46[ \-]?(?:\(0\)[ \-]?)?[1-9]|0[1-9])(?:[ \-]?[0-9]){6,8}(?![ \-]?[0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
    /// <summary>
    /// The text as the patterns read it, so that what looks like a personnummer to a reader is one to the guard:
    /// NFKC-normalised (full-width digits and letters become ASCII), every decimal digit of any script as 0–9, every
    /// dash as -, every space as a plain space, and invisible characters (zero-width ones, the soft hyphen, other
    /// format characters) left out. Each folded character remembers the text element it came from, so a hit points
    /// out the passage exactly as it was written.
    /// </summary>
    private sealed class Folded
    {
        private readonly string _original;
        private readonly List<int> _starts;
        private readonly List<int> _ends;

        private Folded(string original, string text, List<int> starts, List<int> ends)
        {
            _original = original;
            Text = text;
            _starts = starts;
            _ends = ends;
        }

        public string Text { get; }

        public static Folded From(string text)
        {
            var folded = new StringBuilder(text.Length);
            var starts = new List<int>(text.Length);
            var ends = new List<int>(text.Length);
            var elements = StringInfo.GetTextElementEnumerator(text);
            while (elements.MoveNext())
            {
                var element = elements.GetTextElement();
                var start = elements.ElementIndex;
                string normal;
                try { normal = element.Normalize(NormalizationForm.FormKC); }
                catch (ArgumentException) { normal = element; } // a lone surrogate cannot be normalised; it is no digit either
                foreach (var rune in normal.EnumerateRunes())
                {
                    var before = folded.Length;
                    switch (Rune.GetUnicodeCategory(rune))
                    {
                        case UnicodeCategory.DecimalDigitNumber:
                            folded.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
                            break;
                        case UnicodeCategory.DashPunctuation:
                            folded.Append('-');
                            break;
                        case UnicodeCategory.SpaceSeparator:
                            folded.Append(' ');
                            break;
                        case UnicodeCategory.Format:
                            break;
                        default:
                            // The minus sign is a math symbol, but typed between digit groups it is a dash.
                            if (rune.Value == 0x2212) folded.Append('-');
                            else folded.Append(rune.ToString());
                            break;
                    }
                    for (var i = before; i < folded.Length; i++)
                    {
                        starts.Add(start);
                        ends.Add(start + element.Length);
                    }
                }
            }
            return new Folded(text, folded.ToString(), starts, ends);
        }

        /// <summary>A hit found in the folded text, placed in the original.</summary>
        public PersonalDataHit Hit(PersonalDataKind kind, int index, int length)
        {
            var start = _starts[index];
            var end = _ends[index + length - 1];
            return new PersonalDataHit(kind, start, end - start, _original[start..end]);
        }
    }
}
