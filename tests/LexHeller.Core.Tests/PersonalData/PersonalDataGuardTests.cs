using LexHeller.Core.PersonalData;

namespace LexHeller.Core.Tests.PersonalData;

public class PersonalDataGuardTests
{
    [Fact]
    public void Every_generated_identity_number_is_caught_in_every_written_form()
    {
        var corpus = Corpus.IdentityNumbers(900, seed: 2016).ToList();
        Assert.True(corpus.Count >= 500);
        var missed = corpus.Where(c =>
        {
            var hit = PersonalDataGuard.Scan(c.Text).SingleOrDefault();
            return hit is null || hit.Passage != c.Number
                || hit.Kind != (c.Coordination ? PersonalDataKind.Samordningsnummer : PersonalDataKind.Personnummer);
        }).Select(c => c.Text).ToList();
        Assert.True(missed.Count == 0, "missed: " + string.Join(" | ", missed.Take(10)));
    }

    [Fact]
    public void Harmless_numbers_in_real_sentences_pass()
    {
        var corpus = Corpus.Harmless(800, seed: 2003).ToList();
        Assert.True(corpus.Count >= 500);
        var flagged = corpus.Where(t => !PersonalDataGuard.IsClean(t)).ToList();
        Assert.True(flagged.Count == 0, "flagged: " + string.Join(" | ", flagged.Take(10)));
    }

    [Theory]
    [MemberData(nameof(SeedLines))]
    public void Lines_from_the_activity_plans_pass(string line) => Assert.Empty(PersonalDataGuard.Scan(line));

    public static TheoryData<string> SeedLines => new()
    {
        "For 2026 tilldelas förbundet 4 537 714 kr från staten, 2 268 857 kr från Region Norrbotten.",
        "Luleå kommuns andel (52%) blir 1 179 805 kr, Piteå kommuns andel (26%) blir 589 902 kr",
        "Samordningsförbundet Södra Norrbotten bildades 2020-01-01 när Samordningsförbunden i Luleå, Piteå och Boden gick samman.",
        "kostnader för 2023 baserat på preliminära besked om statlig tilldelning 7 156 000kr:",
        "ACTivera Mölndal\t2 750 000 kr, ca 145 platser",
        "Total Summa (minuspost som belastar eget kapital) :\t-2 100 000 kr (= minskat EK)",
        "lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser",
        "Det ackumulerade egna kapitalet uppgår till 1 259 297 kr.",
        "Ärendet har Dnr 2020/19-SFV hos Försäkringskassan.",
        "Mål och uppdrag 2024-2026, verksamhetsplan 2024—2026",
    };

    [Theory]
    [MemberData(nameof(Anchors))]
    public void Skatteverkets_test_numbers_are_caught(string number, PersonalDataKind kind)
    {
        foreach (var written in new[] { number, number.Insert(8, "-"), number[2..], number[2..].Insert(6, "-") })
        {
            var hit = Assert.Single(PersonalDataGuard.Scan($"Personen har {written} enligt intyget."));
            Assert.Equal(kind, hit.Kind);
            Assert.Equal(written, hit.Passage);
        }
    }

    public static TheoryData<string, PersonalDataKind> Anchors()
    {
        var data = new TheoryData<string, PersonalDataKind>();
        foreach (var n in SkatteverketTestNumbers.Personnummer) data.Add(n, PersonalDataKind.Personnummer);
        foreach (var n in SkatteverketTestNumbers.Samordningsnummer) data.Add(n, PersonalDataKind.Samordningsnummer);
        return data;
    }

    [Theory]
    [InlineData("070-123 45 67")]
    [InlineData("0701234567")]
    [InlineData("08-123 456 78")]
    [InlineData("031-12 34 56")]
    [InlineData("+46 70 123 45 67")]
    public void The_phone_numbers_of_the_issue_are_caught(string phone)
    {
        var hit = Assert.Single(PersonalDataGuard.Scan($"Ring handläggaren på {phone} om du undrar."));
        Assert.Equal(PersonalDataKind.Phone, hit.Kind);
        Assert.Equal(phone, hit.Passage);
    }

    [Fact]
    public void Generated_phone_numbers_are_caught_whatever_their_check_digit()
    {
        var missed = Corpus.PhoneNumbers(300, seed: 46)
            .Where(p => PersonalDataGuard.Scan($"Nås på {p} dagtid.") is not [{ Kind: PersonalDataKind.Phone or PersonalDataKind.Personnummer }])
            .ToList();
        Assert.True(missed.Count == 0, "missed: " + string.Join(" | ", missed.Take(10)));
    }

    [Theory]
    [InlineData("anna.svensson@molndal.se")]
    [InlineData("kalle+fk@forsakringskassan.se")]
    [InlineData("per.åberg@lulea.se")]
    public void E_mail_addresses_are_caught(string email)
    {
        var hit = Assert.Single(PersonalDataGuard.Scan($"Skriv till {email} för mer information."));
        Assert.Equal(PersonalDataKind.Email, hit.Kind);
        Assert.Equal(email, hit.Passage);
    }

    [Fact]
    public void A_hit_tells_where_it_is_and_why_it_must_go()
    {
        const string text = "Kvinnan (811218-9876) väntade i 14 veckor.";
        var hit = Assert.Single(PersonalDataGuard.Scan(text));
        Assert.Equal(text.IndexOf("811218", StringComparison.Ordinal), hit.Index);
        Assert.Equal(11, hit.Length);
        Assert.StartsWith("”811218-9876” ser ut som ett personnummer.", hit.Message);
    }

    [Theory]
    [InlineData("811218-9877")] // wrong check digit
    [InlineData("811318-9876")] // month 13
    [InlineData("810230-1234")] // 30 February
    [InlineData("1234567890")]
    [InlineData("Inkom 2024-03-15 kl. 08.30")]
    public void Near_misses_pass(string text) => Assert.Empty(PersonalDataGuard.Scan(text));

    [Fact]
    public void Several_passages_are_all_reported_in_order()
    {
        var hits = PersonalDataGuard.Scan("Ring 070-123 45 67 eller mejla a@b.se; pnr 19811218-9876.");
        Assert.Equal([PersonalDataKind.Phone, PersonalDataKind.Email, PersonalDataKind.Personnummer], hits.Select(h => h.Kind));
    }
}
