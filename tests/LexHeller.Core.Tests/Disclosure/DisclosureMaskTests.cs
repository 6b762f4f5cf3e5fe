using LexHeller.Core.Disclosure;

namespace LexHeller.Core.Tests.Disclosure;

public class DisclosureMaskTests
{
    private const string Soc = "26 kap. 1 § OSL";
    private const string Health = "21 kap. 1 § OSL";

    [Fact]
    public void Every_occurrence_is_struck_whatever_its_case()
    {
        var masked = DisclosureText.Mask("Vårdcentralen ringde. Sedan ringde VÅRDCENTRALEN igen.", [("vårdcentralen", Soc)]);
        Assert.Equal("[Sekretess enligt 26 kap. 1 § OSL] ringde. Sedan ringde [Sekretess enligt 26 kap. 1 § OSL] igen.", masked);
    }

    [Fact]
    public void Overlapping_passages_become_one_mark_naming_both_provisions_and_nothing_of_either_is_left()
    {
        var masked = DisclosureText.Mask("Hen har diabetes och missbruk sedan länge.", [("diabetes och", Health), ("och missbruk", Soc)]);
        Assert.Equal("Hen har [Sekretess enligt 21 kap. 1 § OSL och 26 kap. 1 § OSL] sedan länge.", masked);
    }

    [Fact]
    public void A_passage_that_is_also_part_of_the_mark_does_not_strike_inside_the_mark()
    {
        var masked = DisclosureText.Mask("Beslut enligt socialtjänstlagen.", [("socialtjänstlagen", Soc), ("OSL", Soc)]);
        Assert.Equal("Beslut enligt [Sekretess enligt 26 kap. 1 § OSL].", masked);
    }

    [Fact]
    public void Text_without_the_passage_is_unchanged() =>
        Assert.Equal("Inget att dölja.", DisclosureText.Mask("Inget att dölja.", [("missbruk", Soc)]));

    [Fact]
    public void The_stored_state_names_are_frozen() =>
        Assert.Equal(["Registrerad", "UnderProvning", "Beslutad"], Enum.GetNames<DisclosureState>());
}
