using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Meetings;

/// <summary>What the kansli writes in the draft minutes: user ids of the attendees and of those chosen among them.</summary>
public sealed record MinutesDraft(IReadOnlyList<string> Attendees, string? Chair, string? Secretary, IReadOnlyList<string> Justifiers, string? OtherBusiness);

/// <summary>
/// The minutes (protokoll) of a BUG meeting, one method per user action, each committed once: the kansli writes the
/// draft and sends it for justering (the content is then fixed and every justerare is mailed), and each chosen
/// justerare confirms it with their own log-in; the last confirmation locks the minutes with their § numbers and
/// keeps the final PDF with the meeting. Who may act on the page (kansli, justerare) is the page's check; that a
/// justerare was chosen is the meeting's. Field errors name the <see cref="MinutesDraft"/> property at fault.
/// </summary>
public sealed class MinutesCommands(LexHellerDb db, TimeProvider clock, WriteGate gate)
{
    public async Task<CommandResult> WriteAsync(int meetingId, MinutesDraft draft, CancellationToken ct = default)
    {
        using var _ = await gate.EnterAsync(ct);
        try
        {
            var meeting = await LoadAsync(meetingId, ct);
            if (meeting is null) return CommandResult.NotFound;
            var now = clock.GetUtcNow();
            if (meeting.MinutesEditRefusal(now) is { } refusal) return CommandResult.Refused(refusal);

            var candidates = (await MinutesContent.CandidatesAsync(db, meeting.ForbundId, ct)).Select(p => p.UserId).ToHashSet();
            var attendees = draft.Attendees.Distinct().ToList();
            var errors = new List<FieldError>();
            if (attendees.Any(a => !candidates.Contains(a)))
                errors.Add(new(nameof(MinutesDraft.Attendees), "Välj bland förbundets BUG-ledamöter och kansli."));
            if (draft.Chair is { } chair && !attendees.Contains(chair))
                errors.Add(new(nameof(MinutesDraft.Chair), "Ordföranden väljs bland de närvarande. Kryssa i ordföranden som närvarande eller välj en annan."));
            if (draft.Secretary is { } secretary && !attendees.Contains(secretary))
                errors.Add(new(nameof(MinutesDraft.Secretary), "Protokollföraren väljs bland de närvarande. Kryssa i protokollföraren som närvarande eller välj en annan."));
            if (draft.Justifiers.Any(j => !attendees.Contains(j)))
                errors.Add(new(nameof(MinutesDraft.Justifiers), "Justerarna väljs bland de närvarande."));
            if (draft.OtherBusiness is { Length: > Meeting.MaxOtherBusiness })
                errors.Add(new(nameof(MinutesDraft.OtherBusiness), $"Högst {Meeting.MaxOtherBusiness} tecken."));
            foreach (var hit in PersonalDataGuard.Scan(draft.OtherBusiness))
                errors.Add(new(nameof(MinutesDraft.OtherBusiness), hit.Message));
            if (errors.Count > 0) return CommandResult.Refused("Protokollet är inte sparat. Rätta det som är markerat.", [.. errors]);

            refusal = meeting.WriteMinutes(attendees, draft.Chair, draft.Secretary, draft.Justifiers.Distinct().ToList(), draft.OtherBusiness, now);
            if (refusal is not null) return CommandResult.Refused(refusal);
            await db.SaveChangesAsync(ct);
            return CommandResult.Done("Utkastet till protokollet sparades.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Fixes the content and mails every justerare "Protokollet väntar på din justering" with the link.</summary>
    public async Task<CommandResult> SubmitAsync(int meetingId, bool confirmed, string publicUrl, CancellationToken ct = default)
    {
        if (!confirmed)
            return CommandResult.Refused(null, new FieldError("Confirm", "Kryssa i rutan för att bekräfta att protokollet skickas för justering."));
        using var _ = await gate.EnterAsync(ct);
        try
        {
            var meeting = await LoadAsync(meetingId, ct);
            if (meeting is null) return CommandResult.NotFound;
            var now = clock.GetUtcNow();
            if (meeting.SubmitMinutes(now) is { } refusal) return CommandResult.Refused(refusal);

            var forbund = await db.Forbund.Where(f => f.Id == meeting.ForbundId).Select(f => f.Name).SingleAsync(ct);
            var ids = meeting.Justifiers.Select(j => j.UserId).ToList();
            var url = $"{publicUrl.TrimEnd('/')}/moten/{meeting.Id}/protokoll";
            foreach (var to in await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(ct))
                db.Outbox.Add(new JustificationRequestMail(to.Email ?? "", forbund, meeting.StartsAt, url)
                    .ToOutbox(now, to.Id, meeting.ForbundId, digestible: false));
            await db.SaveChangesAsync(ct);
            return CommandResult.Done("Protokollet skickades för justering. Justerarna har fått e-post om det.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// One justerare confirms the minutes as themselves. The last confirmation fixes the § numbers and keeps the
    /// final PDF, in the same commit.
    /// </summary>
    public async Task<CommandResult> JustifyAsync(int meetingId, string userId, bool confirmed, CancellationToken ct = default)
    {
        if (!confirmed)
            return CommandResult.Refused(null, new FieldError("Confirm", "Kryssa i rutan för att bekräfta att du har läst protokollet och justerar det."));
        using var _ = await gate.EnterAsync(ct);
        try
        {
            var meeting = await LoadAsync(meetingId, ct);
            if (meeting is null) return CommandResult.NotFound;
            var first = meeting.FirstParagraph ?? await MinutesContent.FirstParagraphAsync(db, meeting, ct);
            var sources = await MinutesContent.SourcesAsync(db, meeting, ct);
            var refusal = meeting.Justify(userId, first, m => MinutesPdf.Render(MinutesContent.Compose(m, sources, first)), clock.GetUtcNow());
            if (refusal is not null) return CommandResult.Refused(refusal);
            await db.SaveChangesAsync(ct);
            return CommandResult.Done(meeting.MinutesLocked
                ? "Du har justerat protokollet. Alla justerare har justerat: protokollet är låst och den slutliga PDF:en finns att ladda ner."
                : "Du har justerat protokollet. Det låses när alla justerare har justerat.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private Task<Meeting?> LoadAsync(int meetingId, CancellationToken ct) =>
        db.Meetings.AsTracking().Include(m => m.Items).Include(m => m.Participants).Include(m => m.Justifiers)
            .AsSplitQuery().SingleOrDefaultAsync(m => m.Id == meetingId, ct);
}
