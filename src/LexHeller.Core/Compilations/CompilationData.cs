using System.Text.Json;

namespace LexHeller.Core.Compilations;

/// <summary>A labelled count.</summary>
public sealed record Count(string Label, int N);

/// <summary>A pair (category × party, or party A × party B in a rule conflict) and how many cases name it.</summary>
public sealed record PairCount(string A, string B, int N);

/// <summary>Median and 90th percentile (nearest rank) of a lead time in days, over <see cref="N"/> cases.</summary>
public sealed record LeadTime(int N, double? MedianDays, double? P90Days);

/// <summary>How one party answered the referrals it answered in the period.</summary>
public sealed record PartyLeadTime(string Party, LeadTime Time, int OnTime);

/// <summary>A case concluded in the period, with its answer; <see cref="Published"/> says whether others may read it.</summary>
public sealed record AnswerRow(int ForbundId, string Reference, string Category, string Outcome, string? Summary, string? Answer, DateTimeOffset ConcludedAt, bool Published);

/// <summary>
/// The exact figures of a compilation, computed in the database and stored as JSON. Nobody but the kansli sees
/// them as they are: <see cref="CompilationReport"/> suppresses small counts for everyone else.
/// </summary>
public sealed record CompilationData
{
    public required IReadOnlyList<string> Forbund { get; init; }
    public required int Filed { get; init; }
    public required int Concluded { get; init; }
    public required IReadOnlyList<Count> PerMonth { get; init; }
    public required IReadOnlyList<Count> ByKind { get; init; }
    public required IReadOnlyList<Count> ByCategory { get; init; }
    public required IReadOnlyList<Count> ByParty { get; init; }
    public required IReadOnlyList<Count> ByReportingOrganisation { get; init; }
    public required IReadOnlyList<Count> ByGender { get; init; }
    public required IReadOnlyList<Count> ByAgeBand { get; init; }
    public required IReadOnlyList<Count> StateAtEnd { get; init; }
    public required IReadOnlyList<Count> Outcomes { get; init; }
    public required LeadTime FiledToConcluded { get; init; }
    public required IReadOnlyList<PartyLeadTime> ReferredToAnswered { get; init; }
    public required int FiledPrevious { get; init; }
    public required int FiledYearEarlier { get; init; }
    public required int ConcludedPrevious { get; init; }
    public required int ConcludedYearEarlier { get; init; }
    public required IReadOnlyList<PairCount> CategoryByParty { get; init; }
    public required IReadOnlyList<PairCount> RuleConflicts { get; init; }
    public required IReadOnlyList<AnswerRow> Answers { get; init; }

    // From cases to change. A compilation stored before these existed reads them as empty.

    /// <summary>The förbund's systemfel by their status at the end of the period.</summary>
    public IReadOnlyList<Count> SystemicByStatus { get; init; } = [];

    /// <summary>The förbund's systemfel identified by the end of the period, by how far up they have been taken.</summary>
    public IReadOnlyList<Count> SystemicByEscalation { get; init; } = [];

    /// <summary>Measures of the förbund recorded as done in the period.</summary>
    public int MeasuresDone { get; init; }

    /// <summary>Measures followed up in the period, by the effect recorded.</summary>
    public IReadOnlyList<Count> MeasureEffects { get; init; } = [];

    /// <summary>Per systemfel, the cases filed in the period that are linked to it.</summary>
    public IReadOnlyList<Count> CasesPerSystemic { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CompilationData FromJson(string json) => JsonSerializer.Deserialize<CompilationData>(json, Json)
        ?? throw new InvalidOperationException("Sammanställningen kunde inte läsas.");
}
