using LexHeller.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Identity;

internal sealed class IdentityProviderConfiguration : IEntityTypeConfiguration<IdentityProvider>
{
    public void Configure(EntityTypeBuilder<IdentityProvider> b)
    {
        b.Property(p => p.DisplayName).HasMaxLength(200).IsRequired();
        b.Property(p => p.Authority).HasMaxLength(500).IsRequired();
        b.Property(p => p.ClientId).HasMaxLength(200).IsRequired();
        b.Property(p => p.ProtectedClientSecret).HasMaxLength(2000).IsRequired();
        b.Property(p => p.Scopes).HasMaxLength(500).IsRequired();
        b.Property(p => p.SubjectClaim).HasMaxLength(100).IsRequired();
        b.Property(p => p.EmailClaim).HasMaxLength(100).IsRequired();
        b.HasMany(p => p.Forbund).WithOne().HasForeignKey(f => f.IdentityProviderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Forbund).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class IdentityProviderForbundConfiguration : IEntityTypeConfiguration<IdentityProviderForbund>
{
    public void Configure(EntityTypeBuilder<IdentityProviderForbund> b)
    {
        b.HasKey(f => new { f.IdentityProviderId, f.ForbundId });
        b.HasOne<Forbund>().WithMany().HasForeignKey(f => f.ForbundId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.ForbundId);
    }
}

internal sealed class LoginSessionConfiguration : IEntityTypeConfiguration<LoginSession>
{
    public void Configure(EntityTypeBuilder<LoginSession> b)
    {
        b.Property(s => s.Id).HasMaxLength(32);
        b.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        b.Property(s => s.ProviderName).HasMaxLength(200);
        b.Property(s => s.Acr).HasMaxLength(200);
        b.Property(s => s.ExternalSessionId).HasMaxLength(500);
        b.Property(s => s.ExternalSubject).HasMaxLength(500);
        b.Property(s => s.IdTokenHint).HasMaxLength(8000);
        b.Property(s => s.EndReason).HasMaxLength(200);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<IdentityProvider>().WithMany().HasForeignKey(s => s.IdentityProviderId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(s => new { s.UserId, s.StartedAt });
        b.HasIndex(s => new { s.IdentityProviderId, s.ExternalSessionId });
        b.HasIndex(s => new { s.IdentityProviderId, s.ExternalSubject });
    }
}
