using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.Notifications;
using LexHeller.Core.Organisations;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Core.Demo;

/// <summary>A demo förbund as the activity needs it: its code and the organisations the texts name.</summary>
public sealed record DemoForbund(int Id, string Code, string Domain, int Fk, int Af, int Kommun, int Region);

/// <summary>What the demo activity made, for the start-up banner.</summary>
public sealed record DemoActivityResult(int Cases, int Meetings, int Compilations);

/// <summary>
/// Plays about fourteen months of a förbund's working life into the demo: reports filed, screened, questioned,
/// rejected and withdrawn, a BUG meeting with its decisions and justerat minutes, referrals answered (one overdue),
/// cases concluded and published, a coming meeting with an open agenda and a finished compilation. Every step goes
/// through the command a user's click would call, on a private clock moved forward from step to step, so the
/// timeline, the audit, the per-state counts and the search index are what real use would have left.
/// </summary>
public sealed class DemoActivity(LexHellerDb db, WriteGate gate, ReferenceCache register, IOptions<PublicUrlOptions> publicUrl, TimeProvider clock)
{
    /// <summary>How far back the activity reaches; the demo users joined then.</summary>
    public const int DaysBack = 420;

    private const int PastMeetingDaysAgo = 70;
    private const int CutoffDays = Meeting.DefaultCutoffDays;

    private enum Act
    {
        Take, Ask, Reply, Resume, Reject, Withdraw, Ready, Review, Refer, Answer0, Answer1, CloseReferral, BackToBug, Conclude, ConcludePublished,
        // The parties that answered approve the text to be published, and the kansli publishes it.
        Approve0, Approve1, Publish,
        // Decisions at the past BUG meeting, registered from its page.
        MeetConclude, MeetConcludePublished, MeetRefer, MeetReferShort, MeetReferLong, MeetPostpone,
    }

    /// <param name="FiledDaysAgo">When the report was filed (or the draft saved).</param>
    /// <param name="Steps">What happened to it later, each on a day counted back from today.</param>
    private sealed record Plan(int FiledDaysAgo, bool Draft, (int DaysAgo, Act Act)[] Steps);

    private static Plan Filed(int daysAgo, params (int, Act)[] steps) => new(daysAgo, false, steps);

    private static Plan Draft(int daysAgo) => new(daysAgo, true, []);

