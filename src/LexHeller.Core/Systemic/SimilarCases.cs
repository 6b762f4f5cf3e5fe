using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Systemic;

/// <summary>
/// Up to five cases like a given one, for the kansli: found on this server alone, by the search index's own ranking of
/// the case's words (bm25 on SQLite, ts_rank on PostgreSQL) combined with what the cases share: a rule conflict between
/// the same two parties, the parties, the category. Each suggestion says why it was made. Cases of the same förbund can
/// be opened and linked; cases of other förbund appear only when both förbund take part in the joint register, and then
/// only as a summary with no text of the case, no reference and no reporter.
/// </summary>
public sealed class SimilarCases(LexHellerDb db)
{
    public const int Shown = 5;

    /// <summary>How many text matches and shared-conflict cases are weighed before the best are chosen.</summary>
    private const int Candidates = 40;

    /// <summary>How many of the case's words are searched for: the longest, which say the most.</summary>
    private const int Words = 12;

    /// <summary>A text match at least this close to the case's own score reads as "liknande text".</summary>
    public const double TextThreshold = 0.25;

    /// <param name="Reasons">Why it was suggested, in the kansli's words.</param>
    /// <param name="Summary">For another förbund's case: what may be shown of it (the published summary, if any).</param>
    public sealed record Suggestion(int CaseId, bool OwnForbund, string? Reference, string Forbund, DateOnly? Submitted, string? Category,
        IReadOnlyList<string> Parties, CaseState State, double Score, IReadOnlyList<string> Reasons, string? Summary);

    private sealed record Candidate(int Id, int ForbundId, string? Reference, CaseState State, DateTimeOffset? SubmittedAt, int? CategoryId,
        bool IsPublished, string? Summary);

