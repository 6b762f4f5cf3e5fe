using LexHeller.Testing;

namespace LexHeller.Browser.Tests;

/// <summary>The app on a real loopback port, one per test class.</summary>
public sealed class AppServer : IDisposable
{
    public AppFactory Factory { get; } = AppFactory.WithRealServer();

    public string RootUrl { get; }

    public AppServer() => RootUrl = Factory.RootUrl;

    public void Dispose() => Factory.Dispose();
}