    /// <summary>
    /// One förbund's cases, oldest first: the older ones finished before the past meeting was planned, the middle ones
    /// go through it, the recent ones fill today's work queues. Every state is reached by at least one case.
    /// </summary>
    private static readonly Plan[] Plans =
    [
        Filed(410, (409, Act.Take), (405, Act.Ready), (398, Act.Review), (398, Act.Refer), (390, Act.Answer0), (380, Act.Answer1), (370, Act.ConcludePublished),
            (368, Act.Approve0), (366, Act.Approve1), (366, Act.Publish)),
        Filed(395, (394, Act.Take), (394, Act.Ask), (390, Act.Reply), (388, Act.Ready), (380, Act.Review), (380, Act.ConcludePublished)),
        Filed(380, (378, Act.Take), (377, Act.Reject)),
        Filed(370, (365, Act.Withdraw)),
        Filed(350, (349, Act.Take), (345, Act.Ready), (330, Act.Review), (330, Act.Refer), (320, Act.Answer0), (300, Act.CloseReferral), (295, Act.Conclude)),
        Filed(335, (334, Act.Take), (330, Act.Ready), (320, Act.Review), (320, Act.ConcludePublished)),
        Filed(320, (318, Act.Take), (318, Act.Ask), (300, Act.Resume), (299, Act.Ready), (290, Act.Review), (290, Act.Conclude)),
        Filed(300, (299, Act.Take), (296, Act.Ready), (285, Act.Review), (285, Act.Refer), (276, Act.Answer0), (270, Act.Answer1), (265, Act.BackToBug),
            (250, Act.Review), (250, Act.ConcludePublished), (247, Act.Approve1), (245, Act.Approve0), (245, Act.Publish)),
        Filed(280, (279, Act.Take), (279, Act.Ask), (275, Act.Reply), (274, Act.Reject)),
        Filed(265, (264, Act.Take), (260, Act.Ready), (240, Act.Review), (240, Act.ConcludePublished)),
        Filed(245, (244, Act.Take), (244, Act.Ask), (240, Act.Withdraw)),
        Filed(225, (224, Act.Take), (220, Act.Ready), (210, Act.Review), (210, Act.Refer), (200, Act.Answer0), (195, Act.Answer1), (190, Act.ConcludePublished),
            (188, Act.Approve0), (185, Act.Approve1), (184, Act.Publish)),
        Filed(205, (204, Act.Take), (200, Act.Ready), (190, Act.Review), (190, Act.Conclude)),
        Filed(190, (189, Act.Take), (185, Act.Ready), (175, Act.Review), (175, Act.ConcludePublished)),
        Filed(175, (174, Act.Take), (173, Act.Ask), (170, Act.Reply), (168, Act.Ready), (160, Act.Review), (160, Act.Refer), (150, Act.Answer0),
            (145, Act.Answer1), (135, Act.ConcludePublished), (133, Act.Approve0), (133, Act.Approve1), (132, Act.Publish)),
        Filed(160, (159, Act.Take), (156, Act.Ready), (150, Act.Review), (150, Act.ConcludePublished)),

        // Ready while the past meeting's agenda is open: on it, and decided there.
        Filed(140, (139, Act.Take), (112, Act.Ready), (PastMeetingDaysAgo, Act.MeetConcludePublished)),
        Filed(136, (135, Act.Take), (135, Act.Ask), (130, Act.Reply), (110, Act.Ready), (PastMeetingDaysAgo, Act.MeetConclude)),
        Filed(132, (131, Act.Take), (108, Act.Ready), (PastMeetingDaysAgo, Act.MeetRefer), (60, Act.Answer0), (55, Act.Answer1), (40, Act.ConcludePublished),
            (37, Act.Approve0), (36, Act.Approve1), (36, Act.Publish)),
        // The overdue referral: one party has answered, the other has not, and the due date has passed.
        Filed(128, (127, Act.Take), (105, Act.Ready), (PastMeetingDaysAgo, Act.MeetReferShort), (62, Act.Answer0)),
        Filed(125, (124, Act.Take), (100, Act.Ready), (PastMeetingDaysAgo, Act.MeetRefer), (58, Act.Answer0), (52, Act.Answer1)),
        // A referral due within the week.
        Filed(122, (121, Act.Take), (95, Act.Ready), (PastMeetingDaysAgo, Act.MeetReferLong), (30, Act.Answer0)),
        // Postponed: waits for the coming meeting.
        Filed(120, (119, Act.Take), (92, Act.Ready), (PastMeetingDaysAgo, Act.MeetPostpone)),
        Filed(118, (117, Act.Take), (90, Act.Ready), (PastMeetingDaysAgo, Act.MeetConcludePublished)),

        // After the meeting: today's work.
        // Concluded to be published, approved by one party; the other let the due date pass, so the kansli may
        // publish with a reason.
        Filed(64, (63, Act.Take), (61, Act.Ready), (61, Act.Review), (61, Act.Refer), (50, Act.Answer0), (47, Act.Answer1), (35, Act.ConcludePublished),
            (30, Act.Approve0)),
        Filed(58, (57, Act.Take), (56, Act.Reject)),
        Filed(52, (50, Act.Withdraw)),
        Filed(48, (47, Act.Take), (47, Act.Ask), (44, Act.Reply), (14, Act.Ready), (14, Act.Review), (12, Act.Refer), (5, Act.Answer0)),
        Filed(44, (43, Act.Take), (38, Act.Ready), (25, Act.Review)),
        // A question asked more than two weeks ago and still unanswered.
        Filed(40, (39, Act.Take), (38, Act.Ask)),
        Filed(36, (35, Act.Take), (30, Act.Ready)),
        Filed(33, (32, Act.Take), (31, Act.Ask), (28, Act.Reply), (24, Act.Ready)),
        Filed(30, (29, Act.Take), (29, Act.Ask), (26, Act.Reply), (8, Act.Ask)),
        Filed(26, (25, Act.Take)),
        Filed(22, (20, Act.Take), (15, Act.Ready), (15, Act.Review), (14, Act.ConcludePublished)),
        Filed(18, (16, Act.Take)),
        Filed(12),
        Filed(7),
        Filed(3),
        Draft(9),
        Draft(2),
    ];

