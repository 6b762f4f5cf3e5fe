using LexHeller.Core.Cases;
using LexHeller.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Systemic;

internal sealed class SystemicProblemConfiguration : IEntityTypeConfiguration<SystemicProblem>
{
    public void Configure(EntityTypeBuilder<SystemicProblem> b)
    {
        b.Property(p => p.Title).HasMaxLength(SystemicProblem.MaxTitle);
        b.Property(p => p.Description).HasMaxLength(SystemicProblem.MaxDescription);
        b.Property(p => p.EscalatedTo).HasMaxLength(200);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(p => p.Escalation).HasConversion<string>().HasMaxLength(30);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.ForbundId, p.Status });
        b.HasOne<Forbund>().WithMany().HasForeignKey(p => p.ForbundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.ConflictPartyAId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.ConflictPartyBId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Parties).WithOne().HasForeignKey(x => x.SystemicProblemId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Parties).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(p => p.Events).WithOne().HasForeignKey(x => x.SystemicProblemId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(p => p.IsClosed);
    }
}

internal sealed class SystemicProblemPartyConfiguration : IEntityTypeConfiguration<SystemicProblemParty>
{
    public void Configure(EntityTypeBuilder<SystemicProblemParty> b)
    {
        b.HasIndex(p => new { p.SystemicProblemId, p.OrganisationId }).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SystemicProblemEventConfiguration : IEntityTypeConfiguration<SystemicProblemEvent>
{
    public void Configure(EntityTypeBuilder<SystemicProblemEvent> b)
    {
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.FromStatus).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.ToStatus).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Text).HasMaxLength(SystemicProblem.MaxDescription);
        b.HasIndex(e => new { e.SystemicProblemId, e.At });
    }
}

internal sealed class SystemicProblemCaseConfiguration : IEntityTypeConfiguration<SystemicProblemCase>
{
    public void Configure(EntityTypeBuilder<SystemicProblemCase> b)
    {
        b.HasKey(l => new { l.SystemicProblemId, l.CaseId });
        b.Property(l => l.LinkedByUserId).HasMaxLength(450);
        b.HasIndex(l => l.CaseId);
        b.HasIndex(l => new { l.CaseForbundId, l.SystemicProblemId });
        b.HasOne<SystemicProblem>().WithMany().HasForeignKey(l => l.SystemicProblemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Case>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeasureConfiguration : IEntityTypeConfiguration<Measure>
{
    public void Configure(EntityTypeBuilder<Measure> b)
    {
        b.Property(m => m.Description).HasMaxLength(Measure.MaxText);
        b.Property(m => m.DoneNote).HasMaxLength(Measure.MaxText);
        b.Property(m => m.EffectNote).HasMaxLength(Measure.MaxText);
        b.Property(m => m.Effect).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.CreatedByUserId).HasMaxLength(450);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => new { m.ForbundId, m.FollowedUpAt, m.DueDate });
        b.HasIndex(m => m.CaseId);
        b.HasIndex(m => m.SystemicProblemId);
        b.HasOne<Forbund>().WithMany().HasForeignKey(m => m.ForbundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SystemicProblem>().WithMany().HasForeignKey(m => m.SystemicProblemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(m => m.IsDone);
        b.Ignore(m => m.IsFollowedUp);
    }
}

internal sealed class CaseLinkConfiguration : IEntityTypeConfiguration<CaseLink>
{
    public void Configure(EntityTypeBuilder<CaseLink> b)
    {
        b.HasKey(l => new { l.CaseId, l.OtherCaseId });
        b.Property(l => l.LinkedByUserId).HasMaxLength(450);
        b.HasIndex(l => l.OtherCaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Case>().WithMany().HasForeignKey(l => l.OtherCaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseImpactConfiguration : IEntityTypeConfiguration<CaseImpact>
{
    public void Configure(EntityTypeBuilder<CaseImpact> b)
    {
        b.Property(i => i.Text).HasMaxLength(CaseImpact.MaxText);
        b.HasIndex(i => new { i.CaseId, i.At });
        b.HasOne<Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Measure>().WithMany().HasForeignKey(i => i.MeasureId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<SystemicProblem>().WithMany().HasForeignKey(i => i.SystemicProblemId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class PublicationApprovalConfiguration : IEntityTypeConfiguration<PublicationApproval>
{
    public void Configure(EntityTypeBuilder<PublicationApproval> b)
    {
        b.HasKey(a => new { a.CaseId, a.OrganisationId });
        b.Property(a => a.ApprovedByUserId).HasMaxLength(450);
        b.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(a => a.IsApproved);
    }
}
