using LexHeller.Core.PersonalData;

namespace LexHeller.Core.Tests.PersonalData;

/// <summary>
/// A personnummer is caught whatever a keyboard, a word processor or a copy from a PDF puts between its digit groups,
/// and the passage shown is the one the writer typed.
/// </summary>
public class SeparatorTests
{
    [Theory]
    [InlineData("900101\u20130017", "en dash")]
    [InlineData("900101\u20140017", "em dash")]
    [InlineData("900101\u20100017", "hyphen")]
    [InlineData("900101\u20110017", "non-breaking hyphen")]
    [InlineData("900101\u20120017", "figure dash")]
    [InlineData("900101\u22120017", "minus sign")]
    [InlineData("900101\uFE630017", "small hyphen-minus")]
    [InlineData("900101\uFF0D0017", "full-width hyphen-minus")]
    [InlineData("900101\u00A00017", "no-break space")]
    [InlineData("900101\u20090017", "thin space")]
    [InlineData("900101\u202F0017", "narrow no-break space")]
    [InlineData("900101\u20070017", "figure space")]
    [InlineData("900101\u30000017", "ideographic space")]
    [InlineData("900101\u200B0017", "zero-width space")]
    [InlineData("900101\u200D0017", "zero-width joiner")]
    [InlineData("900101\u20600017", "word joiner")]
    [InlineData("900101\uFEFF0017", "zero-width no-break space")]
    [InlineData("900101\u00AD0017", "soft hyphen")]
    [InlineData("900101.0017", "dot")]
    [InlineData("900101 - 0017", "spaced hyphen")]
    [InlineData("900101 \u2013 0017", "spaced en dash")]
    [InlineData("19900101\u20130017", "en dash, twelve digits")]
    [InlineData("19900101 - 0017", "spaced hyphen, twelve digits")]
    [InlineData("９００１０１－００１７", "full-width digits and hyphen")]
    [InlineData("１９９００１０１００１７", "full-width digits, no separator")]
    [InlineData("9001\u200B01\u00AD-0017", "invisible characters inside a digit group")]
    [InlineData("٩٠٠١٠١-٠٠١٧", "Arabic-Indic digits")]
    public void A_personnummer_is_caught_whatever_separates_its_digit_groups(string number, string separator)
    {
        var text = $"Personen ({number}) väntade i 14 veckor.";
        var hit = Assert.Single(PersonalDataGuard.Scan(text));
        Assert.True(hit.Kind == PersonalDataKind.Personnummer, separator);
        Assert.Equal(number, hit.Passage);
        Assert.Equal(text.IndexOf(number, StringComparison.Ordinal), hit.Index);
        Assert.Equal(number.Length, hit.Length);
        Assert.StartsWith($"”{number}” ser ut som ett personnummer.", hit.Message);
    }

    [Theory]
    [InlineData("900101\u20130018")] // the check digit is wrong
    [InlineData("900101\u20130017 är fel", true)]
    public void The_check_digit_still_decides(string text, bool caught = false) =>
        Assert.Equal(caught ? 1 : 0, PersonalDataGuard.Scan(text).Count);

    [Theory]
    [InlineData("701063\u20132391")]
    [InlineData("701063\u00A02391")]
    public void A_samordningsnummer_is_caught_with_other_separators_too(string number)
    {
        var hit = Assert.Single(PersonalDataGuard.Scan($"Samordningsnummer {number} finns i akten."));
        Assert.Equal(PersonalDataKind.Samordningsnummer, hit.Kind);
        Assert.Equal(number, hit.Passage);
    }

    [Theory]
    [InlineData("Ring ０７０－１２３ ４５ ６７ på förmiddagen.", "０７０－１２３ ４５ ６７", PersonalDataKind.Phone)]
    [InlineData("Skriv till ａｎｎａ＠ｍｏｌｎｄａｌ．ｓｅ i morgon.", "ａｎｎａ＠ｍｏｌｎｄａｌ．ｓｅ", PersonalDataKind.Email)]
    public void Full_width_phone_numbers_and_addresses_are_caught(string text, string passage, PersonalDataKind kind)
    {
        var hit = Assert.Single(PersonalDataGuard.Scan(text));
        Assert.Equal(kind, hit.Kind);
        Assert.Equal(passage, hit.Passage);
    }

    [Theory]
    [InlineData("Förbundet tilldelas 4\u00A0537\u00A0714 kr från staten.")]
    [InlineData("Det egna kapitalet uppgår till 1\u2009259\u2009297 kr.")]
    [InlineData("Verksamhetsplan 2024\u20132026, period 2024.01.01\u20132024.04.30.")]
    [InlineData("Inkom 2024\u201303\u201315 kl. 08.30")]
    [InlineData("Ärendet väntade １２ veckor.")]
    public void Harmless_numbers_with_the_same_separators_pass(string text) => Assert.Empty(PersonalDataGuard.Scan(text));
}