    /// <summary>The cases each förbund gets.</summary>
    public static int CasesPerForbund => Plans.Length;

    private sealed record Actors(DemoForbund F, CaseUser Kansli, CaseUser[] Reporters, Dictionary<int, CaseUser> BugFor, string[] Attendees,
        string Chair, string[] Justifiers, IReadOnlyDictionary<string, int> Categories, FilingChoices Choices)
    {
        public int? PastMeeting { get; set; }
    }

    private sealed class Live(Actors actors, Plan plan, DemoScenario scenario, int number)
    {
        public Actors A { get; } = actors;
        public Plan Plan { get; } = plan;
        public DemoScenario S { get; } = scenario;
        public int Number { get; } = number;
        public int Id { get; set; }
        public int Questions { get; set; }
        public List<int> ReferredTo { get; } = [];
    }

    private sealed record Event(DateTimeOffset At, int Order, Func<Task> Run);

    public async Task<DemoActivityResult> SeedAsync(IReadOnlyList<DemoForbund> forbund, CancellationToken ct = default)
    {
        var limit = clock.GetUtcNow();
        var today = Stockholm.Today(limit);
        var seedClock = new SeedClock(limit.AddDays(-DaysBack - 1), limit);
        var agendas = new Agendas(db, seedClock, publicUrl);
        var cases = new CaseCommands(db, seedClock, gate, agendas, publicUrl);
        var meetings = new MeetingCommands(db, seedClock, gate, agendas, publicUrl);
        var agendaCommands = new AgendaCommands(db, seedClock, gate, agendas, publicUrl);
        var minutes = new MinutesCommands(db, seedClock, gate);
        var compilations = new CompilationService(db, seedClock);
        var url = publicUrl.Value.Base;
        var firstOutboxId = await db.Outbox.Select(o => (long?)o.Id).MaxAsync(ct) ?? 0;

        var events = new List<Event>();
        void At(DateTimeOffset at, Func<Task> run) => events.Add(new(at, events.Count, run));
        DateTimeOffset Local(int daysAgo, TimeOnly time) => Stockholm.ToUtc(today.AddDays(-daysAgo), time);

        var pastMeetingStart = Local(PastMeetingDaysAgo, new TimeOnly(13, 0));
        var number = 0;
        foreach (var (f, index) in forbund.Select((f, i) => (f, i)))
        {
            var actors = await ActorsAsync(f, ct);

            // The past meeting: planned well ahead, its agenda closed by the sweep at the cut-off, decisions on the day,
            // minutes written that afternoon and justerade over the next two days.
            At(Local(115, new TimeOnly(8, 0)), async () =>
            {
                var planned = await meetings.PlanAsync(f.Id, pastMeetingStart, DemoTexts.MeetingPlace, null, null, CutoffDays, ct: ct);
                actors.PastMeeting = (planned.Meeting ?? throw Failed("planning the past meeting", planned.Refusal?.Message)).Id;
            });
            At(Local(114, new TimeOnly(9, 0)), async () => Expect(await agendaCommands.AddFreeItemAsync(actors.PastMeeting!.Value, AgendaItemKind.Information,
                DemoTexts.InformationTitle, DemoTexts.InformationText, ct), "adding an information item"));
            At(Meeting.CutoffFor(pastMeetingStart, CutoffDays).AddMinutes(5), async () => await agendas.CloseDueAgendasAsync(url, ct));
            At(pastMeetingStart.AddMinutes(30), async () =>
            {
                var item = await db.AgendaItems.Where(i => i.MeetingId == actors.PastMeeting && i.Kind == AgendaItemKind.Information).Select(i => i.Id).SingleAsync(ct);
                if (await meetings.NoteAsync(actors.PastMeeting!.Value, item, null, ct) is { } refused) throw Failed("noting the information item", refused);
            });
            At(pastMeetingStart.AddHours(5), async () =>
            {
                var draft = new MinutesDraft(actors.Attendees, actors.Chair, actors.Kansli.UserId, actors.Justifiers, DemoTexts.OtherBusiness);
                Expect(await minutes.WriteAsync(actors.PastMeeting!.Value, draft, ct), "writing the minutes");
                Expect(await minutes.SubmitAsync(actors.PastMeeting!.Value, confirmed: true, url, ct), "sending the minutes for justering");
            });
            foreach (var (justifier, day) in actors.Justifiers.Select((j, i) => (j, i + 1)))
                At(Local(PastMeetingDaysAgo - day, new TimeOnly(10, 0)), async () =>
                    Expect(await minutes.JustifyAsync(actors.PastMeeting!.Value, justifier, confirmed: true, ct), "justering"));

            // The coming meeting, planned ten days ago: its agenda is open and has taken the cases waiting for the BUG.
            var comingMeeting = 0;
            At(Local(10, new TimeOnly(9, 0)), async () =>
            {
                var planned = await meetings.PlanAsync(f.Id, Stockholm.ToUtc(today.AddDays(30), new TimeOnly(13, 0)), DemoTexts.MeetingPlace, null, null, CutoffDays, ct: ct);
                comingMeeting = (planned.Meeting ?? throw Failed("planning the coming meeting", planned.Refusal?.Message)).Id;
            });
            At(Local(9, new TimeOnly(9, 0)), async () => Expect(await agendaCommands.AddFreeItemAsync(comingMeeting, AgendaItemKind.Information,
                DemoTexts.InformationTitle, DemoTexts.InformationText, ct), "adding an information item"));

            // The kansli asks for a compilation of the last twelve months, and the job computes it.
            At(Local(5, new TimeOnly(10, 0)), async () =>
            {
                var lastMonth = today.AddDays(-5).AddMonths(-1);
                var to = new DateOnly(lastMonth.Year, lastMonth.Month, 1).AddMonths(1).AddDays(-1);
                var (compilation, errors) = await compilations.RequestAsync(f.Id,
                    new CompilationRequest(CompilationScope.Forbund, to.AddDays(1).AddYears(-1), to, null, null, null), actors.Kansli.UserId, ct);
                if (compilation is null) throw Failed("requesting a compilation", string.Join(" ", errors.Values));
                if (!await compilations.ComputeAsync(compilation.Id, url, ct)) throw Failed("computing the compilation", null);
            });

            // A systemfel the kansli saw in the year's cases: three of them linked, analysed, a measure done and told to
            // the reporters, and the next measure due in a fortnight, so the work queue and the ledger have something.
            At(Local(20, new TimeOnly(11, 0)), async () =>
            {
                var systemic = new SystemicCommands(db, seedClock, publicUrl);
                var linked = await db.Cases.Where(c => c.ForbundId == f.Id && c.State != CaseState.Utkast && c.State != CaseState.Avvisad
                        && c.State != CaseState.Aterkallad).OrderBy(c => c.SubmittedAt).Select(c => c.Id).Take(3).ToListAsync(ct);
                if (linked.Count == 0) return;
                var made = await systemic.IdentifyAsync(actors.Kansli, f.Id, new SystemicInput(DemoTexts.SystemicTitle, DemoTexts.SystemicDescription,
                    actors.Categories.GetValueOrDefault("Överlämning och remiss"), null, [f.Kommun, f.Af], f.Kommun, f.Af), linked[0], ct);
                var id = made.Id ?? throw Failed("identifying a systemfel", made.Result.Message);
                foreach (var caseId in linked.Skip(1)) Expect(await systemic.LinkCaseAsync(actors.Kansli, id, caseId, ct), "linking a case to the systemfel");
                Expect(await systemic.MoveAsync(actors.Kansli, id, null, SystemicStatus.Analyseras, DemoTexts.SystemicNote, null, ct), "analysing the systemfel");
                Expect(await systemic.MoveAsync(actors.Kansli, id, null, SystemicStatus.AtgardPagar, null, null, ct), "starting the measures");
                var done = await systemic.PlanMeasureAsync(actors.Kansli, f.Id, null, id,
                    new MeasureInput(DemoTexts.MeasureDone, f.Af, today.AddDays(-18), today.AddDays(40)), ct);
                Expect(done.Result, "planning a measure");
                Expect(await systemic.MarkDoneAsync(actors.Kansli, done.Id!.Value, null, DemoTexts.MeasureDoneNote, DemoTexts.ToReporters, ct), "doing a measure");
                Expect((await systemic.PlanMeasureAsync(actors.Kansli, f.Id, null, id,
                    new MeasureInput(DemoTexts.MeasureComing, null, today.AddDays(14), today.AddDays(60)), ct)).Result, "planning the next measure");
            });

            foreach (var plan in Plans)
            {
                var live = new Live(actors, plan, DemoTexts.Scenarios[(number + index * 11) % DemoTexts.Scenarios.Length], number++);
                var minute = live.Number * 37 % 420;
                DateTimeOffset When(int daysAgo, int step) => Local(daysAgo, new TimeOnly(8, 0).Add(TimeSpan.FromMinutes(minute + step * 7)));
                At(When(plan.FiledDaysAgo, 0), () => FileAsync(live));
                foreach (var (step, (daysAgo, act)) in plan.Steps.Select((s, i) => (i + 1, s)))
                {
                    var at = act >= Act.MeetConclude ? pastMeetingStart.AddMinutes(60 + live.Number) : When(daysAgo, step);
                    At(at, () => DoAsync(live, act));
                }
            }
        }

        // The sweeps that would have run meanwhile: the scheduled compilations of the periods that have ended and the
        // reminders about referrals, as of now. Run here, their notices go with the seed's (below) instead of
        // greeting the newcomer's first start with a pile of mails.
        At(limit, async () =>
        {
            await compilations.QueueScheduledAsync(ct);
            foreach (var id in await compilations.DueAsync(ct)) await compilations.ComputeAsync(id, url, ct);
            await new ReferralReminderSweep(db, seedClock).RunAsync(url, ct);
            await agendas.CloseDueAgendasAsync(url, ct);
        });

        try
        {
            foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e.Order))
            {
                seedClock.MoveTo(e.At);
                await e.Run();
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            // Every command wrote the mails real use calls for (outbox rows, in its own transaction, so the seed cannot
            // leave them out without bypassing the commands). Nobody is to be mailed about a demo's past, so they are
            // deleted here, before the app starts and with it the sender: none of them can have gone out. Deleting
            // rather than marking them failed keeps the administrator's Utskick page free of a hundred false failures;
            // and a seed that stops half-way leaves no mail behind either.
            db.ChangeTracker.Clear();
            await db.Outbox.Where(o => o.Id > firstOutboxId).ExecuteDeleteAsync(CancellationToken.None);
            await db.MailAttachments.Where(a => !db.Outbox.Any(o => o.AttachmentId == a.Id)).ExecuteDeleteAsync(CancellationToken.None);
        }

