using LexHeller.Core.Organisations;
using LexHeller.Core.PersonalData;

namespace LexHeller.Core.Cases;

/// <summary>One Catch-22 as the form holds it: any part may still be empty.</summary>
public sealed record RuleConflictForm(int? PartyA, string? RequirementA, string? RuleA, int? PartyB, string? RequirementB, string? RuleB)
{
    public bool IsEmpty => PartyA is null && PartyB is null && string.IsNullOrWhiteSpace(RequirementA)
        && string.IsNullOrWhiteSpace(RequirementB) && string.IsNullOrWhiteSpace(RuleA) && string.IsNullOrWhiteSpace(RuleB);
}

/// <summary>The reporter's filing form as sent; its property names are the field names errors are keyed by.</summary>
public sealed record FilingForm(
    DateOnly? EventDate,
    IReadOnlyList<int> PartyIds,
    string? OtherActor,
    int? CategoryId,
    string? WhatHappened,
    string? Consequences,
    string? Suggestion,
    Gender? Gender,
    AgeBand? AgeBand,
    bool? SolvedLocally,
    int? HandoverFrom,
    int? HandoverTo,
    DateOnly? HandoverSentDate,
    bool? HandoverReceived,
    int? DaysWaited,
    IReadOnlyList<RuleConflictForm> RuleConflicts,
    IReadOnlyList<NameCheck>? NamesConfirmed = null)
{
    /// <summary>A draft as its form shows it again.</summary>
    public static FilingForm Of(Case c) => new(
        c.EventDate,
        c.Parties.Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).ToList(),
        c.Parties.FirstOrDefault(p => p.OrganisationId is null)?.OtherActorName,
        c.CategoryId, c.WhatHappened, c.Consequences, c.Suggestion, c.Gender, c.AgeBand, c.SolvedLocally,
        c.HandoverFromOrganisationId, c.HandoverToOrganisationId, c.HandoverSentDate, c.HandoverReceived, c.DaysWaited,
        c.RuleConflicts.OrderBy(r => r.Position)
            .Select(r => new RuleConflictForm(r.PartyAOrganisationId, r.RequirementA, r.RuleA, r.PartyBOrganisationId, r.RequirementB, r.RuleB))
            .ToList());
}

/// <summary>What a förbund's filing form offers, and so what a filing may name.</summary>
public sealed record FilingChoices(IReadOnlyList<NamedId> Partners, IReadOnlyList<NamedId> OtherActors, IReadOnlyList<NamedId> Categories)
{
    public static readonly FilingChoices None = new([], [], []);

    public IEnumerable<NamedId> AllParties => Partners.Concat(OtherActors);

    /// <summary>From the in-memory register: no statement per request once it is loaded.</summary>
    public static async Task<FilingChoices> LoadAsync(ReferenceCache register, int forbundId, CancellationToken ct = default)
    {
        var forbund = await register.ForbundAsync(forbundId, ct);
        return new(forbund?.Partners ?? [], await register.OtherActorsAsync(ct), forbund?.Categories ?? []);
    }
}

/// <summary>
/// The content the form describes, or every problem with it, each keyed by its field; and the fields whose only
/// hits are possible names, for which the form offers the reporter to confirm that they name no person.
/// </summary>
public sealed record FilingCheck(CaseContent? Content, IReadOnlyList<FieldError> Errors, IReadOnlyList<NameCheck>? Confirmable = null)
{
    public IReadOnlyList<NameCheck> NameChecks => Confirmable ?? [];
}

/// <summary>
/// The filing form's rules: what it may name, what a submitted report must hold, and the personal-data guard, which
/// decides for drafts too, so nothing identifying is ever stored.
/// </summary>
public static class CaseFiling
{
    /// <summary>Fields only a handover's form has; a deviation's filing ignores whatever was sent in them.</summary>
    public static bool IsHandoverField(string field) =>
        field.StartsWith("Handover", StringComparison.Ordinal) || field == nameof(FilingForm.DaysWaited);

