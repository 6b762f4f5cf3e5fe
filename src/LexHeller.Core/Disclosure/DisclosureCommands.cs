using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Disclosure;

/// <summary>What the kansli writes when it registers a request; every part but the date and what is asked for may be left out.</summary>
public sealed record DisclosureRegistration(DateOnly? ReceivedOn, string? Subject, string? RequesterName, string? RequesterContact);

/// <summary>A passage to mask: the case and text it was marked in, and the provision chosen (or "annan" and its citation).</summary>
public sealed record DisclosureMarking(int CaseId, string? Field, string? Passage, string? Provision, string? OtherProvision, string? Reason);

/// <summary>
/// Every change to a request for public documents, one method per user action. The page has checked that the user may
/// work on the förbund; each method loads the request of that förbund, checks, changes and saves once. Field errors
/// name the property of the input they belong to. A decided request cannot change.
/// </summary>
public sealed class DisclosureCommands(LexHellerDb db, TimeProvider clock, WriteGate gate)
{
    public const string Decided = "Begäran är redan beslutad och kan inte ändras.";

    public async Task<(CommandResult Result, int? Id)> RegisterAsync(string userId, int forbundId, DisclosureRegistration input, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        if (input.ReceivedOn is not { } received)
            errors.Add(new("ReceivedOn", "Skriv vilket datum begäran kom in."));
        else if (received > Stockholm.Today(now))
            errors.Add(new("ReceivedOn", "Datumet då begäran kom in kan inte ligga i framtiden."));
        var subject = Clean(input.Subject);
        if (subject is null) errors.Add(new("Subject", "Skriv vad som begärs ut."));
        else if (subject.Length > DisclosureRequest.SubjectMax) errors.Add(new("Subject", $"Skriv högst {DisclosureRequest.SubjectMax} tecken."));
        var name = Clean(input.RequesterName);
        if (name?.Length > DisclosureRequest.RequesterMax) errors.Add(new("RequesterName", $"Skriv högst {DisclosureRequest.RequesterMax} tecken."));
        var contact = Clean(input.RequesterContact);
        if (contact?.Length > DisclosureRequest.RequesterMax) errors.Add(new("RequesterContact", $"Skriv högst {DisclosureRequest.RequesterMax} tecken."));
        if (errors.Count > 0) return (CommandResult.Refused(null, [.. errors]), null);

        using var _ = await gate.EnterAsync(ct);
        // The audit line names the request's number, known only after its insert: both in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = new DisclosureRequest(forbundId, input.ReceivedOn!.Value, subject!, name, contact, userId, now);
        db.DisclosureRequests.Add(request);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(new AuditEntry(now, userId, forbundId, AuditActions.DisclosureRegistered, Subject(request), null,
            name is null ? "Anonym sökande" : null));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (CommandResult.Done($"Begäran {request.Id} registrerades."), request.Id);
    }

    public Task<CommandResult> AddCaseAsync(int forbundId, int requestId, string? reference, CancellationToken ct = default) =>
        ChangeAsync(forbundId, requestId, async r =>
        {
            var wanted = Clean(reference);
            if (wanted is null) return CommandResult.Refused(null, new FieldError("Reference", "Skriv ärendets referens."));
            var found = await db.Cases.AsNoTracking().Where(c => c.Reference == wanted && c.State != CaseState.Utkast)
                .Select(c => new { c.Id, c.ForbundId, c.Reference }).FirstOrDefaultAsync(ct);
            if (found is null)
                return CommandResult.Refused(null, new FieldError("Reference", $"Det finns inget ärende med referensen {wanted}."));
            if (found.ForbundId != forbundId)
                return CommandResult.Refused(null, new FieldError("Reference", $"Ärende {wanted} hör till ett annat förbund. Begäran kan bara gälla förbundets egna ärenden."));
            if (r.Cases.Any(c => c.CaseId == found.Id))
                return CommandResult.Refused(null, new FieldError("Reference", $"Ärende {wanted} ingår redan i begäran."));
            r.AddCase(found.Id, found.Reference!);
            return CommandResult.Done($"Ärende {found.Reference} lades till i begäran.");
        }, ct);

    public Task<CommandResult> RemoveCaseAsync(int forbundId, int requestId, int caseId, CancellationToken ct = default) =>
        ChangeAsync(forbundId, requestId, r =>
        {
            var picked = r.Cases.FirstOrDefault(c => c.CaseId == caseId);
            if (picked is null) return Task.FromResult(CommandResult.NotFound);
            r.RemoveCase(caseId);
            return Task.FromResult(CommandResult.Done($"Ärende {picked.Reference} togs bort ur begäran, med dess maskeringar."));
        }, ct);

