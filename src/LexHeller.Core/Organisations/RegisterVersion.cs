using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Organisations;

/// <summary>
/// The one row that tells every app instance on the database that the register changed: its stamp gets a new,
/// never repeated value in the same transaction as each change to what <see cref="ReferenceCache"/> holds. An instance
/// that reads a stamp other than the one it last saw forgets its lists. A fresh value rather than a counter, so a save
/// can set it as part of its own batch without reading it first, and two instances writing at once still leave a value
/// neither has seen before.
/// </summary>
public class RegisterVersion
{
    public const int TheRow = 1;

    private RegisterVersion() { }

    internal RegisterVersion(int id) => Id = id;

    public int Id { get; private set; }

    public Guid Stamp { get; private set; }
}

internal sealed class RegisterVersionConfiguration : IEntityTypeConfiguration<RegisterVersion>
{
    public void Configure(EntityTypeBuilder<RegisterVersion> b)
    {
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.HasData(new { Id = RegisterVersion.TheRow, Stamp = Guid.Empty });
    }
}
