using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Organisations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(200).IsRequired();
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40);
        b.HasIndex(o => o.Name).IsUnique();
    }
}

internal sealed class ForbundConfiguration : IEntityTypeConfiguration<Forbund>
{
    public void Configure(EntityTypeBuilder<Forbund> b)
    {
        b.Property(f => f.Name).HasMaxLength(200).IsRequired();
        b.Property(f => f.Code).HasMaxLength(10).IsRequired();
        b.HasIndex(f => f.Code).IsUnique();
        b.Property(f => f.OpenDataLicenceId).HasMaxLength(20).IsRequired().HasDefaultValue(OpenDataLicence.Default.Id);
        b.HasMany(f => f.Members).WithOne(m => m.Forbund).HasForeignKey(m => m.ForbundId);
        b.Navigation(f => f.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ForbundMemberConfiguration : IEntityTypeConfiguration<ForbundMember>
{
    public void Configure(EntityTypeBuilder<ForbundMember> b)
    {
        b.HasKey(m => new { m.ForbundId, m.OrganisationId });
        b.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
