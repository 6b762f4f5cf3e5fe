using LexHeller.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Cases;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("Cases");
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Gender).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.AgeBand).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Reference).HasMaxLength(30);
        b.Property(c => c.WhatHappened).HasMaxLength(CaseContent.WhatHappenedMax);
        b.Property(c => c.Consequences).HasMaxLength(CaseContent.ConsequencesMax);
        b.Property(c => c.Suggestion).HasMaxLength(CaseContent.SuggestionMax);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Summary).HasMaxLength(CaseActions.AnswerMax);
        b.Property(c => c.Answer).HasMaxLength(CaseActions.AnswerMax);
        b.Property(c => c.PublishedWithoutApprovalReason).HasMaxLength(2000);
        b.Property(c => c.RejectionReason).HasMaxLength(CaseActions.NoteMax);
        b.Property(c => c.RejectionWhereToTurn).HasMaxLength(CaseActions.NoteMax);
        b.HasIndex(c => new { c.ForbundId, c.IsPublished, c.PublishedAt });
        b.HasIndex(c => new { c.ForbundId, c.HandlerUserId });
        b.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Referrals).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Questions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Referrals).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(c => c.CurrentReferrals);
        b.Ignore(c => c.CurrentRound);
        b.Ignore(c => c.AllReferralsAnswered);
        // The inbox: a state filter served in reference order, and counts of a state and category.
        b.HasIndex(c => new { c.ForbundId, c.State, c.ReferenceYear, c.ReferenceSequence });
        b.HasIndex(c => new { c.ForbundId, c.State, c.CategoryId });
        b.HasIndex(c => new { c.ReporterUserId, c.UpdatedAt });
        b.HasIndex(c => new { c.ForbundId, c.UpdatedAt });
        // Compilations count by when a case was submitted and when it was concluded.
        b.HasIndex(c => new { c.ForbundId, c.SubmittedAt });
        b.HasIndex(c => new { c.ForbundId, c.ConcludedAt });
        b.HasIndex(c => new { c.ForbundId, c.ReferenceYear, c.ReferenceSequence }).IsUnique();
        b.HasIndex(c => c.Reference).IsUnique();
        b.HasIndex(c => new { c.ReporterUserId, c.FormKey }).IsUnique();
        b.HasOne<Forbund>().WithMany().HasForeignKey(c => c.ForbundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Category>().WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.ReporterOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(c => c.ReporterUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Parties).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.RuleConflicts).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Parties).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.RuleConflicts).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CasePartyConfiguration : IEntityTypeConfiguration<CaseParty>
{
    public void Configure(EntityTypeBuilder<CaseParty> b)
    {
        b.Property(p => p.OtherActorName).HasMaxLength(CaseContent.OtherActorMax);
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.OrganisationId);
    }
}

internal sealed class RuleConflictConfiguration : IEntityTypeConfiguration<RuleConflict>
{
    public void Configure(EntityTypeBuilder<RuleConflict> b)
    {
        b.Property(r => r.RequirementA).HasMaxLength(CaseContent.RequirementMax);
        b.Property(r => r.RequirementB).HasMaxLength(CaseContent.RequirementMax);
        b.Property(r => r.RuleA).HasMaxLength(CaseContent.RuleMax);
        b.Property(r => r.RuleB).HasMaxLength(CaseContent.RuleMax);
        b.Property(r => r.PartyAName).HasMaxLength(CaseContent.OtherActorMax);
        b.Property(r => r.PartyBName).HasMaxLength(CaseContent.OtherActorMax);
        b.HasOne<Organisation>().WithMany().HasForeignKey(r => r.PartyAOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(r => r.PartyBOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> b)
    {
        b.Property(e => e.ActorRole).HasMaxLength(30);
        b.Property(e => e.Action).HasMaxLength(30);
        b.Property(e => e.FromState).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.ToState).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Comment).HasMaxLength(4000);
        b.HasIndex(e => new { e.CaseId, e.At });
    }
}

internal sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> b)
    {
        b.HasKey(r => new { r.ForbundId, r.Year });
        b.HasOne<Forbund>().WithMany().HasForeignKey(r => r.ForbundId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseQuestionConfiguration : IEntityTypeConfiguration<CaseQuestion>
{
    public void Configure(EntityTypeBuilder<CaseQuestion> b)
    {
        b.Property(q => q.Question).HasMaxLength(CaseActions.NoteMax).IsRequired();
        b.Property(q => q.Answer).HasMaxLength(CaseActions.AnswerMax);
    }
}

internal sealed class CaseReferralConfiguration : IEntityTypeConfiguration<CaseReferral>
{
    public void Configure(EntityTypeBuilder<CaseReferral> b)
    {
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Response).HasMaxLength(CaseActions.AnswerMax);
        b.HasIndex(r => new { r.CaseId, r.Round, r.OrganisationId }).IsUnique();
        b.HasIndex(r => new { r.OrganisationId, r.Status, r.DueDate });
        b.HasIndex(r => r.AnsweredAt);
        b.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
