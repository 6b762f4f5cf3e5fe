using System.Text.Json;

namespace LexHeller.Bench.Generate;

/// <summary>
/// The benchmark's own accounts. The data set is synthetic and lives only on the benchmark machine, so the
/// password and the authenticator secret are fixed: the driver logs in with them under Production settings.
/// </summary>
public static class BenchUsers
{
    public const string Password = "BenchLosen2026x";
    public const string TotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    public const string ReporterEmail = "rapportor@bench.example";

    public static string KansliEmail(string forbundCode) => $"kansli.{forbundCode.ToLowerInvariant()}@bench.example";
}

public sealed record ForbundInfo(int Id, string Code, string Name, IReadOnlyList<int> CategoryIds, IReadOnlyList<int> PartnerIds, string KansliEmail);

/// <summary>What the driver needs to know about a generated database, written beside it as dataset.json.</summary>
public sealed record Dataset(
    int Cases,
    int Events,
    int Parties,
    int Referrals,
    int Questions,
    int RuleConflicts,
    double GenerationSeconds,
    IReadOnlyList<ForbundInfo> Forbund,
    string ReporterEmail,
    string Password,
    string TotpSecret,
    string SearchTerm,
    int CompilationYear,
    int CompilationTertial)
{
    public const string FileName = "dataset.json";
    public const string DatabaseName = "lexheller.db";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    public static Dataset? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) && File.Exists(Path.Combine(folder, DatabaseName))
            ? JsonSerializer.Deserialize<Dataset>(File.ReadAllText(path))
            : null;
    }
}
