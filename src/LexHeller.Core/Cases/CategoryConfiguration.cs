using LexHeller.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Cases;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.Property(c => c.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(c => new { c.ForbundId, c.Name }).IsUnique();
        b.HasOne<Forbund>().WithMany().HasForeignKey(c => c.ForbundId).OnDelete(DeleteBehavior.Restrict);
    }
}