    public static FilingCheck Check(FilingForm form, CaseKind kind, bool submit, FilingChoices choices, DateOnly today)
    {
        var errors = new List<FieldError>();
        void Error(string field, string message) => errors.Add(new(field, message));
        var allowedParties = choices.AllParties.Select(o => o.Id).ToHashSet();

        if (form.EventDate is { } date && date > today) Error("EventDate", "Datumet kan inte ligga i framtiden.");
        if (form.PartyIds.Any(id => !allowedParties.Contains(id)))
            Error("PartyIds", "Välj bland förbundets parter och de andra aktörerna i listan.");
        if (form.CategoryId is { } cat && choices.Categories.All(c => c.Id != cat)) Error("CategoryId", "Välj en kategori ur listan.");
        if (kind == CaseKind.Overlamning)
        {
            if (form.HandoverFrom is { } f && !allowedParties.Contains(f)) Error("HandoverFrom", "Välj en part ur listan.");
            if (form.HandoverTo is { } t && !allowedParties.Contains(t)) Error("HandoverTo", "Välj en part ur listan.");
            if (form.HandoverSentDate is { } sent && sent > today) Error("HandoverSentDate", "Datumet kan inte ligga i framtiden.");
        }

        var conflicts = new List<RuleConflictContent>();
        for (var i = 0; i < form.RuleConflicts.Count && i < CaseContent.MaxRuleConflicts; i++)
        {
            var r = form.RuleConflicts[i];
            if (r.IsEmpty) continue;
            var prefix = $"RuleConflicts[{i}].";
            if (r.PartyA is null || !allowedParties.Contains(r.PartyA.Value)) Error(prefix + "PartyA", "Välj part A.");
            if (r.PartyB is null || !allowedParties.Contains(r.PartyB.Value)) Error(prefix + "PartyB", "Välj part B.");
            if (r.PartyA is not null && r.PartyA == r.PartyB) Error(prefix + "PartyB", "Part B ska vara en annan part än part A.");
            if (string.IsNullOrWhiteSpace(r.RequirementA)) Error(prefix + "RequirementA", "Beskriv vad part A kräver.");
            if (string.IsNullOrWhiteSpace(r.RequirementB)) Error(prefix + "RequirementB", "Beskriv vad part B kräver.");
            if (r.PartyA is not null && r.PartyB is not null && !string.IsNullOrWhiteSpace(r.RequirementA) && !string.IsNullOrWhiteSpace(r.RequirementB))
                conflicts.Add(new RuleConflictContent(new PartyRef(r.PartyA, null), r.RequirementA!, r.RuleA, new PartyRef(r.PartyB, null), r.RequirementB!, r.RuleB));
        }

        if (submit)
        {
            if (form.EventDate is null) Error("EventDate", "Ange datum för händelsen.");
            if (form.PartyIds.Count == 0 && string.IsNullOrWhiteSpace(form.OtherActor))
                Error("PartyIds", "Välj minst en berörd part, eller skriv en annan aktör.");
            if (form.CategoryId is null) Error("CategoryId", "Välj en kategori.");
            if (string.IsNullOrWhiteSpace(form.WhatHappened)) Error("WhatHappened", "Beskriv vad som hände.");
            if (string.IsNullOrWhiteSpace(form.Consequences)) Error("Consequences", "Beskriv konsekvenserna för individen.");
            if (form.Gender is null) Error("Gender", "Välj ett alternativ (du kan välja ”Vill ej ange”).");
            if (form.AgeBand is null) Error("AgeBand", "Välj en åldersgrupp (du kan välja ”Okänd”).");
            if (form.SolvedLocally is null) Error("SolvedLocally", "Svara på om det löstes lokalt.");
            if (kind == CaseKind.Overlamning)
            {
                if (form.HandoverFrom is null) Error("HandoverFrom", "Välj från vilken part.");
                if (form.HandoverTo is null) Error("HandoverTo", "Välj till vilken part.");
                if (form.HandoverFrom is not null && form.HandoverFrom == form.HandoverTo)
                    Error("HandoverTo", "Mottagaren ska vara en annan part än avsändaren.");
                if (form.HandoverSentDate is null) Error("HandoverSentDate", "Ange när den skickades.");
                if (form.HandoverReceived is null) Error("HandoverReceived", "Svara på om den togs emot.");
            }
        }

        var parties = form.PartyIds.Distinct().Select(id => new PartyRef(id, null)).ToList();
        if (!string.IsNullOrWhiteSpace(form.OtherActor)) parties.Add(new PartyRef(null, form.OtherActor.Trim()));
        var content = new CaseContent(form.EventDate, form.CategoryId, form.WhatHappened, form.Consequences, form.Suggestion,
            form.Gender, form.AgeBand, form.SolvedLocally, parties, conflicts,
            form.HandoverFrom, form.HandoverTo, form.HandoverSentDate, form.HandoverReceived, form.DaysWaited);

        // One message per field listing all it holds. Identity numbers, addresses and phone numbers are refused
        // whatever the reporter ticks; possible names pass when the reporter confirmed exactly those words.
        var ticked = (form.NamesConfirmed ?? []).GroupBy(n => n.Field).ToDictionary(g => g.Key, g => g.Last());
        var confirmable = new List<NameCheck>();
        var confirmed = new List<NameCheck>();
        foreach (var field in content.FreeTexts().GroupBy(t => t.Field))
        {
            var hits = field.SelectMany(t => PersonalDataGuard.ScanIncludingNames(t.Text)).ToList();
            if (hits.Count == 0) continue;
            if (hits.All(h => h.Severity == PersonalDataSeverity.Confirmable))
            {
                var check = NameCheck.Of(field.Key, hits);
                if (check.CoveredBy(ticked.GetValueOrDefault(field.Key)))
                {
                    confirmed.Add(check);
                    continue;
                }
                confirmable.Add(check);
            }
            Error(field.Key, PersonalDataSummary.Describe(hits)!);
        }

        return new(errors.Count == 0 ? content with { NamesConfirmed = confirmed } : null, errors, confirmable);
    }
}
