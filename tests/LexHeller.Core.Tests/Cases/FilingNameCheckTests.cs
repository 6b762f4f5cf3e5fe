using LexHeller.Core.Cases;

namespace LexHeller.Core.Tests.Cases;

public class FilingNameCheckTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);
    private const string Company = "Färdtjänsten kördes av Erik Johansson AB.";

    private static FilingCheck Check(string whatHappened, params NameCheck[] confirmed) =>
        CaseFiling.Check(
            new(null, [], null, null, whatHappened, null, null, null, null, null, null, null, null, null, null, [], confirmed),
            CaseKind.Avvikelse, submit: false, FilingChoices.None, Today);

    [Fact]
    public void Names_of_persons_in_a_field_give_one_message_that_lists_them_and_no_confirmation()
    {
        var check = Check("Anna Svensson ringde och sedan ringde Per Olsson.");
        Assert.Null(check.Content);
        var error = Assert.Single(check.Errors);
        Assert.Equal("WhatHappened", error.Field);
        Assert.StartsWith("Texten ser ut att innehålla två namn (Anna Svensson, Per Olsson).", error.Message);
        Assert.Empty(check.NameChecks);
    }

    [Fact]
    public void A_name_inside_a_firms_name_offers_the_confirmation()
    {
        var offer = Assert.Single(Check(Company).NameChecks);
        Assert.Equal("WhatHappened|Erik Johansson", offer.Value);
    }

    [Fact]
    public void A_confirmed_name_passes_and_is_carried_in_the_content()
    {
        var offer = Assert.Single(Check(Company).NameChecks);
        var check = Check(Company, NameCheck.Parse(offer.Value)!);
        Assert.Empty(check.Errors);
        var confirmed = Assert.Single(check.Content!.NamesConfirmed!);
        Assert.Equal(("WhatHappened", "Erik Johansson"), (confirmed.Field, Assert.Single(confirmed.Words)));
    }

    [Fact]
    public void A_tick_covers_only_the_words_it_was_shown()
    {
        var check = Check(Company + " Lars Nilsson klagade.", new NameCheck("WhatHappened", ["Erik Johansson"]));
        Assert.Contains("Lars Nilsson", Assert.Single(check.Errors).Message);
        Assert.Null(check.Content);
        Assert.Single(Check(Company, new NameCheck("Consequences", ["Erik Johansson"])).Errors);
    }

    [Fact]
    public void An_identity_number_is_refused_even_when_ticked_and_offers_no_confirmation()
    {
        const string text = "Erik Johansson AB fick 811218-9876 i ett brev.";
        var check = Check(text, new NameCheck("WhatHappened", ["Erik Johansson", "811218-9876"]));
        var error = Assert.Single(check.Errors);
        Assert.Contains("ett personnummer (811218-9876)", error.Message);
        Assert.Empty(check.NameChecks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("WhatHappened")]
    [InlineData("|Anna")]
    public void A_checkbox_value_that_is_not_a_field_and_words_is_no_tick(string? value) => Assert.Null(NameCheck.Parse(value));
}