    /// <summary>The suggestions for case <paramref name="caseId"/>, best first; cases already linked to it are left out.</summary>
    public async Task<IReadOnlyList<Suggestion>> ForAsync(int caseId, CancellationToken ct = default)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).Include(x => x.RuleConflicts).AsSingleQuery()
            .FirstOrDefaultAsync(x => x.Id == caseId, ct);
        return c is null ? [] : await ForAsync(c, ct);
    }

    /// <summary>The suggestions for a case already read with its parties and rule conflicts (as the case page reads it).</summary>
    public async Task<IReadOnlyList<Suggestion>> ForAsync(Case c, CancellationToken ct = default)
    {
        if (c.IsDraft || c.IsGallrad) return [];

        // The case's förbund and, when it takes part in the joint register, every other that does: one statement.
        var forbundRows = await db.Forbund.AsNoTracking().Where(f => f.Id == c.ForbundId || f.SharesSystemicProblems)
            .Select(f => new { f.Id, f.Name, f.SharesSystemicProblems }).ToListAsync(ct);
        var shares = forbundRows.Any(f => f.Id == c.ForbundId && f.SharesSystemicProblems);
        var scope = forbundRows.Where(f => f.Id == c.ForbundId || shares).Select(f => f.Id).ToList();
        var forbundNames = forbundRows.ToDictionary(f => f.Id, f => f.Name);

        var words = SignificantWords(c);
        var text = await DatabaseEngine.For(db).RankByWordsAsync(db, words, scope, Candidates + 1, ct);
        // The case matches its own words best: its score is the measure of a perfect match.
        var best = text.FirstOrDefault(t => t.CaseId == c.Id)?.Score ?? text.Select(t => t.Score).DefaultIfEmpty(0).Max();
        var textScore = text.Where(t => t.CaseId != c.Id).ToDictionary(t => t.CaseId, t => best > 0 ? Math.Min(1, t.Score / best) : 0);

        var pairs = Pairs(c.RuleConflicts).ToList();
        var pairCases = new List<int>();
        foreach (var (a, b) in pairs)
        {
            pairCases.AddRange(await db.RuleConflicts.AsNoTracking()
                .Where(r => (r.PartyAOrganisationId == a && r.PartyBOrganisationId == b) || (r.PartyAOrganisationId == b && r.PartyBOrganisationId == a))
                .Join(db.Cases.Where(x => scope.Contains(x.ForbundId) && x.State != CaseState.Utkast && x.GallradAt == null && x.Id != c.Id),
                    r => r.CaseId, x => x.Id, (r, x) => x)
                .OrderByDescending(x => x.SubmittedAt).Select(x => x.Id).Take(Candidates).ToListAsync(ct));
        }

        var linked = await db.CaseLinks.AsNoTracking().Where(l => l.CaseId == c.Id || l.OtherCaseId == c.Id)
            .Select(l => l.CaseId == c.Id ? l.OtherCaseId : l.CaseId).ToListAsync(ct);
        var ids = textScore.Keys.Concat(pairCases).Distinct().Except(linked).ToList();
        if (ids.Count == 0) return [];

        var candidates = await db.Cases.AsNoTracking().Where(x => ids.Contains(x.Id))
            .Select(x => new Candidate(x.Id, x.ForbundId, x.Reference, x.State, x.SubmittedAt, x.CategoryId, x.IsPublished, x.IsPublished ? x.Summary : null))
            .ToListAsync(ct);
        var parties = (await db.CaseParties.AsNoTracking().Where(p => ids.Contains(p.CaseId) && p.OrganisationId != null)
            .Select(p => new { p.CaseId, OrganisationId = p.OrganisationId!.Value }).ToListAsync(ct))
            .ToLookup(p => p.CaseId, p => p.OrganisationId);
        var conflicts = (await db.RuleConflicts.AsNoTracking().Where(r => ids.Contains(r.CaseId)).ToListAsync(ct)).ToLookup(r => r.CaseId);

        var ownParties = c.Parties.Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).ToHashSet();
        var categoryIds = candidates.Select(x => x.CategoryId).Append(c.CategoryId).OfType<int>().Distinct().ToList();
        var categories = await db.Categories.AsNoTracking().Where(k => categoryIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, ct);
        var orgIds = ownParties.Concat(parties.SelectMany(p => p)).Concat(pairs.SelectMany(p => new[] { p.A, p.B })).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var ownCategory = c.CategoryId is { } cid ? categories.GetValueOrDefault(cid) : null;

        var suggestions = new List<Suggestion>();
        foreach (var x in candidates)
        {
            var reasons = new List<string>();
            var similarity = textScore.GetValueOrDefault(x.Id);
            var sharedPairs = Pairs(conflicts[x.Id]).Intersect(pairs).ToList();
            var theirParties = parties[x.Id].ToHashSet();
            var shared = theirParties.Intersect(ownParties).ToList();
            var category = x.CategoryId is { } k ? categories.GetValueOrDefault(k) : null;
            var sameCategory = ownCategory is not null && string.Equals(category, ownCategory, StringComparison.OrdinalIgnoreCase);

            // Only shared words or a shared rule conflict make a suggestion; parties and category only weigh in.
            if (similarity < TextThreshold && sharedPairs.Count == 0) continue;
            foreach (var (a, b) in sharedPairs)
                reasons.Add($"samma regelkrock: {names.GetValueOrDefault(a, "?")} ↔ {names.GetValueOrDefault(b, "?")}");
            if (similarity >= TextThreshold) reasons.Add("liknande text");
            if (shared.Count > 0)
                reasons.Add($"{(shared.Count == 1 ? "samma part" : "samma parter")}: {string.Join(", ", shared.Select(id => names.GetValueOrDefault(id, "?")).Order(StringComparer.Create(Stockholm.Culture, false)))}");
            if (sameCategory) reasons.Add($"samma kategori: {category}");

            var union = theirParties.Union(ownParties).Count();
            var score = 0.55 * similarity + (sharedPairs.Count > 0 ? 0.25 : 0) + (union == 0 ? 0 : 0.12 * shared.Count / union) + (sameCategory ? 0.08 : 0);
            var own = x.ForbundId == c.ForbundId;
            suggestions.Add(new Suggestion(x.Id, own, own ? x.Reference : null, forbundNames.GetValueOrDefault(x.ForbundId, ""),
                x.SubmittedAt is { } s ? Stockholm.Today(s) : null, category,
                theirParties.Select(id => names.GetValueOrDefault(id, "?")).Order(StringComparer.Create(Stockholm.Culture, false)).ToList(),
                x.State, Math.Round(score, 3), reasons, own ? null : x.Summary));
        }
        return suggestions.OrderByDescending(s => s.Score).ThenByDescending(s => s.Submitted).Take(Shown).ToList();
    }

    private static IEnumerable<(int A, int B)> Pairs(IEnumerable<RuleConflict> conflicts) =>
        conflicts.Where(r => r.PartyAOrganisationId is not null && r.PartyBOrganisationId is not null && r.PartyAOrganisationId != r.PartyBOrganisationId)
            .Select(r => (Math.Min(r.PartyAOrganisationId!.Value, r.PartyBOrganisationId!.Value), Math.Max(r.PartyAOrganisationId!.Value, r.PartyBOrganisationId!.Value)))
            .Distinct();

    /// <summary>
    /// The case's longest distinct words of what happened, its consequences and its rule conflicts: letters and digits
    /// only, lower case, no common Swedish word. The index's ranking weighs how rare each is.
    /// </summary>
    internal static IReadOnlyList<string> SignificantWords(Case c) =>
        SignificantWords(new[] { c.WhatHappened, c.Consequences }.Concat(c.RuleConflicts.SelectMany(r => new[] { r.RequirementA, r.RequirementB })));

    /// <summary>The longest distinct uncommon words of <paramref name="texts"/>, as <see cref="SignificantWords(Case)"/> takes them.</summary>
    public static IReadOnlyList<string> SignificantWords(IEnumerable<string?> texts)
    {
        return texts.OfType<string>()
            .SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLower(Stockholm.Culture))
            .Where(w => w.Length >= 4 && !w.All(char.IsDigit) && !StopWords.Contains(w))
            .Distinct()
            .OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)
            .Take(Words)
            .ToList();
    }

    private static readonly HashSet<string> StopWords =
    [
        "inte", "till", "från", "också", "efter", "eller", "där", "skulle", "kommer", "finns", "vara", "hade", "alla", "andra",
        "mycket", "här", "sedan", "över", "bara", "blir", "även", "många", "något", "någon", "några", "allt", "måste", "mellan",
        "blev", "varit", "bland", "genom", "hela", "annat", "fanns", "deras", "dessa", "denna", "detta", "vilket", "vilken",
        "vilka", "själv", "sina", "sitt", "hans", "hennes", "henne", "honom", "dock", "utan", "under", "inom", "sedan", "medan",
        "eftersom", "därför", "samma", "vara", "fick", "får", "kunde", "kan", "skall", "ska", "gick", "gjorde", "göra", "gör",
        "personen", "individen", "ärendet",
    ];
}
