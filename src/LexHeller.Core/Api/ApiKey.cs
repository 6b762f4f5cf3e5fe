using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Api;

/// <summary>What a key may read. Stored by these names; a rename would orphan the keys that hold it.</summary>
public enum ApiScope
{
    Published,
    Compilations,
    Systemic,
    /// <summary>The förbund's categories and member organisations.</summary>
    Register,
}

/// <summary>
/// A key a partner system sends as <c>X-Api-Key</c> to read one förbund's data (or, made by an administrator, any
/// förbund's). Only the SHA-256 hash of the key is kept; the key itself is shown once, when it is made, and a short
/// prefix stays for telling keys apart.
/// </summary>
public class ApiKey
{
    public const int MaxName = 100;
    public const int PrefixLength = 8;
    public static readonly TimeSpan LongestLife = TimeSpan.FromDays(731);

    private ApiKey() { }

    private ApiKey(int? forbundId, string name, string prefix, string hash, IEnumerable<ApiScope> scopes,
        DateTimeOffset expiresAt, string userId, DateTimeOffset now)
    {
        ForbundId = forbundId;
        Name = name;
        Prefix = prefix;
        Hash = hash;
        ScopeNames = string.Join(',', scopes.Distinct().Order().Select(s => s.ToString()));
        ExpiresAt = expiresAt;
        CreatedByUserId = userId;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    /// <summary>Null: every förbund (only an administrator makes such a key).</summary>
    public int? ForbundId { get; private set; }
    public string Name { get; private set; } = "";
    public string Prefix { get; private set; } = "";
    /// <summary>SHA-256 of the key, lower-case hex.</summary>
    public string Hash { get; private set; } = "";
    public string ScopeNames { get; private set; } = "";
    public DateTimeOffset ExpiresAt { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string? RevokedByUserId { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public IReadOnlyList<ApiScope> Scopes => ParseScopes(ScopeNames);

    public bool Has(ApiScope scope) => Scopes.Contains(scope);

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>Makes a key; <paramref name="secret"/> is the key to hand over once, never stored.</summary>
    public static ApiKey Create(int? forbundId, string name, IEnumerable<ApiScope> scopes, DateTimeOffset expiresAt,
        string userId, DateTimeOffset now, out string secret)
    {
        secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new ApiKey(forbundId, name, secret[..PrefixLength], HashOf(secret), scopes, expiresAt, userId, now);
    }

    public void Revoke(string userId, DateTimeOffset now)
    {
        if (RevokedAt is not null) return;
        RevokedByUserId = userId;
        RevokedAt = now;
    }

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static IReadOnlyList<ApiScope> ParseScopes(string names) =>
        names.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => Enum.TryParse<ApiScope>(n, out var s) ? s : (ApiScope?)null)
            .OfType<ApiScope>().ToList();

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>One call to the read API: which key (null when none or an unknown one was sent), when, what, and the answer's status.</summary>
public class ApiCall
{
    public const int MaxPath = 300;

    private ApiCall() { }

    public ApiCall(int? apiKeyId, DateTimeOffset at, string method, string path, int status)
    {
        ApiKeyId = apiKeyId;
        At = at;
        Method = method.Length > 10 ? method[..10] : method;
        Path = path.Length > MaxPath ? path[..MaxPath] : path;
        Status = status;
    }

    public long Id { get; private set; }
    public int? ApiKeyId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Method { get; private set; } = "";
    public string Path { get; private set; } = "";
    public int Status { get; private set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(ApiKey.MaxName).IsRequired();
        b.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength).IsRequired();
        b.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        b.Property(k => k.ScopeNames).HasMaxLength(200).IsRequired();
        b.Property(k => k.CreatedByUserId).HasMaxLength(450).IsRequired();
        b.Property(k => k.RevokedByUserId).HasMaxLength(450);
        b.Ignore(k => k.Scopes);
        b.HasIndex(k => k.Hash).IsUnique();
        b.HasIndex(k => k.ForbundId);
        b.HasOne<LexHeller.Core.Organisations.Forbund>().WithMany().HasForeignKey(k => k.ForbundId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiCallConfiguration : IEntityTypeConfiguration<ApiCall>
{
    public void Configure(EntityTypeBuilder<ApiCall> b)
    {
        b.Property(c => c.Method).HasMaxLength(10).IsRequired();
        b.Property(c => c.Path).HasMaxLength(ApiCall.MaxPath).IsRequired();
        b.HasIndex(c => new { c.ApiKeyId, c.At });
        b.HasOne<ApiKey>().WithMany().HasForeignKey(c => c.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
    }
}
