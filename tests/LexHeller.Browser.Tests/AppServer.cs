using LexHeller.Testing;

namespace LexHeller.Browser.Tests;

/// <summary>The app on a real loopback port, one per test class.</summary>
public sealed class AppServer : IDisposable
{
    // The demo users without the demo's cases: each test files what it looks at.
    public AppFactory Factory { get; } = AppFactory.WithRealServer(("Demo:Cases", "false"));

    public string RootUrl { get; }

    public AppServer() => RootUrl = Factory.RootUrl;

    public void Dispose() => Factory.Dispose();
}