        return new DemoActivityResult(number, await db.Meetings.CountAsync(ct), await db.Compilations.CountAsync(c => c.Status == CompilationStatus.Done, ct));

        async Task FileAsync(Live live)
        {
            var s = live.S;
            var a = live.A;
            var now = seedClock.GetUtcNow();
            var day = Stockholm.Today(now);
            var eventDate = day.AddDays(-(2 + live.Number % 9));
            var parties = s.Parties.Select(p => Org(a.F, p)).ToList();
            string? otherActor = null;
            if (s.OtherActor is { } actor)
            {
                if (a.Choices.OtherActors.FirstOrDefault(o => o.Name == actor) is { } known) parties.Add(known.Id);
                else otherActor = actor;
            }
            var conflicts = s.Conflict is { } c
                ? new List<RuleConflictForm> { new(Org(a.F, c.A), c.RequirementA, c.RuleA, Org(a.F, c.B), c.RequirementB, c.RuleB) }
                : [];
            var form = new FilingForm(eventDate, parties, otherActor, a.Categories[s.Category], s.WhatHappened, s.Consequences, s.Suggestion,
                (Gender)(live.Number % 4), (AgeBand)(live.Number % 7), live.Number % 5 == 0,
                s.Handover is { } h ? Org(a.F, h.From) : null, s.Handover is { } h2 ? Org(a.F, h2.To) : null,
                s.Handover is { } h3 ? eventDate.AddDays(-h3.DaysWaited) : null, s.Handover?.Received, s.Handover?.DaysWaited, conflicts);
            var reporter = a.Reporters[live.Number % a.Reporters.Length];
            var filing = new Filing(reporter.UserId, a.F.Id, a.F.Code, reporter.Roles[0].Organisations[0], null, Guid.NewGuid(), s.Kind, Submit: !live.Plan.Draft);
            var result = await cases.FileAsync(filing, kind =>
            {
                var check = CaseFiling.Check(form, kind!.Value, !live.Plan.Draft, a.Choices, day);
                if (check.Errors.Count > 0) throw Failed("filing", string.Join(" ", check.Errors.Select(e => $"{e.Field}: {e.Message}")));
                return check.Content;
            }, ct);
            if (result.Status is not (FilingStatus.Submitted or FilingStatus.Saved)) throw Failed("filing", result.Refusal ?? result.Status.ToString());
            live.Id = result.CaseId!.Value;
            live.ReferredTo.AddRange(parties.Where(p => a.BugFor.ContainsKey(p)).Distinct());
            // A referral in the demo goes to two parties, so one can answer while the other is still writing.
            if (live.ReferredTo.Count < 2) live.ReferredTo.Add(live.ReferredTo.Contains(a.F.Kommun) ? a.F.Fk : a.F.Kommun);
        }

