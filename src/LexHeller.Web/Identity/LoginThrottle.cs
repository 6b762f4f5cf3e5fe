using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;

namespace LexHeller.Web.Identity;

/// <summary>The limits on guessing passwords and codes, from the Security section of the settings.</summary>
public sealed record LoginProtectionOptions(
    int FailuresPerMinute, int FailuresPerAccountAndAddress, int AddressLockoutMinutes, int AccountLockoutFailures, int AccountLockoutMinutes)
{
    public static LoginProtectionOptions From(IConfiguration config) => new(
        Positive(config, "Security:LoginFailuresPerMinute", 10),
        Positive(config, "Security:LoginFailuresPerAccountAndAddress", 5),
        Positive(config, "Security:AddressLockoutMinutes", 15),
        Positive(config, "Security:AccountLockoutFailures", 50),
        Positive(config, "Security:AccountLockoutMinutes", 15));

    private static int Positive(IConfiguration config, string key, int fallback) =>
        config.GetValue(key, fallback) is > 0 and var value ? value : fallback;
}

/// <summary>
/// Counts refused log-ins and password resets in memory, two ways. Per client address, for the rate limit: the
/// rate-limiting middleware only looks whether the address has failures left this minute, and a refusal spends
/// one, so people who type their password right are never slowed down. Per account and address, for a lock: the
/// address that keeps guessing one account is shut out of that account for a while, but the owner at their own
/// desk is not; only the far higher account-wide count in Identity locks the account itself.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly LoginProtectionOptions _options;
    private readonly TimeProvider _clock;
    private readonly PartitionedRateLimiter<string> _failures;
    private readonly MemoryCache _pairs = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    public LoginThrottle(LoginProtectionOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = options.FailuresPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>The partition for the rate-limiting middleware: refuses a request once the address has no failures left.</summary>
    public RateLimitPartition<string> Partition(HttpContext context)
    {
        var address = AddressOf(context);
        return RateLimitPartition.Get(address, key => new Gate(_failures, key));
    }

    /// <summary>Whether this address is shut out of this account.</summary>
    public bool IsLockedOut(string account, HttpContext context) =>
        _pairs.TryGetValue(PairKey(account, context), out Pair? pair) && pair!.LockedAt(_clock.GetUtcNow());

    /// <summary>Counts a refused password for this account from this address; true when that shuts the address out of it.</summary>
    public bool Failed(string account, HttpContext context)
    {
        Failed(context);
        var now = _clock.GetUtcNow();
        var pair = _pairs.GetOrCreate(PairKey(account, context), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromMinutes(_options.AddressLockoutMinutes);
            return new Pair();
        })!;
        return pair.Fail(now, _options.FailuresPerAccountAndAddress, TimeSpan.FromMinutes(_options.AddressLockoutMinutes));
    }

    /// <summary>Counts a refused attempt from this address (a wrong code, a bad reset link, a reset mail asked for).</summary>
    public void Failed(HttpContext context)
    {
        using var _ = _failures.AttemptAcquire(AddressOf(context));
    }

    /// <summary>The right password from this address: its count for the account starts over.</summary>
    public void Succeeded(string account, HttpContext context) => _pairs.Remove(PairKey(account, context));

    private static string PairKey(string account, HttpContext context) =>
        account.Trim().ToUpperInvariant() + "\n" + AddressOf(context);

    /// <summary>
    /// The client's address. An IPv6 client usually holds a whole /64 network, so it counts as one address; a
    /// client the server cannot see shares one count with every other such client.
    /// </summary>
    public static string AddressOf(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address) return "unknown";
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose()
    {
        _failures.Dispose();
        _pairs.Dispose();
    }

    private sealed class Pair
    {
        private readonly Lock _lock = new();
        private int _failures;
        private DateTimeOffset _lockedUntil;

        public bool LockedAt(DateTimeOffset now)
        {
            lock (_lock) return _lockedUntil > now;
        }

        public bool Fail(DateTimeOffset now, int limit, TimeSpan lockFor)
        {
            lock (_lock)
            {
                if (_lockedUntil > now) return true;
                if (_lockedUntil != default)
                {
                    _lockedUntil = default;
                    _failures = 0;
                }
                if (++_failures < limit) return false;
                _lockedUntil = now + lockFor;
                return true;
            }
        }
    }

    /// <summary>Lets a request through while its address has failures left this minute, without spending one.</summary>
    private sealed class Gate(PartitionedRateLimiter<string> failures, string address) : RateLimiter
    {
        // Holds nothing of its own, so the middleware may drop it whenever it likes.
        public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => failures.AttemptAcquire(address, 0);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(failures.AttemptAcquire(address, 0));
    }
}
