using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Identity;

/// <summary>An authenticator code that has logged someone in; kept a few minutes so it cannot be replayed.</summary>
public class UsedAuthenticatorCode
{
    public string UserId { get; private set; } = "";
    public string Code { get; private set; } = "";
    public DateTimeOffset UsedAt { get; private set; }
}

internal sealed class UsedAuthenticatorCodeConfiguration : IEntityTypeConfiguration<UsedAuthenticatorCode>
{
    public void Configure(EntityTypeBuilder<UsedAuthenticatorCode> b)
    {
        b.HasKey(c => new { c.UserId, c.Code });
        b.Property(c => c.Code).HasMaxLength(10);
        b.HasIndex(c => c.UsedAt);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
