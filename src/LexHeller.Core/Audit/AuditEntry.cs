using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Audit;

/// <summary>One immutable line of the audit trail: who changed what, when, from what to what.</summary>
public class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(DateTimeOffset at, string? actorUserId, int? forbundId, string action, string subject, string? before, string? after)
    {
        At = at;
        ActorUserId = actorUserId;
        ForbundId = forbundId;
        Action = action;
        Subject = subject;
        Before = before;
        After = after;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorUserId { get; private set; }
    public int? ForbundId { get; private set; }
    public string Action { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }
}

/// <summary>The audit actions in use; stored by these names.</summary>
public static class AuditActions
{
    public const string UserInvited = "UserInvited";
    public const string MembershipGranted = "MembershipGranted";
    public const string MembershipDeactivated = "MembershipDeactivated";
    public const string MembershipReactivated = "MembershipReactivated";
    public const string TwoFactorReset = "TwoFactorReset";
    public const string TwoFactorEnabled = "TwoFactorEnabled";
    public const string InvitationAccepted = "InvitationAccepted";
    public const string MembershipOffered = "MembershipOffered";
    public const string InvitationDeclined = "InvitationDeclined";
    public const string PasswordReset = "PasswordReset";
    public const string CaseRedacted = "CaseRedacted";
    public const string CasePublished = "CasePublished";
    public const string CaseUnpublished = "CaseUnpublished";
    public const string PublicationRequested = "PublicationRequested";
    public const string PublicationApproved = "PublicationApproved";
    public const string OutboxResent = "OutboxResent";
    public const string ForbundCreated = "ForbundCreated";
    public const string ForbundUpdated = "ForbundUpdated";
    public const string ForbundMemberAdded = "ForbundMemberAdded";
    public const string ForbundMemberRemoved = "ForbundMemberRemoved";
    public const string OrganisationCreated = "OrganisationCreated";
    public const string OrganisationUpdated = "OrganisationUpdated";
    public const string OrganisationDeleted = "OrganisationDeleted";
    public const string OrganisationsMerged = "OrganisationsMerged";
    public const string CategoryAdded = "CategoryAdded";
    public const string CategoryRenamed = "CategoryRenamed";
    public const string CategoryReordered = "CategoryReordered";
    public const string CategoryDeactivated = "CategoryDeactivated";
    public const string CategoryReactivated = "CategoryReactivated";
    public const string CategoryDeleted = "CategoryDeleted";
    public const string SettingChanged = "SettingChanged";
    public const string MembershipOrganisationsChanged = "MembershipOrganisationsChanged";
    public const string UsersImported = "UsersImported";
    public const string MeetingMoved = "MeetingMoved";
    public const string InboxExportedWithReporters = "InboxExportedWithReporters";
    public const string PasswordLoginChanged = "PasswordLoginChanged";
    public const string ExternalLoginLinked = "ExternalLoginLinked";
    public const string ExternalLoginUnlinked = "ExternalLoginUnlinked";
    public const string IdentityProviderCreated = "IdentityProviderCreated";
    public const string IdentityProviderUpdated = "IdentityProviderUpdated";
    public const string IdentityProviderEnabled = "IdentityProviderEnabled";
    public const string IdentityProviderDisabled = "IdentityProviderDisabled";
    public const string IdentityProviderForbundChanged = "IdentityProviderForbundChanged";
    public const string ExternalLoginLinkedByEmail = "ExternalLoginLinkedByEmail";
    public const string BackupRequested = "BackupRequested";
    public const string BackupTaken = "BackupTaken";
    public const string BackupFailed = "BackupFailed";
    public const string ArchivePackageRequested = "ArchivePackageRequested";
    public const string ArchivePackageCreated = "ArchivePackageCreated";
    public const string ArchivePackageFailed = "ArchivePackageFailed";
    public const string AccessFlagChecked = "AccessFlagChecked";
    public const string RetentionRulesChanged = "RetentionRulesChanged";
    public const string GallringHeld = "GallringHeld";
    public const string GallringReleased = "GallringReleased";
    public const string CaseGallrad = "CaseGallrad";
    public const string DisclosureRegistered = "DisclosureRegistered";
    public const string DisclosureDecided = "DisclosureDecided";
    public const string CasesLinked = "CasesLinked";
    public const string CasesUnlinked = "CasesUnlinked";
    public const string SystemicProblemIdentified = "SystemicProblemIdentified";
    public const string SystemicProblemChanged = "SystemicProblemChanged";
    public const string SystemicProblemCaseLinked = "SystemicProblemCaseLinked";
    public const string SystemicProblemCaseUnlinked = "SystemicProblemCaseUnlinked";
    public const string MeasurePlanned = "MeasurePlanned";
    public const string MeasureDone = "MeasureDone";
    public const string MeasureFollowedUp = "MeasureFollowedUp";
    public const string JointRegisterChanged = "JointRegisterChanged";
    public const string ApiKeyCreated = "ApiKeyCreated";
    public const string ApiKeyRevoked = "ApiKeyRevoked";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Action).HasMaxLength(60).IsRequired();
        b.Property(a => a.Subject).HasMaxLength(200).IsRequired();
        b.Property(a => a.Before).HasMaxLength(2000);
        b.Property(a => a.After).HasMaxLength(2000);
        b.HasIndex(a => new { a.ForbundId, a.At });
    }
}