        async Task DoAsync(Live live, Act act)
        {
            var a = live.A;
            var s = live.S;
            var day = Stockholm.Today(seedClock.GetUtcNow());
            var question = DemoTexts.Questions[(live.Number + live.Questions) % DemoTexts.Questions.Length];
            var result = act switch
            {
                Act.Take => await FireAsync(CaseTrigger.Take, new()),
                Act.Ask => await FireAsync(CaseTrigger.AskReporter, new() { Question = question.Question }),
                Act.Reply => await cases.FireAsync(ReporterOf(live), live.Id, null, CaseTrigger.ReporterAnswers,
                    new() { ReporterAnswer = DemoTexts.Questions[(live.Number + live.Questions - 1) % DemoTexts.Questions.Length].Answer }, ct),
                Act.Resume => await FireAsync(CaseTrigger.ResumeScreening, new() { Note = DemoTexts.ResumedNote }),
                Act.Reject => await FireAsync(CaseTrigger.Reject, new()
                    { Reason = DemoTexts.Rejections[live.Number % DemoTexts.Rejections.Length], WhereToTurn = DemoTexts.WhereToTurn }),
                Act.Withdraw => await cases.FireAsync(ReporterOf(live), live.Id, null, CaseTrigger.Withdraw, new() { ConfirmWithdraw = true }, ct),
                Act.Ready => await FireAsync(CaseTrigger.MarkReady, new()),
                Act.Review => await FireAsync(CaseTrigger.StartReview, new()),
                Act.Refer => await FireAsync(CaseTrigger.Refer, new() { ReferTo = live.ReferredTo, DueDate = day.AddDays(28) }),
                Act.Answer0 => await AnswerAsync(0),
                Act.Answer1 => await AnswerAsync(1),
                Act.CloseReferral => await FireAsync(CaseTrigger.CloseReferral, new() { Note = DemoTexts.ReferralClosed }),
                Act.BackToBug => await FireAsync(CaseTrigger.BackToBug, new()),
                Act.Conclude => await FireAsync(CaseTrigger.Conclude, Conclusion(publish: false)),
                Act.ConcludePublished => await FireAsync(CaseTrigger.Conclude, Conclusion(publish: true)),
                Act.Approve0 => await ApproveAsync(0),
                Act.Approve1 => await ApproveAsync(1),
                Act.Publish => await cases.SetPublicationAsync(a.Kansli, live.Id, null, true, ct),
                Act.MeetConclude => await DecideAsync(CaseTrigger.Conclude, Conclusion(publish: false)),
                Act.MeetConcludePublished => await DecideAsync(CaseTrigger.Conclude, Conclusion(publish: true)),
                Act.MeetRefer => await DecideAsync(CaseTrigger.Refer, new() { ReferTo = live.ReferredTo, DueDate = day.AddDays(28) }),
                Act.MeetReferShort => await DecideAsync(CaseTrigger.Refer, new() { ReferTo = live.ReferredTo, DueDate = day.AddDays(21) }),
                Act.MeetReferLong => await DecideAsync(CaseTrigger.Refer, new() { ReferTo = live.ReferredTo, DueDate = day.AddDays(PastMeetingDaysAgo + 5) }),
                Act.MeetPostpone => await DecideAsync(CaseTrigger.Postpone, new() { Reason = DemoTexts.Postponed }),
            };
            if (act == Act.Ask) live.Questions++;
            Expect(result, $"{act} on demo case {live.Number}");

            TriggerInput Conclusion(bool publish) => new() { Outcome = s.Outcome, Summary = s.Summary, Answer = s.Answer, Publish = publish };

            Task<CommandResult> FireAsync(CaseTrigger trigger, TriggerInput input) => cases.FireAsync(a.Kansli, live.Id, null, trigger, input, ct);

            async Task<CommandResult> DecideAsync(CaseTrigger trigger, TriggerInput input)
            {
                var item = await db.AgendaItems.Where(i => i.MeetingId == a.PastMeeting && i.CaseId == live.Id && i.RemovedAt == null).Select(i => i.Id).SingleAsync(ct);
                return await cases.DecideAtMeetingAsync(a.Kansli, a.PastMeeting!.Value, item, trigger, input, ct);
            }

            Task<CommandResult> ApproveAsync(int party)
            {
                var organisation = live.ReferredTo[party];
                return cases.ApprovePublicationAsync(a.BugFor[organisation], live.Id, organisation, ct);
            }

            Task<CommandResult> AnswerAsync(int party)
            {
                var organisation = live.ReferredTo[party];
                return cases.RespondAsync(a.BugFor[organisation], live.Id, organisation, null,
                    DemoTexts.PartyAnswers[(live.Number + party) % DemoTexts.PartyAnswers.Length], submit: true, ct);
            }
        }
    }

    private static CaseUser ReporterOf(Live live) => live.A.Reporters[live.Number % live.A.Reporters.Length];

    private static int Org(DemoForbund f, DemoParty party) => party switch
    {
        DemoParty.Fk => f.Fk,
        DemoParty.Af => f.Af,
        DemoParty.Kommun => f.Kommun,
        DemoParty.Region => f.Region,
    };

    /// <summary>The demo users of the förbund as the commands see them, and what its forms offer.</summary>
    private async Task<Actors> ActorsAsync(DemoForbund f, CancellationToken ct)
    {
        var people = await db.Memberships.Where(m => m.ForbundId == f.Id && m.IsActive)
            .Select(m => new { m.UserId, m.User.Email, m.Role, Organisations = m.Organisations.Select(o => o.OrganisationId).ToList() })
            .ToListAsync(ct);
        var byEmail = people.ToDictionary(p => p.Email!);
        CaseUser As(string local)
        {
            var p = byEmail[$"{local}@{f.Domain}"];
            return new CaseUser(p.UserId, [new CaseUser.Role(f.Id, p.Role, p.Organisations)]);
        }
        var bug = new[] { "bug.fk", "bug.af", "bug.kommun", "bug.region" }.Select(As).ToList();
        var bugFor = new Dictionary<int, CaseUser>();
        foreach (var member in bug)
            foreach (var organisation in member.Roles[0].Organisations)
                bugFor.TryAdd(organisation, member);
        var kansli = As("kansli");
        var categories = await db.Categories.Where(c => c.ForbundId == f.Id).ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        return new Actors(f, kansli, [As("rapportor"), As("rapportor.kommun")], bugFor,
            [kansli.UserId, .. bug.Select(b => b.UserId)], As("bug.region").UserId, [As("bug.fk").UserId, As("bug.af").UserId],
            categories, await FilingChoices.LoadAsync(register, f.Id, ct));
    }

    private static void Expect(CommandResult result, string what)
    {
        if (result.Status != CommandStatus.Done)
            throw Failed(what, $"{result.Status}: {result.Message} {string.Join(" ", result.FieldErrors.Select(e => $"{e.Field}: {e.Message}"))}");
    }

    private static InvalidOperationException Failed(string what, string? why) => new($"The demo could not be seeded ({what}): {why}");
}
