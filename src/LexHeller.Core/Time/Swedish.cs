namespace LexHeller.Core.Time;

/// <summary>Counts written as people write them: "1 ärende", "2 ärenden", "1 250 ärenden".</summary>
public static class Swedish
{
    public static string Count(int n, string one, string many) =>
        $"{n.ToString("N0", Stockholm.Culture)} {(n == 1 ? one : many)}";
}
