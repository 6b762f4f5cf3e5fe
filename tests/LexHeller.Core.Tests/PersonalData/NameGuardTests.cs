using LexHeller.Core.PersonalData;

namespace LexHeller.Core.Tests.PersonalData;

public class NameGuardTests
{
    [Fact]
    public void Every_person_name_in_the_corpus_is_flagged_whole()
    {
        var corpus = NameCorpus.PersonSentencesWithNames().ToList();
        Assert.True(corpus.Count >= 200, $"only {corpus.Count} sentences");
        var missed = corpus
            .Where(c => !PersonalDataGuard.ScanIncludingNames(c.Text).Any(h => h.Kind == PersonalDataKind.Name && h.Passage == c.Name))
            .Select(c => $"{c.Text} → [{string.Join(", ", PersonalDataGuard.ScanIncludingNames(c.Text).Select(h => h.Passage))}]")
            .ToList();
        Assert.True(missed.Count == 0, $"missed {missed.Count}: " + string.Join(" | ", missed.Take(10)));
    }

    [Fact]
    public void No_organisation_place_or_law_in_the_corpus_is_flagged()
    {
        var corpus = NameCorpus.NotPersonSentences().ToList();
        Assert.True(corpus.Count >= 200, $"only {corpus.Count} sentences");
        var flagged = corpus
            .Select(c => (c.Text, Hits: PersonalDataGuard.ScanIncludingNames(c.Text)))
            .Where(c => c.Hits.Count > 0)
            .Select(c => $"{c.Text} → [{string.Join(", ", c.Hits.Select(h => h.Passage))}]")
            .ToList();
        Assert.True(flagged.Count == 0, $"flagged {flagged.Count}: " + string.Join(" | ", flagged.Take(10)));
    }

    [Fact]
    public void The_guards_own_harmless_corpus_and_the_activity_plans_hold_no_names()
    {
        var texts = Corpus.Harmless(800, seed: 2003).Concat(PersonalDataGuardTests.SeedLines.Cast<object[]>().Select(row => (string)row[0]));
        var flagged = texts.Where(t => PersonalDataGuard.ScanIncludingNames(t).Count > 0).ToList();
        Assert.True(flagged.Count == 0, "flagged: " + string.Join(" | ", flagged.Take(10)));
    }

    [Fact]
    public void A_persons_name_is_refused_but_not_among_the_hits_that_Scan_reports()
    {
        const string text = "Jag pratade med Anna Svensson på Försäkringskassan.";
        Assert.Empty(PersonalDataGuard.Scan(text));
        Assert.True(PersonalDataGuard.IsClean(text));
        var hit = Assert.Single(PersonalDataGuard.ScanIncludingNames(text));
        Assert.Equal(PersonalDataKind.Name, hit.Kind);
        Assert.Equal(PersonalDataSeverity.Refused, hit.Severity);
        Assert.Equal(text.IndexOf("Anna", StringComparison.Ordinal), hit.Index);
        Assert.Equal("Anna Svensson".Length, hit.Length);
        Assert.StartsWith("”Anna Svensson” ser ut som ett namn.", hit.Message);
    }

    [Theory]
    [InlineData("Färdtjänsten kördes av Erik Johansson AB i stället.", "Erik Johansson")]
    [InlineData("Bidraget kom från Stiftelsen Anna Svensson förra året.", "Anna Svensson")]
    [InlineData("Flytten sköttes av Firma Lars Berg i Partille.", "Lars Berg")]
    public void A_name_beside_a_word_for_firms_is_confirmable(string text, string name)
    {
        var hit = Assert.Single(PersonalDataGuard.ScanIncludingNames(text));
        Assert.Contains(name, hit.Passage);
        Assert.Equal(PersonalDataSeverity.Confirmable, hit.Severity);
    }

