using LexHeller.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Identity;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.FullName).HasMaxLength(200).IsRequired();
        b.HasMany(u => u.Memberships).WithOne(m => m.User).HasForeignKey(m => m.UserId);
        b.Navigation(u => u.Memberships).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(40);
        b.HasIndex(m => new { m.UserId, m.ForbundId, m.Role }).IsUnique();
        b.HasIndex(m => new { m.ForbundId, m.Role });
        b.HasOne(m => m.Forbund).WithMany().HasForeignKey(m => m.ForbundId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Organisations).WithOne().HasForeignKey(o => o.MembershipId);
        b.Navigation(m => m.Organisations).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MembershipOrganisationConfiguration : IEntityTypeConfiguration<MembershipOrganisation>
{
    public void Configure(EntityTypeBuilder<MembershipOrganisation> b)
    {
        b.HasKey(o => new { o.MembershipId, o.OrganisationId });
        b.HasOne(o => o.Organisation).WithMany().HasForeignKey(o => o.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UserId);
        b.Property(i => i.Role).HasConversion<string>().HasMaxLength(40);
        b.Property(i => i.Email).HasMaxLength(254);
        b.HasOne<Forbund>().WithMany().HasForeignKey(i => i.ForbundId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => new { i.ForbundId, i.UsedAt });
        b.Ignore(i => i.IsOffer);
    }
}
