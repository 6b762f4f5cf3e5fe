using LexHeller.Core.Audit;

namespace LexHeller.Web.Pages.ChangeLog;

/// <summary>What each stored audit action is called in Swedish, in the order the change log's filter offers them.</summary>
public static class AuditLabels
{
    public static readonly IReadOnlyList<(string Action, string Label)> All =
    [
        (AuditActions.CategoryAdded, "Kategori tillagd"),
        (AuditActions.CategoryRenamed, "Kategori har bytt namn"),
        (AuditActions.CategoryReordered, "Kategori flyttad"),
        (AuditActions.CategoryDeactivated, "Kategori inaktiverad"),
        (AuditActions.CategoryReactivated, "Kategori återaktiverad"),
        (AuditActions.CategoryDeleted, "Kategori borttagen"),
        (AuditActions.SettingChanged, "Inställning ändrad"),
        (AuditActions.UserInvited, "Användare inbjuden"),
        (AuditActions.InvitationAccepted, "Inbjudan antagen"),
        (AuditActions.MembershipOffered, "Roll erbjuden genom inbjudan"),
        (AuditActions.InvitationDeclined, "Inbjudan avböjd"),
        (AuditActions.UsersImported, "Användare importerade"),
        (AuditActions.MembershipGranted, "Roll tilldelad"),
        (AuditActions.MembershipDeactivated, "Roll inaktiverad"),
        (AuditActions.MembershipReactivated, "Roll återaktiverad"),
        (AuditActions.MembershipOrganisationsChanged, "Företrädda organisationer ändrade"),
        (AuditActions.TwoFactorEnabled, "Tvåfaktorsinloggning aktiverad"),
        (AuditActions.TwoFactorReset, "Tvåfaktorsinloggning återställd"),
        (AuditActions.PasswordReset, "Lösenord återställt"),
        (AuditActions.CaseRedacted, "Text i ärende maskerad"),
        (AuditActions.CasePublished, "Ärende publicerat"),
        (AuditActions.CaseUnpublished, "Publicering av ärende återkallad"),
        (AuditActions.PublicationRequested, "Parterna ombedda att godkänna publicering"),
        (AuditActions.PublicationApproved, "Publicering godkänd för part"),
        (AuditActions.OutboxResent, "E-post skickad igen"),
        (AuditActions.ForbundCreated, "Förbund skapat"),
        (AuditActions.ForbundUpdated, "Förbund ändrat"),
        (AuditActions.ForbundMemberAdded, "Medlemsorganisation tillagd"),
        (AuditActions.ForbundMemberRemoved, "Medlemsorganisation borttagen"),
        (AuditActions.OrganisationCreated, "Organisation skapad"),
        (AuditActions.OrganisationUpdated, "Organisation ändrad"),
        (AuditActions.OrganisationDeleted, "Organisation borttagen"),
        (AuditActions.OrganisationsMerged, "Organisationer sammanslagna"),
        (AuditActions.MeetingMoved, "BUG-möte flyttat"),
        (AuditActions.InboxExportedWithReporters, "Inkorgen exporterad med rapportörernas namn"),
        (AuditActions.IdentityProviderCreated, "Inloggningsleverantör tillagd"),
        (AuditActions.IdentityProviderUpdated, "Inloggningsleverantör ändrad"),
        (AuditActions.IdentityProviderEnabled, "Inloggningsleverantör påslagen"),
        (AuditActions.IdentityProviderDisabled, "Inloggningsleverantör avstängd"),
        (AuditActions.IdentityProviderForbundChanged, "Förbund för inloggningsleverantör ändrade"),
        (AuditActions.PasswordLoginChanged, "Inloggning med lösenord ändrad"),
        (AuditActions.ExternalLoginLinked, "E-legitimation kopplad"),
        (AuditActions.ExternalLoginUnlinked, "Koppling till e-legitimation borttagen"),
        // Written by the first log-in with an e-legitimation whose verified e-mail matches an invited account.
        (AuditActions.ExternalLoginLinkedByEmail, "E-legitimation kopplad vid första inloggningen"),
        (AuditActions.BackupRequested, "Säkerhetskopia begärd"),
        (AuditActions.BackupTaken, "Säkerhetskopia tagen"),
        (AuditActions.BackupFailed, "Säkerhetskopia misslyckades"),
        (AuditActions.ArchivePackageRequested, "Arkivpaket beställt"),
        (AuditActions.ArchivePackageCreated, "Arkivpaket skapat"),
        (AuditActions.ArchivePackageFailed, "Arkivpaket misslyckades"),
        (AuditActions.RetentionRulesChanged, "Gallringsregler ändrade"),
        (AuditActions.GallringHeld, "Ärende hålls kvar från gallring"),
        (AuditActions.GallringReleased, "Ärende släppt för gallring"),
        (AuditActions.CaseGallrad, "Ärende gallrat"),
        (AuditActions.DisclosureRegistered, "Begäran om allmän handling registrerad"),
        (AuditActions.DisclosureDecided, "Beslut om utlämnande fattat"),
        (AuditActions.CasesLinked, "Ärenden kopplade"),
        (AuditActions.CasesUnlinked, "Koppling mellan ärenden borttagen"),
        (AuditActions.SystemicProblemIdentified, "Systemfel identifierat"),
        (AuditActions.SystemicProblemChanged, "Systemfel ändrat"),
        (AuditActions.SystemicProblemCaseLinked, "Ärende kopplat till systemfel"),
        (AuditActions.SystemicProblemCaseUnlinked, "Ärende bortkopplat från systemfel"),
        (AuditActions.MeasurePlanned, "Åtgärd tillagd"),
        (AuditActions.MeasureDone, "Åtgärd genomförd"),
        (AuditActions.MeasureFollowedUp, "Åtgärd uppföljd"),
        (AuditActions.JointRegisterChanged, "Deltagande i gemensamma registret ändrat"),
        (AuditActions.ApiKeyCreated, "API-nyckel skapad"),
        (AuditActions.ApiKeyRevoked, "API-nyckel återkallad"),
        (AuditActions.AccessFlagChecked, "Loggkontroll: flagga kontrollerad"),
    ];

    private static readonly Dictionary<string, string> ByAction = All.ToDictionary(a => a.Action, a => a.Label);

    /// <summary>The Swedish label; an action without one shows its stored name rather than nothing.</summary>
    public static string For(string action) => ByAction.GetValueOrDefault(action, action);

    public static bool IsKnown(string action) => ByAction.ContainsKey(action);
}