    [Fact]
    public void Identity_numbers_addresses_and_phones_stay_refused_next_to_a_name()
    {
        var hits = PersonalDataGuard.ScanIncludingNames("Anna Svensson, 811218-9876, nås på 070-123 45 67 eller anna.svensson@molndal.se.");
        Assert.Equal(
            [PersonalDataKind.Name, PersonalDataKind.Personnummer, PersonalDataKind.Phone, PersonalDataKind.Email],
            hits.Select(h => h.Kind));
        Assert.All(hits.Skip(1), h => Assert.Equal(PersonalDataSeverity.Refused, h.Severity));
    }

    [Theory]
    [InlineData("Anna\nSvensson")]
    [InlineData("Anna, Svensson")]
    [InlineData("Från Lund kom beskedet.")]
    [InlineData("Sankt Göran Eriksson")]
    [InlineData("anna svensson")]
    public void Words_apart_titles_and_lower_case_are_not_names(string text) =>
        Assert.DoesNotContain(PersonalDataGuard.ScanIncludingNames(text), h => h.Kind == PersonalDataKind.Name && h.Passage.StartsWith("Anna"));

    [Fact]
    public void Capitals_a_genitive_and_a_persons_home_are_still_names()
    {
        Assert.Equal("ANNA SVENSSON", Assert.Single(PersonalDataGuard.ScanIncludingNames("Kontakta ANNA SVENSSON.")).Passage);
        Assert.Equal("Anna Svenssons", Assert.Single(PersonalDataGuard.ScanIncludingNames("Anna Svenssons beslut överklagades.")).Passage);
        Assert.Equal("Anna Svenssons", Assert.Single(PersonalDataGuard.ScanIncludingNames("Vi möttes i Anna Svenssons hem.")).Passage);
    }

    [Fact]
    public void One_message_per_field_lists_everything_found()
    {
        var message = PersonalDataSummary.Describe(PersonalDataGuard.ScanIncludingNames("Anna Svensson ringde från 070-123 45 67."));
        Assert.StartsWith("Texten ser ut att innehålla ett namn (Anna Svensson) och ett telefonnummer (070-123 45 67). ", message);
        Assert.Contains("ta bort dem", message);
    }

    [Fact]
    public void The_message_counts_in_words_and_names_each_passage_once()
    {
        var message = PersonalDataSummary.Describe(PersonalDataGuard.ScanIncludingNames(
            "Anna Svensson och Per Olsson ringde; Anna Svensson igen, och a@b.se, c@d.se samt e@f.se."));
        Assert.StartsWith("Texten ser ut att innehålla två namn (Anna Svensson, Per Olsson) och tre e-postadresser (a@b.se, c@d.se, e@f.se).", message);
    }

    [Fact]
    public void Names_alone_ask_for_roles_instead_and_nothing_found_says_nothing()
    {
        Assert.Null(PersonalDataSummary.Describe([]));
        var message = PersonalDataSummary.Describe(PersonalDataGuard.ScanIncludingNames("Mötet leddes av Lars Nilsson."));
        Assert.Equal("Texten ser ut att innehålla ett namn (Lars Nilsson). Skriv inte ut vad personer heter; beskriv dem med sin roll, till exempel ”handläggaren”.", message);
    }

    [Fact]
    public void Each_field_gets_its_own_message()
    {
        var messages = PersonalDataSummary.PerField(
        [
            ("Summary", PersonalDataGuard.ScanIncludingNames("Ingen uppgift här.")),
            ("Description", PersonalDataGuard.ScanIncludingNames("Karin Berg sa nej. Ring 08-123 456 78.")),
        ]);
        var (field, message) = Assert.Single(messages);
        Assert.Equal("Description", field);
        Assert.StartsWith("Texten ser ut att innehålla ett namn (Karin Berg) och ett telefonnummer (08-123 456 78).", message);
    }

    [Fact]
    public void The_shipped_lists_hold_a_few_hundred_names()
    {
        Assert.True(SwedishNames.FirstNames.Count >= 250, $"{SwedishNames.FirstNames.Count} first names");
        Assert.True(SwedishNames.Surnames.Count >= 150, $"{SwedishNames.Surnames.Count} surnames");
    }
}
