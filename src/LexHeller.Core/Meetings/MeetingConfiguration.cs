using LexHeller.Core.Cases;
using LexHeller.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Meetings;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(m => m.Place).HasMaxLength(200);
        b.Property(m => m.VideoLink).HasMaxLength(500);
        b.Property(m => m.Note).HasMaxLength(2000);
        b.Property(m => m.CancelReason).HasMaxLength(2000);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => new { m.ForbundId, m.StartsAt });
        b.HasIndex(m => new { m.AgendaClosedAt, m.AgendaClosesAt });
        b.HasOne<Forbund>().WithMany().HasForeignKey(m => m.ForbundId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Items).WithOne().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(m => m.Participants).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Participants).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(m => m.IsCancelled);
        b.Ignore(m => m.IsAgendaOpen);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.Property(i => i.Decision).HasMaxLength(30);
        b.HasIndex(i => new { i.MeetingId, i.CaseId }).IsUnique();
        b.HasIndex(i => i.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgendaDispatchConfiguration : IEntityTypeConfiguration<AgendaDispatch>
{
    public void Configure(EntityTypeBuilder<AgendaDispatch> b)
    {
        b.HasKey(d => d.MeetingId);
        b.HasOne<Meeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingParticipantConfiguration : IEntityTypeConfiguration<MeetingParticipant>
{
    public void Configure(EntityTypeBuilder<MeetingParticipant> b)
    {
        b.HasKey(p => new { p.MeetingId, p.UserId });
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
