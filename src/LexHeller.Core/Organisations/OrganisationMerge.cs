using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Organisations;

/// <summary>Where an organisation of the register is named: what a merge moves, and why it cannot simply be deleted.</summary>
public sealed record OrganisationUsage(
    int Cases,
    int ReporterCases,
    int Handovers,
    int Parties,
    int Referrals,
    int RuleConflicts,
    int Memberships,
    int ForbundMemberships,
    int CompilationFilters)
{
    public static readonly OrganisationUsage None = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public bool InUse => Cases + Memberships + ForbundMemberships + CompilationFilters > 0;

    /// <summary>Each kind of reference that is not zero, in Swedish, e.g. "3 ärenden där en rapportör företräder organisationen".</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>();
        void Add(int n, string one, string many)
        {
            if (n > 0) lines.Add(Swedish.Count(n, one, many));
        }
        Add(ReporterCases, "ärende där rapportören företräder organisationen", "ärenden där rapportören företräder organisationen");
        Add(Handovers, "överlämning från eller till organisationen", "överlämningar från eller till organisationen");
        Add(Parties, "ärende där organisationen är berörd part", "ärenden där organisationen är berörd part");
        Add(Referrals, "remiss till organisationen (med eventuellt partssvar)", "remisser till organisationen (med eventuella partssvar)");
        Add(RuleConflicts, "regelkrock där organisationen är part", "regelkrockar där organisationen är part");
        Add(Memberships, "användarroll som företräder organisationen", "användarroller som företräder organisationen");
        Add(ForbundMemberships, "förbund där organisationen är medlem", "förbund där organisationen är medlem");
        Add(CompilationFilters, "sammanställning avgränsad till organisationen", "sammanställningar avgränsade till organisationen");
        return lines;
    }
}

/// <summary>The outcome of a merge: refused (and nothing changed), or what moved and which duplicates became one.</summary>
public sealed record MergeResult(string? Refusal, string KeptName, string RemovedName, OrganisationUsage Moved, IReadOnlyList<string> Collisions)
{
    public bool Merged => Refusal is null;

    public static MergeResult Refused(string why) => new(why, "", "", OrganisationUsage.None, []);
}

/// <summary>
/// Merges two entries of the organisation register that are the same body: every reference to the removed one
/// moves to the kept one, duplicates that would arise are made one, and the removed one is deleted, all in one
/// transaction. Anything that fails leaves both organisations as they were.
/// </summary>
public sealed class OrganisationMerge(LexHellerDb db, TimeProvider clock)
{
    /// <summary>Counts every reference to the organisation.</summary>
    public async Task<OrganisationUsage> UsageAsync(int organisationId, CancellationToken ct = default)
    {
        var id = organisationId;
        return new OrganisationUsage(
            await CasesNaming(id).CountAsync(ct),
            await db.Cases.CountAsync(c => c.ReporterOrganisationId == id, ct),
            await db.Cases.CountAsync(c => c.HandoverFromOrganisationId == id || c.HandoverToOrganisationId == id, ct),
            await db.CaseParties.CountAsync(p => p.OrganisationId == id, ct),
            await db.CaseReferrals.CountAsync(r => r.OrganisationId == id, ct),
            await db.RuleConflicts.CountAsync(r => r.PartyAOrganisationId == id || r.PartyBOrganisationId == id, ct),
            await db.Set<MembershipOrganisation>().CountAsync(m => m.OrganisationId == id, ct),
            await db.ForbundMembers.CountAsync(m => m.OrganisationId == id, ct),
            await db.Compilations.CountAsync(c => c.FilterOrganisationId == id, ct));
    }

