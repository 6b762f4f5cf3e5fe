using LexHeller.Core.Api;

namespace LexHeller.Core.Tests.Api;

public class ApiKeyTests
{
    [Fact]
    public void Scope_names_are_stored_and_must_not_be_renamed() =>
        Assert.Equal(["Published", "Compilations", "Systemic", "Register"], Enum.GetNames<ApiScope>());

    [Fact]
    public void A_key_is_32_random_bytes_kept_only_as_its_hash_with_a_short_prefix()
    {
        var now = DateTimeOffset.UtcNow;
        var key = ApiKey.Create(1, "Webbplatsen", [ApiScope.Register, ApiScope.Published, ApiScope.Register], now.AddDays(1), "u", now, out var secret);
        var other = ApiKey.Create(1, "Webbplatsen", [ApiScope.Published], now.AddDays(1), "u", now, out var otherSecret);
        Assert.Equal(43, secret.Length);
        Assert.DoesNotContain('=', secret);
        Assert.NotEqual(secret, otherSecret);
        Assert.Equal(ApiKey.HashOf(secret), key.Hash);
        Assert.NotEqual(secret, key.Hash);
        Assert.Equal(secret[..ApiKey.PrefixLength], key.Prefix);
        Assert.Equal("Published,Register", key.ScopeNames);
        Assert.True(key.IsUsable(now));
        Assert.False(key.IsUsable(now.AddDays(1)));
        key.Revoke("u", now);
        Assert.False(key.IsUsable(now));
        Assert.True(other.IsUsable(now));
    }
}
