using LexHeller.Core.Cases;
using LexHeller.Core.Time;

namespace LexHeller.Bench.Generate;

internal sealed record EventRow(DateTimeOffset At, string ActorUserId, string ActorRole, string Action, CaseState From, CaseState To, string? Comment);

internal sealed record PartyRow(int? OrganisationId, string? OtherActorName);

internal sealed record QuestionRow(string AskedBy, DateTimeOffset AskedAt, string Question, string? Answer, DateTimeOffset? AnsweredAt);

internal sealed class ReferralRow(int organisationId, DateTimeOffset referredAt, DateOnly due)
{
    public int OrganisationId { get; } = organisationId;
    public DateTimeOffset ReferredAt { get; } = referredAt;
    public DateOnly DueDate { get; } = due;
    public ReferralStatus Status { get; set; } = ReferralStatus.Pending;
    public string? Response { get; set; }
    public string? ResponderUserId { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
}

/// <summary>One generated case and everything that hangs on it; reused from case to case.</summary>
internal sealed class CaseRecord
{
    public int Id;
    public int ForbundId;
    public CaseKind Kind;
    public CaseState State;
    public string ReporterUserId = "";
    public int ReporterOrganisationId;
    public Guid FormKey;
    public string? Reference;
    public int? ReferenceYear;
    public int? ReferenceSequence;
    public DateOnly EventDate;
    public int CategoryId;
    public string WhatHappened = "";
    public string Consequences = "";
    public string? Suggestion;
    public Gender Gender;
    public AgeBand AgeBand;
    public bool SolvedLocally;
    public int? HandoverFrom;
    public int? HandoverTo;
    public DateOnly? HandoverSentDate;
    public bool? HandoverReceived;
    public int? DaysWaited;
    public DateTimeOffset CreatedAt;
    public DateTimeOffset UpdatedAt;
    public DateTimeOffset? SubmittedAt;
    public string? HandlerUserId;
    public string? RejectionReason;
    public string? RejectionWhereToTurn;
    public CaseOutcome? Outcome;
    public string? Summary;
    public string? Answer;
    public DateTimeOffset? ConcludedAt;
    public bool IsPublished;
    public DateTimeOffset? PublishedAt;
    public readonly List<EventRow> Events = [];
    public readonly List<PartyRow> Parties = [];
    public readonly List<RuleConflictContent> RuleConflicts = [];
    public readonly List<QuestionRow> Questions = [];
    public readonly List<ReferralRow> Referrals = [];
}

/// <summary>
/// Sends each case down the workflow's route with plausible delays, stopping where the present cuts it off.
/// Proportions: 2 % abandoned drafts; of the rest 5 % withdrawn, 9 % rejected, the others go to the BUG, where
/// 35 % are referred to one to three parties (nine answers in ten arrive) before the case is concluded.
/// Every fifth case gets a question to the reporter, one in twenty is postponed once.
/// </summary>
internal sealed class CaseSimulation(IReadOnlyList<ForbundPeople> forbund, Random random, DateTimeOffset now, int years, int total)
{
    private const string Reporter = nameof(CaseActor.Reporter);
    private const string Kansli = nameof(CaseActor.Kansli);
    private const string BugMember = nameof(CaseActor.BugMember);
    private const string SystemRole = nameof(CaseActor.System);

    private static readonly CaseOutcome[] Outcomes = Enum.GetValues<CaseOutcome>();
    private static readonly double[] OutcomeWeights = [0.25, 0.35, 0.2, 0.05, 0.15];
    private static readonly Gender[] Genders = Enum.GetValues<Gender>();
    private static readonly double[] GenderWeights = [0.5, 0.38, 0.02, 0.1];
    private static readonly AgeBand[] AgeBands = Enum.GetValues<AgeBand>();
    private static readonly double[] AgeWeights = [0.06, 0.24, 0.22, 0.2, 0.16, 0.07, 0.05];
    // Categories in the order of Category.Defaults, as often as kanslis see them.
    private static readonly double[] CategoryWeights = [0.14, 0.12, 0.16, 0.14, 0.12, 0.08, 0.09, 0.05, 0.04, 0.06];

    private readonly Texts _texts = new(random);
    private readonly Dictionary<(int Forbund, int Year), int> _sequences = [];
    private readonly DateTimeOffset _start = now.AddYears(-years);

