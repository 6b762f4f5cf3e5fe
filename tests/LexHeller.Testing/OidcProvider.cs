using System.Diagnostics;
using System.Text.Json;

namespace LexHeller.Testing;

/// <summary>A real OpenID provider (node's oidc-provider, tests/oidc-provider/server.mjs) on a free loopback port, with the
/// clients and users a test gives it. Logging in needs no form: the authorization request's login_hint names the user's
/// sub. The node process (tree) is killed on Dispose; it also leaves by itself when this process's end of its stdin
/// closes, so a crashed test host leaves no provider behind.</summary>
public sealed class OidcProvider : IDisposable
{
    public record Client(string ClientId, string ClientSecret, IReadOnlyList<string> RedirectUris,
        IReadOnlyList<string>? PostLogoutRedirectUris = null, string? BackchannelLogoutUri = null);

    public record User(string Sub, string Email, bool EmailVerified = true, string? Acr = null);

    public const string DefaultClientId = "lexheller";
    public const string DefaultClientSecret = "lexheller-test-secret";
    public const string DefaultRedirectUri = "http://localhost/signin-oidc";

    readonly Process _process;
    readonly string _configPath;

    public string Issuer { get; }
    public IReadOnlyList<Client> Clients { get; }
    public IReadOnlyList<User> Users { get; }

    /// <summary>One client (lexheller, at http://localhost/signin-oidc) and one user, for xunit class fixtures.</summary>
    public OidcProvider() : this(
        [new Client(DefaultClientId, DefaultClientSecret, [DefaultRedirectUri], ["http://localhost/"], "http://localhost/signout-oidc-backchannel")],
        [new User("anna-sub", "anna@example.se", true, "urn:lexheller:acr:password")])
    {
    }

    /// <summary>A provider with the test's own clients and users.</summary>
    public static OidcProvider Start(IReadOnlyList<Client> clients, IReadOnlyList<User> users) => new(clients, users);

    OidcProvider(IReadOnlyList<Client> clients, IReadOnlyList<User> users)
    {
        Clients = clients;
        Users = users;
        _configPath = Path.Combine(Path.GetTempPath(), $"oidc-provider-{Guid.NewGuid():N}.json");
        File.WriteAllText(_configPath, JsonSerializer.Serialize(new
        {
            clients = clients.Select(c => new
            {
                client_id = c.ClientId,
                client_secret = c.ClientSecret,
                redirect_uris = c.RedirectUris,
                post_logout_redirect_uris = c.PostLogoutRedirectUris ?? [],
                backchannel_logout_uri = c.BackchannelLogoutUri,
            }),
            users = users.Select(u => new { sub = u.Sub, email = u.Email, email_verified = u.EmailVerified, acr = u.Acr }),
        }));

        // A node that has not said where it listens within a minute is started once more: on a machine loaded far
        // beyond its cores a start has been seen to hang, and a second process has then started at once.
        var failures = new System.Text.StringBuilder();
        for (var attempt = 1; ; attempt++)
        {
            var (process, issuer, failure) = TryStart(TimeSpan.FromSeconds(60));
            if (process is not null)
            {
                _process = process;
                Issuer = issuer!;
                return;
            }
            failures.AppendLine($"attempt {attempt}: {failure}");
            if (attempt == 2)
            {
                File.Delete(_configPath);
                throw new InvalidOperationException($"The OpenID provider did not start:\n{failures}");
            }
        }
    }

    (Process? Process, string? Issuer, string? Failure) TryStart(TimeSpan patience)
    {
        var directory = ProviderDirectory();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "server.mjs"));
        start.ArgumentList.Add(_configPath);
        start.ArgumentList.Add("0");
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();

        // The first line is read by a thread of its own: a read awaited on the thread pool can wait a long time for a
        // thread when a loaded test run has blocked them all, which is how the provider once seemed not to start.
        string? first = null;
        using var started = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            try { first = process.StandardOutput.ReadLine(); }
            catch (IOException) { }
            finally { started.Set(); }
        }) { IsBackground = true, Name = "oidc-provider stdout" };
        reader.Start();
        var clock = Stopwatch.StartNew();
        if (started.Wait(patience) && first is not null)
            return (process, JsonDocument.Parse(first).RootElement.GetProperty("issuer").GetString()!, null);

        var exited = process.HasExited ? $"node exited with code {process.ExitCode}" : "node was still running";
        Stop(process);
        lock (errors) return (null, null, $"no address within {clock.Elapsed.TotalSeconds:0} s ({exited}): {errors}");
    }

    static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }

    static string ProviderDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "oidc-provider");
            if (File.Exists(Path.Combine(candidate, "server.mjs")))
            {
                if (!Directory.Exists(Path.Combine(candidate, "node_modules")))
                    throw new InvalidOperationException($"oidc-provider is not installed: npm ci --prefix {candidate}");
                return candidate;
            }
        }
        throw new InvalidOperationException("tests/oidc-provider/server.mjs not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        Stop(_process);
        File.Delete(_configPath);
    }
}
