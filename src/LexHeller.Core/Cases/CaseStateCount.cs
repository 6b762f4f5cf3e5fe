using LexHeller.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Cases;

/// <summary>
/// How many cases a förbund has in each state. The database keeps it: triggers on Cases add and subtract in the
/// same statement that inserts, moves or deletes a case, so it is exact in every transaction. The inbox reads its
/// counts per state here instead of counting the förbund's cases on every request. The triggers are in the
/// migrations; a database loaded without them is recounted with <see cref="Data.Sqlite.SqliteEngine.RebuildStateCountsSql"/>.
/// </summary>
public class CaseStateCount
{
    public int ForbundId { get; private set; }
    public CaseState State { get; private set; }
    public int Count { get; private set; }
}

internal sealed class CaseStateCountConfiguration : IEntityTypeConfiguration<CaseStateCount>
{
    public void Configure(EntityTypeBuilder<CaseStateCount> b)
    {
        b.HasKey(c => new { c.ForbundId, c.State });
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(30);
        b.HasOne<Forbund>().WithMany().HasForeignKey(c => c.ForbundId).OnDelete(DeleteBehavior.Cascade);
    }
}