    public IEnumerable<(int ForbundId, int Year, int Last)> ReferenceCounters() =>
        _sequences.Select(kv => (kv.Key.Forbund, kv.Key.Year, kv.Value));

    /// <summary>Overwrites <paramref name="c"/> with case number <paramref name="id"/>.</summary>
    public void Fill(CaseRecord c, int id)
    {
        var f = forbund[random.NextDouble() < 0.55 ? 0 : Math.Min(1, forbund.Count - 1)];
        c.Events.Clear();
        c.Parties.Clear();
        c.RuleConflicts.Clear();
        c.Questions.Clear();
        c.Referrals.Clear();

        c.Id = id;
        c.ForbundId = f.Info.Id;
        c.Kind = random.NextDouble() < 0.85 ? CaseKind.Avvikelse : CaseKind.Overlamning;
        c.State = CaseState.Utkast;
        var (reporter, reporterOrg) = f.Reporters[random.Next(f.Reporters.Count)];
        c.ReporterUserId = reporter;
        c.ReporterOrganisationId = reporterOrg;
        c.FormKey = Guid.NewGuid();
        c.Reference = null;
        c.ReferenceYear = null;
        c.ReferenceSequence = null;
        // Cases arrive evenly over the years, in id order; the last ones are still being written.
        var created = _start + (now - _start) * ((id - 1 + random.NextDouble()) / total);
        c.CreatedAt = c.UpdatedAt = created;
        c.EventDate = Stockholm.Today(created).AddDays(-random.Next(0, 30));
        c.CategoryId = f.Info.CategoryIds[Pick(CategoryWeights, f.Info.CategoryIds.Count)];
        c.WhatHappened = _texts.WhatHappened[random.Next(_texts.WhatHappened.Length)];
        c.Consequences = _texts.Consequences[random.Next(_texts.Consequences.Length)];
        var suggestion = _texts.Suggestions[random.Next(_texts.Suggestions.Length)];
        c.Suggestion = suggestion.Length == 0 ? null : suggestion;
        c.Gender = Genders[Pick(GenderWeights, Genders.Length)];
        c.AgeBand = AgeBands[Pick(AgeWeights, AgeBands.Length)];
        c.SolvedLocally = random.NextDouble() < 0.3;
        var partners = f.Info.PartnerIds;
        if (c.Kind == CaseKind.Overlamning)
        {
            c.HandoverFrom = partners[random.Next(partners.Count)];
            c.HandoverTo = partners[(IndexOf(partners, c.HandoverFrom.Value) + 1 + random.Next(partners.Count - 1)) % partners.Count];
            c.HandoverSentDate = c.EventDate;
            c.HandoverReceived = random.NextDouble() < 0.4;
            c.DaysWaited = random.Next(3, 120);
        }
        else
        {
            c.HandoverFrom = c.HandoverTo = null;
            c.HandoverSentDate = null;
            c.HandoverReceived = null;
            c.DaysWaited = null;
        }
        AddParties(c, f);
        if (c.Kind == CaseKind.Avvikelse && random.NextDouble() < 0.25) AddRuleConflicts(c, f);

        c.SubmittedAt = null;
        c.HandlerUserId = null;
        c.RejectionReason = c.RejectionWhereToTurn = null;
        c.Outcome = null;
        c.Summary = c.Answer = null;
        c.ConcludedAt = null;
        c.IsPublished = false;
        c.PublishedAt = null;
        Travel(c, f);
    }

    private void AddParties(CaseRecord c, ForbundPeople f)
    {
        var partners = f.Info.PartnerIds;
        var count = 1 + Pick([0.5, 0.35, 0.15], 3);
        var first = random.Next(partners.Count);
        for (var i = 0; i < count; i++) c.Parties.Add(new PartyRow(partners[(first + i * 3) % partners.Count], null));
        var other = random.NextDouble();
        if (other < 0.08) c.Parties.Add(new PartyRow(f.OtherActorIds[random.Next(f.OtherActorIds.Count)], null));
        else if (other < 0.1) c.Parties.Add(new PartyRow(null, "Privat vårdgivare"));
    }

