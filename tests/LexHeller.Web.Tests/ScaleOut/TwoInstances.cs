using LexHeller.Testing;

namespace LexHeller.Web.Tests.ScaleOut;

/// <summary>
/// Two app instances on one database: two hosts in this process, each with its own services, register cache and
/// clock, on the same data folder and database (the same SQLite file or PostgreSQL database, and so the same Hangfire
/// store and data-protection keys), as two app processes behind a proxy would share them.
/// </summary>
public sealed class TwoInstances : IDisposable
{
    public TwoInstances() : this([]) { }

    /// <summary>Two instances with some settings of their own, the same for both (xunit fixtures may have one public constructor).</summary>
    public static TwoInstances WithSettings(params (string Key, string Value)[] settings) => new(settings);

    private TwoInstances((string Key, string Value)[] settings)
    {
        A = AppFactory.WithSettings(settings);
        // The first host migrates and seeds; the second then finds the database ready, as a second instance would.
        _ = A.Services;
        B = AppFactory.BesideOf(A, settings);
        _ = B.Services;
    }

    public AppFactory A { get; }

    public AppFactory B { get; }

    /// <summary>Both clocks at the same instant, as two machines synchronised by NTP.</summary>
    public void MoveBothTo(DateTimeOffset at)
    {
        A.Clock.Advance(at - A.Clock.GetUtcNow());
        B.Clock.Advance(at - B.Clock.GetUtcNow());
    }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
    }
}