    public Task<CommandResult> AddMaskAsync(int forbundId, int requestId, DisclosureMarking m, CancellationToken ct = default) =>
        ChangeAsync(forbundId, requestId, async r =>
        {
            if (r.Cases.All(c => c.CaseId != m.CaseId)) return CommandResult.NotFound;
            var view = (await DisclosureText.LoadAsync(db, forbundId, [m.CaseId], [], clock.GetUtcNow(), ct)).SingleOrDefault();
            if (view is null) return CommandResult.NotFound;
            var errors = new List<FieldError>();
            var field = view.Fields.FirstOrDefault(f => f.Key == m.Field);
            if (field is null) errors.Add(new("Field", "Välj vilken text i ärendet stycket står i."));
            // The passage is kept exactly as marked: trimming could leave a fragment of a name behind.
            var passage = string.IsNullOrWhiteSpace(m.Passage) ? null : m.Passage;
            if (passage is null) errors.Add(new("Passage", "Skriv eller markera texten som ska maskeras."));
            else if (passage.Length > DisclosureRequest.PassageMax) errors.Add(new("Passage", $"Skriv högst {DisclosureRequest.PassageMax} tecken."));
            else if (field is not null && CaseRedaction.Find(field.Text, passage).Count == 0)
                errors.Add(new("Passage", $"Texten finns inte i ”{field.Label}” i ärende {view.Reference}. Kopiera den exakt som den står."));
            string? provision = null;
            if (m.Provision == DisclosureText.OtherProvision)
            {
                provision = Clean(m.OtherProvision);
                if (provision is null) errors.Add(new("OtherProvision", "Skriv vilken bestämmelse i OSL som gäller."));
                else if (provision.Length > DisclosureRequest.ProvisionMax) errors.Add(new("OtherProvision", $"Skriv högst {DisclosureRequest.ProvisionMax} tecken."));
            }
            else if (DisclosureText.Provisions.FirstOrDefault(p => p.Citation == m.Provision) is { } known) provision = known.Citation;
            else errors.Add(new("Provision", "Välj vilken bestämmelse i OSL sekretessen gäller enligt."));
            var reason = Clean(m.Reason);
            if (reason?.Length > DisclosureRequest.ReasonMax) errors.Add(new("Reason", $"Skriv högst {DisclosureRequest.ReasonMax} tecken."));
            if (errors.Count > 0) return CommandResult.Refused(null, [.. errors]);

            r.AddMask(m.CaseId, field!.Key, passage!, provision!, reason);
            return CommandResult.Done($"Stycket i ”{field.Label}” i ärende {view.Reference} maskeras enligt {provision}.");
        }, ct);

    public Task<CommandResult> RemoveMaskAsync(int forbundId, int requestId, int maskId, CancellationToken ct = default) =>
        ChangeAsync(forbundId, requestId, r =>
        {
            if (r.Masks.All(x => x.Id != maskId)) return Task.FromResult(CommandResult.NotFound);
            r.RemoveMask(maskId);
            return Task.FromResult(CommandResult.Done("Maskeringen togs bort."));
        }, ct);

    /// <summary>
    /// Decides the request: renders the released copy and the letter from the masks as they stand, keeps both files
    /// with the request, audits and commits at once. The copy's text layer cannot hold a masked passage: the writer is
    /// only ever given the masked content.
    /// </summary>
    public Task<CommandResult> DecideAsync(string userId, int forbundId, int requestId, CancellationToken ct = default) =>
        ChangeAsync(forbundId, requestId, async r =>
        {
            if (r.Cases.Count == 0) return CommandResult.Refused("Lägg till minst ett ärende innan du beslutar.");
            var now = clock.GetUtcNow();
            var today = Stockholm.Today(now);
            var views = await DisclosureText.LoadAsync(db, forbundId, r.Cases.Select(c => c.CaseId).ToList(), r.Masks, now, ct);
            if (views.Count != r.Cases.Count) return CommandResult.Refused("Ett av ärendena finns inte längre. Ta bort det ur begäran och försök igen.");
            var forbund = await db.Forbund.Where(f => f.Id == forbundId).Select(f => f.Name).SingleAsync(ct);
            var letter = new DisclosureLetter(forbund, r.Id, r.ReceivedOn, today, r.Subject, r.RequesterName, r.RequesterContact,
                views.Select(v => new DisclosureLetter.Released(v.Reference,
                    r.Masks.Where(m => m.CaseId == v.CaseId).OrderBy(m => m.Id)
                        .Select(m => new DisclosureLetter.Withheld(v.Fields.FirstOrDefault(f => f.Key == m.Field)?.Label ?? m.Field, m.Provision, m.Reason))
                        .ToList())).ToList());
            r.Decide(userId, now, today, DisclosurePdf.Copy(forbund, r.Id, today, views.Select(v => v.Released).ToList()), DisclosurePdf.Letter(letter));
            db.AuditEntries.Add(new AuditEntry(now, userId, forbundId, AuditActions.DisclosureDecided, Subject(r), null,
                $"{Swedish.Count(r.Cases.Count, "ärende", "ärenden")} ({string.Join(", ", r.Cases.Select(c => c.Reference))}), "
                + $"{Swedish.Count(r.Masks.Count, "maskering", "maskeringar")}"
                + (r.Masks.Count == 0 ? "" : $" enligt {string.Join(", ", r.Masks.Select(m => m.Provision).Distinct())}")));
            return CommandResult.Done($"Begäran {r.Id} är beslutad. Kopian och beslutet finns att ladda ner nedan.");
        }, ct);

    private async Task<CommandResult> ChangeAsync(int forbundId, int requestId, Func<DisclosureRequest, Task<CommandResult>> change, CancellationToken ct)
    {
        using var _ = await gate.EnterAsync(ct);
        var request = await db.DisclosureRequests.AsTracking().FirstOrDefaultAsync(r => r.Id == requestId && r.ForbundId == forbundId, ct);
        if (request is null) return CommandResult.NotFound;
        if (request.IsDecided) return CommandResult.Refused(Decided);
        var result = await change(request);
        if (result.Status == CommandStatus.Done) await db.SaveChangesAsync(ct);
        else db.ChangeTracker.Clear();
        return result;
    }

    private static string Subject(DisclosureRequest r) => $"Begäran om allmän handling {r.Id}";

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