    private void AddRuleConflicts(CaseRecord c, ForbundPeople f)
    {
        var count = random.NextDouble() < 0.2 ? 2 : 1;
        for (var i = 0; i < count; i++)
        {
            var a = c.Parties[random.Next(c.Parties.Count)].OrganisationId ?? f.Info.PartnerIds[0];
            var b = f.Info.PartnerIds[random.Next(f.Info.PartnerIds.Count)];
            if (b == a) b = f.Info.PartnerIds[(IndexOf(f.Info.PartnerIds, a) + 1) % f.Info.PartnerIds.Count];
            var ruleA = Texts.Rules[random.Next(Texts.Rules.Length)];
            var ruleB = Texts.Rules[random.Next(Texts.Rules.Length)];
            c.RuleConflicts.Add(new RuleConflictContent(new PartyRef(a, null), Texts.Requirements[random.Next(Texts.Requirements.Length)], ruleA.Length == 0 ? null : ruleA,
                new PartyRef(b, null), Texts.Requirements[random.Next(Texts.Requirements.Length)], ruleB.Length == 0 ? null : ruleB));
        }
    }

    /// <summary>Moves the case along its route; each step happens only if its time has come.</summary>
    private void Travel(CaseRecord c, ForbundPeople f)
    {
        var t = c.CreatedAt;
        bool Step(double minDays, double maxDays, CaseTrigger trigger, CaseState to, string user, string role, string? comment = null)
        {
            var at = t + TimeSpan.FromDays(minDays + random.NextDouble() * (maxDays - minDays));
            if (at > now) return false;
            c.Events.Add(new EventRow(at, user, role, trigger.ToString(), c.State, to, comment));
            c.State = to;
            t = at;
            c.UpdatedAt = at;
            return true;
        }

        if (random.NextDouble() < 0.02) return;
        if (!Step(0.01, 2, CaseTrigger.Submit, CaseState.Inkommen, c.ReporterUserId, Reporter)) return;
        c.SubmittedAt = t;
        var year = Stockholm.ToLocal(t).Year;
        var key = (c.ForbundId, year);
        var sequence = _sequences.GetValueOrDefault(key) + 1;
        _sequences[key] = sequence;
        c.ReferenceYear = year;
        c.ReferenceSequence = sequence;
        c.Reference = Case.FormatReference(f.Info.Code, year, sequence);

        var fate = random.NextDouble();
        if (fate < 0.05)
        {
            Step(1, 10, CaseTrigger.Withdraw, CaseState.Aterkallad, c.ReporterUserId, Reporter);
            return;
        }
        var kansli = f.Kansli[random.Next(f.Kansli.Count)];
        if (!Step(0.1, 5, CaseTrigger.Take, CaseState.UnderGranskning, kansli, Kansli)) return;
        c.HandlerUserId = kansli;

        if (random.NextDouble() < 0.2)
        {
            var q = random.Next(Texts.Questions.Length);
            if (!Step(0, 3, CaseTrigger.AskReporter, CaseState.KompletteringBegard, kansli, Kansli, Texts.Questions[q])) return;
            var askedAt = t;
            if (random.NextDouble() < 0.85)
            {
                if (!Step(1, 7, CaseTrigger.ReporterAnswers, CaseState.UnderGranskning, c.ReporterUserId, Reporter))
                {
                    c.Questions.Add(new QuestionRow(kansli, askedAt, Texts.Questions[q], null, null));
                    return;
                }
                c.Questions.Add(new QuestionRow(kansli, askedAt, Texts.Questions[q], Texts.QuestionAnswers[q], t));
            }
            else
            {
                c.Questions.Add(new QuestionRow(kansli, askedAt, Texts.Questions[q], null, null));
                if (!Step(10, 20, CaseTrigger.ResumeScreening, CaseState.UnderGranskning, kansli, Kansli)) return;
            }
        }

        if (fate < 0.14)
        {
            var r = random.Next(Texts.RejectionReasons.Length);
            if (!Step(1, 5, CaseTrigger.Reject, CaseState.Avvisad, kansli, Kansli, Texts.RejectionReasons[r])) return;
            c.RejectionReason = Texts.RejectionReasons[r];
            c.RejectionWhereToTurn = Texts.WhereToTurn[r];
            return;
        }
        if (!Step(2, 10, CaseTrigger.MarkReady, CaseState.RedoForBug, kansli, Kansli)) return;
        var bySystem = random.NextDouble() < 0.6;
        if (!Step(7, 35, CaseTrigger.StartReview, CaseState.BehandlasIBug, bySystem ? "system" : kansli, bySystem ? SystemRole : Kansli)) return;
        if (random.NextDouble() < 0.05)
        {
            if (!Step(0, 0.2, CaseTrigger.Postpone, CaseState.RedoForBug, kansli, Kansli, "Tas upp på nästa möte.")) return;
            if (!Step(20, 40, CaseTrigger.StartReview, CaseState.BehandlasIBug, "system", SystemRole)) return;
        }

        if (random.NextDouble() < 0.35)
        {
            if (!Step(0, 1, CaseTrigger.Refer, CaseState.RemitteradTillPart, kansli, Kansli)) return;
            var referredAt = t;
            var due = Stockholm.Today(referredAt).AddDays(random.Next(21, 36));
            var count = 1 + Pick([0.5, 0.35, 0.15], 3);
            foreach (var org in c.Parties.Where(p => p.OrganisationId is not null && f.Info.PartnerIds.Contains(p.OrganisationId.Value))
                         .Select(p => p.OrganisationId!.Value).Distinct().Take(count))
                c.Referrals.Add(new ReferralRow(org, referredAt, due));
            if (c.Referrals.Count == 0) c.Referrals.Add(new ReferralRow(f.Info.PartnerIds[0], referredAt, due));

            // Answers in the order they arrive; one party in ten never answers and the kansli closes the referral.
            var answers = c.Referrals.Select(r => (Referral: r, Days: random.NextDouble() < 0.9 ? 3 + random.NextDouble() * 30 : double.NaN))
                .Where(a => !double.IsNaN(a.Days)).OrderBy(a => a.Days).ToList();
            var answered = 0;
            foreach (var (referral, days) in answers)
            {
                var at = referredAt + TimeSpan.FromDays(days);
                if (at > now) return;
                var member = f.BugMembers.FirstOrDefault(b => b.OrganisationId == referral.OrganisationId).UserId ?? f.BugMembers[0].UserId;
                referral.Status = ReferralStatus.Answered;
                referral.Response = Texts.Responses[random.Next(Texts.Responses.Length)];
                referral.ResponderUserId = member;
                referral.AnsweredAt = at;
                answered++;
                var last = answered == c.Referrals.Count;
                c.Events.Add(new EventRow(at, member, BugMember, nameof(CaseTrigger.PartyAnswers), c.State, last ? CaseState.Besvarad : CaseState.RemitteradTillPart, null));
                c.State = last ? CaseState.Besvarad : CaseState.RemitteradTillPart;
                t = c.UpdatedAt = at;
            }
            if (c.State == CaseState.RemitteradTillPart)
            {
                var close = Stockholm.ToUtc(due.AddDays(7), new TimeOnly(10, 0));
                if (close > now) return;
                t = close - TimeSpan.FromMinutes(1) > t ? close - TimeSpan.FromMinutes(1) : t;
                if (!Step(0, 0.01, CaseTrigger.CloseReferral, CaseState.Besvarad, kansli, Kansli, "Svar har inte kommit in.")) return;
                foreach (var r in c.Referrals.Where(r => r.Status == ReferralStatus.Pending)) r.Status = ReferralStatus.ClosedUnanswered;
            }
            if (!Step(7, 40, CaseTrigger.Conclude, CaseState.Avslutad, kansli, Kansli)) return;
        }
        else if (!Step(0, 0.2, CaseTrigger.Conclude, CaseState.Avslutad, kansli, Kansli)) return;

        c.Outcome = Outcomes[Pick(OutcomeWeights, Outcomes.Length)];
        c.Summary = _texts.Summaries[random.Next(_texts.Summaries.Length)];
        c.Answer = _texts.Answers[random.Next(_texts.Answers.Length)];
        c.ConcludedAt = t;
        c.IsPublished = random.NextDouble() < 0.7;
        c.PublishedAt = c.IsPublished ? t : null;
    }

    private static int IndexOf(IReadOnlyList<int> list, int value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }

    private int Pick(double[] weights, int count)
    {
        var r = random.NextDouble();
        for (var i = 0; i < count - 1 && i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0) return i;
        }
        return count - 1;
    }
}
