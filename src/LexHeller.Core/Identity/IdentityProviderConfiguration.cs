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
