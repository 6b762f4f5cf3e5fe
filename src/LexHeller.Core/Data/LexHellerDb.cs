using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.Notifications;
using LexHeller.Core.Organisations;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Data;

public class LexHellerDb(DbContextOptions<LexHellerDb> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Forbund> Forbund => Set<Forbund>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<ForbundMember> ForbundMembers => Set<ForbundMember>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<IdentityProvider> IdentityProviders => Set<IdentityProvider>();
    public DbSet<LoginSession> LoginSessions => Set<LoginSession>();
    public DbSet<UsedAuthenticatorCode> UsedAuthenticatorCodes => Set<UsedAuthenticatorCode>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<RegisterVersion> RegisterVersions => Set<RegisterVersion>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseParty> CaseParties => Set<CaseParty>();
    public DbSet<RuleConflict> RuleConflicts => Set<RuleConflict>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<CaseQuestion> CaseQuestions => Set<CaseQuestion>();
    public DbSet<CaseReferral> CaseReferrals => Set<CaseReferral>();
    public DbSet<CaseNameConfirmation> CaseNameConfirmations => Set<CaseNameConfirmation>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<CaseStateCount> CaseStateCounts => Set<CaseStateCount>();
    public DbSet<LexHeller.Core.Systemic.SystemicProblem> SystemicProblems => Set<LexHeller.Core.Systemic.SystemicProblem>();
    public DbSet<LexHeller.Core.Systemic.SystemicProblemParty> SystemicProblemParties => Set<LexHeller.Core.Systemic.SystemicProblemParty>();
    public DbSet<LexHeller.Core.Systemic.SystemicProblemEvent> SystemicProblemEvents => Set<LexHeller.Core.Systemic.SystemicProblemEvent>();
    public DbSet<LexHeller.Core.Systemic.SystemicProblemCase> SystemicProblemCases => Set<LexHeller.Core.Systemic.SystemicProblemCase>();
    public DbSet<LexHeller.Core.Systemic.Measure> Measures => Set<LexHeller.Core.Systemic.Measure>();
    public DbSet<LexHeller.Core.Systemic.CaseLink> CaseLinks => Set<LexHeller.Core.Systemic.CaseLink>();
    public DbSet<LexHeller.Core.Systemic.CaseImpact> CaseImpacts => Set<LexHeller.Core.Systemic.CaseImpact>();
    public DbSet<LexHeller.Core.Systemic.PublicationApproval> PublicationApprovals => Set<LexHeller.Core.Systemic.PublicationApproval>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<AgendaDispatch> AgendaDispatches => Set<AgendaDispatch>();
    public DbSet<MeetingJustifier> MeetingJustifiers => Set<MeetingJustifier>();
    public DbSet<LexHeller.Core.Api.ApiKey> ApiKeys => Set<LexHeller.Core.Api.ApiKey>();
    public DbSet<LexHeller.Core.Api.ApiCall> ApiCalls => Set<LexHeller.Core.Api.ApiCall>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<LexHeller.Core.AccessLog.AccessLogEntry> AccessLog => Set<LexHeller.Core.AccessLog.AccessLogEntry>();
    public DbSet<LexHeller.Core.Work.BackgroundWork> BackgroundWork => Set<LexHeller.Core.Work.BackgroundWork>();
    public DbSet<LexHeller.Core.AccessLog.AccessReviewSettings> AccessReviewSettings => Set<LexHeller.Core.AccessLog.AccessReviewSettings>();
    public DbSet<LexHeller.Core.AccessLog.AccessFlag> AccessFlags => Set<LexHeller.Core.AccessLog.AccessFlag>();
    public DbSet<LexHeller.Core.Disclosure.DisclosureRequest> DisclosureRequests => Set<LexHeller.Core.Disclosure.DisclosureRequest>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<LexHeller.Core.Retention.RetentionRule> RetentionRules => Set<LexHeller.Core.Retention.RetentionRule>();
    public DbSet<LexHeller.Core.Retention.RetentionHold> RetentionHolds => Set<LexHeller.Core.Retention.RetentionHold>();
    public DbSet<MailAttachment> MailAttachments => Set<MailAttachment>();
    public DbSet<DigestRun> DigestRuns => Set<DigestRun>();
    public DbSet<LexHeller.Core.Compilations.Compilation> Compilations => Set<LexHeller.Core.Compilations.Compilation>();
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LexHellerDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks so ranges and sorting work in SQL.
        if (Database.IsSqlite())
            configuration.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        // PostgreSQL stores timestamptz, and Npgsql refuses any offset but zero: an instant written with a local
        // offset (a Stockholm time from a form) is turned to UTC on its way in, whichever code path made it.
        else if (Database.IsNpgsql())
            configuration.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
    }

    /// <summary>
    /// Saves, or, when a constraint (a unique name) refuses the change, writes nothing and forgets the refused change so
    /// it cannot ride along with a later save. False when refused.
    /// </summary>
    public async Task<bool> TrySaveChangesAsync(CancellationToken ct = default)
    {
        try
        {
            await SaveChangesAsync(ct);
            return true;
        }
        // A database that is unreachable or locked refused nothing: that goes up to the 503 page, not back as a refusal.
        catch (DbUpdateException e) when (!DatabaseFaults.IsUnavailable(e))
        {
            ChangeTracker.Clear();
            return false;
        }
    }
}
