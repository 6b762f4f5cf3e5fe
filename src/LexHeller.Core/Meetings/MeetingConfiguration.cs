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
        b.HasMany(m => m.Justifiers).WithOne().HasForeignKey(j => j.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Justifiers).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Property(m => m.ChairUserId).HasMaxLength(450);
        b.Property(m => m.SecretaryUserId).HasMaxLength(450);
        b.Property(m => m.OtherBusiness).HasMaxLength(Meeting.MaxOtherBusiness);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(m => m.ChairUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(m => m.SecretaryUserId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(m => m.IsCancelled);
        b.Ignore(m => m.IsAgendaOpen);
        b.Ignore(m => m.IsDispatched);
        b.Ignore(m => m.MinutesLocked);
        b.Ignore(m => m.Current);
        b.Ignore(m => m.Numbered);
        b.Ignore(m => m.Undecided);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.Property(i => i.Decision).HasMaxLength(30);
        b.Property(i => i.DecisionText).HasMaxLength(AgendaItem.MaxText);
        b.Property(i => i.Title).HasMaxLength(AgendaItem.MaxTitle);
        b.Property(i => i.Text).HasMaxLength(AgendaItem.MaxText);
        b.Property(i => i.RemovalOutcome).HasMaxLength(30);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Removal).HasConversion<string>().HasMaxLength(30);
        // A case is on a meeting's agenda once; removed and added again, the one item comes back.
        b.HasIndex(i => new { i.MeetingId, i.CaseId }).IsUnique();
        b.HasIndex(i => i.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.SystemicProblemId);
        b.HasOne<LexHeller.Core.Systemic.SystemicProblem>().WithMany().HasForeignKey(i => i.SystemicProblemId).OnDelete(DeleteBehavior.Restrict);
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

internal sealed class MeetingJustifierConfiguration : IEntityTypeConfiguration<MeetingJustifier>
{
    public void Configure(EntityTypeBuilder<MeetingJustifier> b)
    {
        b.HasKey(j => new { j.MeetingId, j.UserId });
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(j => j.UserId).OnDelete(DeleteBehavior.Restrict);
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
