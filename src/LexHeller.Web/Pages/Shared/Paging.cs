namespace LexHeller.Web.Pages;

public static class Paging
{
    /// <summary>The page numbers to link: the first, the last and a few around the current one; null is a gap.</summary>
    public static IReadOnlyList<int?> Links(int current, int pages)
    {
        var shown = new SortedSet<int> { 1, pages };
        for (var p = Math.Max(1, current - 2); p <= Math.Min(pages, current + 2); p++) shown.Add(p);
        var links = new List<int?>();
        var previous = 0;
        foreach (var p in shown)
        {
            if (p > previous + 1) links.Add(null);
            links.Add(p);
            previous = p;
        }
        return links;
    }
}
