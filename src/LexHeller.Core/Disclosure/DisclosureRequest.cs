using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Disclosure;

/// <summary>Where a request for public documents stands; stored by these names.</summary>
public enum DisclosureState
{
    Registrerad,
    UnderProvning,
    Beslutad,
}

/// <summary>
/// A request under offentlighetsprincipen to see documents of a förbund: what was asked for and by whom (the
/// requester may stay anonymous), the cases it concerns, the passages the kansli holds secret, and, once decided, the
/// two files that were sent: the released copy and the decision letter. The files are kept as bytes, so what the
/// förbund can show later is exactly what it sent, whatever happens to the cases afterwards.
/// </summary>
public class DisclosureRequest
{
    public const int SubjectMax = 2000;
    public const int RequesterMax = 200;
    public const int PassageMax = 4000;
    public const int ProvisionMax = 200;
    public const int ReasonMax = 1000;

    private readonly List<DisclosureCase> _cases = [];
    private readonly List<DisclosureMask> _masks = [];

    private DisclosureRequest() { }

    public DisclosureRequest(int forbundId, DateOnly receivedOn, string subject, string? requesterName, string? requesterContact,
        string registeredByUserId, DateTimeOffset now)
    {
        ForbundId = forbundId;
        ReceivedOn = receivedOn;
        Subject = subject;
        RequesterName = requesterName;
        RequesterContact = requesterContact;
        RegisteredByUserId = registeredByUserId;
        RegisteredAt = now;
        State = DisclosureState.Registrerad;
    }

    public int Id { get; private set; }
    public int ForbundId { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    /// <summary>What is asked for, in the requester's words as the kansli noted them.</summary>
    public string Subject { get; private set; } = "";
    public string? RequesterName { get; private set; }
    public string? RequesterContact { get; private set; }
    public DisclosureState State { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public string RegisteredByUserId { get; private set; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }
    /// <summary>The Stockholm day of the decision: the end of the handling time.</summary>
    public DateOnly? DecidedOn { get; private set; }
    public string? DecidedByUserId { get; private set; }
    public byte[]? ReleasedPdf { get; private set; }
    public byte[]? DecisionPdf { get; private set; }

    public IReadOnlyList<DisclosureCase> Cases => _cases;
    public IReadOnlyList<DisclosureMask> Masks => _masks;

    public bool IsDecided => State == DisclosureState.Beslutad;

    /// <summary>Days from receipt to decision, or to <paramref name="today"/> while undecided.</summary>
    public int HandlingDays(DateOnly today) => HandlingDays(ReceivedOn, DecidedOn, today);

    public static int HandlingDays(DateOnly received, DateOnly? decided, DateOnly today) =>
        Math.Max(0, (decided ?? today).DayNumber - received.DayNumber);

    internal void AddCase(int caseId, string reference)
    {
        _cases.Add(new DisclosureCase(caseId, reference));
        // Picking what the request concerns is where the assessment starts.
        if (State == DisclosureState.Registrerad) State = DisclosureState.UnderProvning;
    }

    internal void RemoveCase(int caseId)
    {
        _cases.RemoveAll(c => c.CaseId == caseId);
        _masks.RemoveAll(m => m.CaseId == caseId);
    }

    internal void AddMask(int caseId, string field, string passage, string provision, string? reason) =>
        _masks.Add(new DisclosureMask(caseId, field, passage, provision, reason));

    internal void RemoveMask(int maskId) => _masks.RemoveAll(m => m.Id == maskId);

    internal void Decide(string userId, DateTimeOffset now, DateOnly today, byte[] released, byte[] decision)
    {
        State = DisclosureState.Beslutad;
        DecidedAt = now;
        DecidedOn = today;
        DecidedByUserId = userId;
        ReleasedPdf = released;
        DecisionPdf = decision;
    }
}

/// <summary>
/// A case the request concerns. Its reference is kept with it, so a decided request still names the case after
/// the case itself has been gallrad.
/// </summary>
public class DisclosureCase
{
    private DisclosureCase() { }

    internal DisclosureCase(int caseId, string reference)
    {
        CaseId = caseId;
        Reference = reference;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public string Reference { get; private set; } = "";
}

/// <summary>
/// A passage of a case the kansli holds secret: the text as written in one field, and the provision of
/// offentlighets- och sekretesslagen it is withheld under. The released copy never contains the passage.
/// </summary>
public class DisclosureMask
{
    private DisclosureMask() { }

    internal DisclosureMask(int caseId, string field, string passage, string provision, string? reason)
    {
        CaseId = caseId;
        Field = field;
        Passage = passage;
        Provision = provision;
        Reason = reason;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    /// <summary>The key of the case text it was marked in (<see cref="DisclosureText"/>).</summary>
    public string Field { get; private set; } = "";
    public string Passage { get; private set; } = "";
    /// <summary>As the letter cites it: "26 kap. 1 § OSL".</summary>
    public string Provision { get; private set; } = "";
    public string? Reason { get; private set; }
}

internal sealed class DisclosureRequestConfiguration : IEntityTypeConfiguration<DisclosureRequest>
{
    public void Configure(EntityTypeBuilder<DisclosureRequest> b)
    {
        b.ToTable("DisclosureRequests");
        b.Property(r => r.Subject).HasMaxLength(DisclosureRequest.SubjectMax).IsRequired();
        b.Property(r => r.RequesterName).HasMaxLength(DisclosureRequest.RequesterMax);
        b.Property(r => r.RequesterContact).HasMaxLength(DisclosureRequest.RequesterMax);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(20).IsRequired();
        b.Property(r => r.RegisteredByUserId).HasMaxLength(450).IsRequired();
        b.Property(r => r.DecidedByUserId).HasMaxLength(450);
        b.HasIndex(r => new { r.ForbundId, r.State });
        b.HasOne<Organisations.Forbund>().WithMany().HasForeignKey(r => r.ForbundId).OnDelete(DeleteBehavior.Restrict);

        // The picked cases and the masks belong to the request alone; a case is named by id and reference without a
        // foreign key, so gallring a case never has to reach into a decided request.
        b.OwnsMany(r => r.Cases, c =>
        {
            c.ToTable("DisclosureCases");
            c.WithOwner().HasForeignKey("RequestId");
            c.HasKey(x => x.Id);
            c.Property(x => x.Reference).HasMaxLength(40).IsRequired();
            c.HasIndex("RequestId", nameof(DisclosureCase.CaseId)).IsUnique();
        });
        b.Navigation(r => r.Cases).HasField("_cases").UsePropertyAccessMode(PropertyAccessMode.Field);

        b.OwnsMany(r => r.Masks, m =>
        {
            m.ToTable("DisclosureMasks");
            m.WithOwner().HasForeignKey("RequestId");
            m.HasKey(x => x.Id);
            m.Property(x => x.Field).HasMaxLength(60).IsRequired();
            m.Property(x => x.Passage).HasMaxLength(DisclosureRequest.PassageMax).IsRequired();
            m.Property(x => x.Provision).HasMaxLength(DisclosureRequest.ProvisionMax).IsRequired();
            m.Property(x => x.Reason).HasMaxLength(DisclosureRequest.ReasonMax);
        });
        b.Navigation(r => r.Masks).HasField("_masks").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