    public async Task<MergeResult> MergeAsync(int keepId, int removeId, string actorUserId, CancellationToken ct = default)
    {
        if (keepId == removeId) return MergeResult.Refused("En organisation kan inte slås ihop med sig själv. Välj en annan organisation att behålla.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.Id == keepId || o.Id == removeId)
            .Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync(ct);
        var keep = orgs.FirstOrDefault(o => o.Id == keepId);
        var remove = orgs.FirstOrDefault(o => o.Id == removeId);
        if (remove is null) return MergeResult.Refused("Organisationen som skulle tas bort finns inte längre. Den kan redan ha slagits ihop med en annan.");
        if (keep is null) return MergeResult.Refused("Organisationen som skulle behållas finns inte längre. Välj en annan.");

        var collisions = new List<string>();

        // Anyone holding one of these cases in a form is told it changed, rather than writing the removed id back.
        var cases = await db.Cases.Where(c => CasesNaming(removeId).Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1), ct);

        var reporterCases = await db.Cases.Where(c => c.ReporterOrganisationId == removeId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReporterOrganisationId, keepId), ct);
        var handovers = await db.Cases.Where(c => c.HandoverFromOrganisationId == removeId || c.HandoverToOrganisationId == removeId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.HandoverFromOrganisationId, c => c.HandoverFromOrganisationId == removeId ? keepId : c.HandoverFromOrganisationId)
                .SetProperty(c => c.HandoverToOrganisationId, c => c.HandoverToOrganisationId == removeId ? keepId : c.HandoverToOrganisationId), ct);

        // A case naming both as parties keeps one party row.
        var partiesMerged = await db.CaseParties
            .Where(p => p.OrganisationId == removeId && db.CaseParties.Any(k => k.CaseId == p.CaseId && k.OrganisationId == keepId))
            .ExecuteDeleteAsync(ct);
        var parties = partiesMerged + await db.CaseParties.Where(p => p.OrganisationId == removeId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OrganisationId, keepId), ct);
        if (partiesMerged > 0)
            collisions.Add($"{Swedish.Count(partiesMerged, "ärende", "ärenden")} hade båda som berörda parter och har nu {keep.Name} en gång.");

        var referrals = await MergeReferralsAsync(keep.Id, keep.Name, remove.Id, remove.Name, collisions, ct);

        var ruleConflicts = await db.RuleConflicts
            .Where(r => r.PartyAOrganisationId == removeId || r.PartyBOrganisationId == removeId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.PartyAOrganisationId, r => r.PartyAOrganisationId == removeId ? keepId : r.PartyAOrganisationId)
                .SetProperty(r => r.PartyBOrganisationId, r => r.PartyBOrganisationId == removeId ? keepId : r.PartyBOrganisationId), ct);

        // A user representing both keeps one row, as does a förbund with both as members.
        var representing = db.Set<MembershipOrganisation>();
        var membershipsMerged = await representing
            .Where(m => m.OrganisationId == removeId && representing.Any(k => k.MembershipId == m.MembershipId && k.OrganisationId == keepId))
            .ExecuteDeleteAsync(ct);
        var memberships = membershipsMerged + await representing.Where(m => m.OrganisationId == removeId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.OrganisationId, keepId), ct);
        if (membershipsMerged > 0)
            collisions.Add($"{Swedish.Count(membershipsMerged, "användarroll", "användarroller")} företrädde båda och företräder nu bara {keep.Name}.");

        var forbundMerged = await db.ForbundMembers
            .Where(m => m.OrganisationId == removeId && db.ForbundMembers.Any(k => k.ForbundId == m.ForbundId && k.OrganisationId == keepId))
            .ExecuteDeleteAsync(ct);
        var forbundMemberships = forbundMerged + await db.ForbundMembers.Where(m => m.OrganisationId == removeId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.OrganisationId, keepId), ct);
        if (forbundMerged > 0)
            collisions.Add($"{Swedish.Count(forbundMerged, "förbund", "förbund")} hade båda som medlemmar och har nu {keep.Name} en gång.");

        var compilationFilters = await MergeCompilationFiltersAsync(keepId, removeId, ct);

        await db.Organisations.Where(o => o.Id == removeId).ExecuteDeleteAsync(ct);

        var moved = new OrganisationUsage(cases, reporterCases, handovers, parties, referrals, ruleConflicts, memberships, forbundMemberships, compilationFilters);
        var lines = moved.Lines();
        var after = lines.Count == 0 ? "Inget att flytta." : string.Join("; ", lines);
        if (collisions.Count > 0) after += ". Dubbletter: " + string.Join(" ", collisions);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actorUserId, null, AuditActions.OrganisationsMerged,
            Clip($"{remove.Name} → {keep.Name}", 200), Clip($"{remove.Name} ({Organisation.KindName(remove.Kind)}), id {remove.Id}", 2000), Clip(after, 2000)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MergeResult(null, keep.Name, remove.Name, moved, collisions);
    }

    /// <summary>
    /// Moves the referrals. Where one case round was referred to both, one duty remains (a case+round has one per
    /// organisation): the answered one, else the one with a draft answer, else the earliest.
    /// </summary>
    private async Task<int> MergeReferralsAsync(int keepId, string keepName, int removeId, string removeName, List<string> collisions, CancellationToken ct)
    {
        var pairs = await (
            from r in db.CaseReferrals
            where r.OrganisationId == removeId
            join k in db.CaseReferrals on new { r.CaseId, r.Round } equals new { k.CaseId, k.Round }
            where k.OrganisationId == keepId
            select new
            {
                Reference = db.Cases.Where(c => c.Id == r.CaseId).Select(c => c.Reference).FirstOrDefault(),
                r.Round,
                Removed = new Duty(r.Id, r.Status, r.Response != null, r.AnsweredAt, r.ReferredAt),
                Kept = new Duty(k.Id, k.Status, k.Response != null, k.AnsweredAt, k.ReferredAt),
            }).ToListAsync(ct);

        var dropped = new List<int>();
        var droppedOfRemoved = 0;
        foreach (var pair in pairs)
        {
            var keepRemoved = Duty.Preferred(pair.Removed, pair.Kept) == pair.Removed;
            var (winner, loser, winnerName, loserName) = keepRemoved
                ? (pair.Removed, pair.Kept, removeName, keepName)
                : (pair.Kept, pair.Removed, keepName, removeName);
            dropped.Add(loser.Id);
            if (!keepRemoved) droppedOfRemoved++;
            collisions.Add($"{pair.Reference ?? "Ärendet"}, remissomgång {pair.Round}: båda var remitterade. " +
                $"Behöll {winner.Describe(winnerName)} och tog bort {loser.Describe(loserName)}.");
        }
        if (dropped.Count > 0) await db.CaseReferrals.Where(r => dropped.Contains(r.Id)).ExecuteDeleteAsync(ct);
        var moved = await db.CaseReferrals.Where(r => r.OrganisationId == removeId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OrganisationId, keepId), ct);
        return moved + droppedOfRemoved;
    }

    private sealed record Duty(int Id, ReferralStatus Status, bool HasText, DateTimeOffset? AnsweredAt, DateTimeOffset ReferredAt)
    {
        public static Duty Preferred(Duty a, Duty b) => new[] { a, b }
            .OrderBy(d => d.Status == ReferralStatus.Answered ? 0 : d.HasText ? 1 : 2)
            .ThenBy(d => d.AnsweredAt ?? DateTimeOffset.MaxValue)
            .ThenBy(d => d.ReferredAt)
            .ThenBy(d => d.Id)
            .First();

        public string Describe(string organisation) => Status switch
        {
            ReferralStatus.Answered => $"svaret från {organisation} (inskickat {Stockholm.FormatDate(AnsweredAt!.Value)})",
            ReferralStatus.Pending or ReferralStatus.ClosedUnanswered when HasText => $"det påbörjade svaret från {organisation}",
            ReferralStatus.ClosedUnanswered => $"remissen till {organisation} (avslutad utan svar)",
            ReferralStatus.Pending => $"den obesvarade remissen till {organisation}",
        };
    }

    /// <summary>
    /// Points compilation filters at the kept organisation. The de-duplication key names the organisation last; a
    /// queued or running compilation whose new key is already queued keeps its old key until it finishes.
    /// </summary>
    private async Task<int> MergeCompilationFiltersAsync(int keepId, int removeId, CancellationToken ct)
    {
        var affected = await db.Compilations.Where(c => c.FilterOrganisationId == removeId)
            .Select(c => new { c.Id, c.DedupKey, c.Status }).ToListAsync(ct);
        if (affected.Count == 0) return 0;
        static bool Active(CompilationStatus s) => s is CompilationStatus.Queued or CompilationStatus.Running;
        var oldSuffix = $":{removeId}";
        var newSuffix = $":{keepId}";
        var activeKeys = (await db.Compilations.Where(c => c.Status == CompilationStatus.Queued || c.Status == CompilationStatus.Running)
            .Select(c => c.DedupKey).ToListAsync(ct)).ToHashSet();
        foreach (var c in affected)
        {
            var newKey = c.DedupKey.EndsWith(oldSuffix, StringComparison.Ordinal) ? c.DedupKey[..^oldSuffix.Length] + newSuffix : c.DedupKey;
            if (Active(c.Status) && !activeKeys.Add(newKey)) newKey = c.DedupKey;
            await db.Compilations.Where(x => x.Id == c.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.FilterOrganisationId, keepId).SetProperty(x => x.DedupKey, newKey), ct);
        }
        return affected.Count;
    }

    /// <summary>The ids of every case that names the organisation anywhere.</summary>
    private IQueryable<int> CasesNaming(int id) =>
        db.Cases.Where(c => c.ReporterOrganisationId == id || c.HandoverFromOrganisationId == id || c.HandoverToOrganisationId == id).Select(c => c.Id)
            .Union(db.CaseParties.Where(p => p.OrganisationId == id).Select(p => p.CaseId))
            .Union(db.CaseReferrals.Where(r => r.OrganisationId == id).Select(r => r.CaseId))
            .Union(db.RuleConflicts.Where(r => r.PartyAOrganisationId == id || r.PartyBOrganisationId == id).Select(r => r.CaseId));

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
