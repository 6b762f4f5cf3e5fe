using System.Globalization;
using LexHeller.Core.AccessLog;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.AccessLog;

/// <summary>
/// "Loggkontroll": what the weekly review flagged in one förbund (the kansli's own; the administrator picks any),
/// unchecked first by default, newest week first; each flag links to the reads it covers on Behandlingshistorik and
/// is marked checked with a note.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class ReviewModel(LexHellerDb db, AccessReviewCommands commands) : PageModel
{
    public const string Path = "/behandlingshistorik/kontroll";
    /// <summary>More flags than this in one list is a förbund that should change its limits, not page through them.</summary>
    public const int ListCap = 500;

    public sealed record Row(long Id, string Who, string? Email, AccessRule Rule, DateOnly Week, int Reads, DateTimeOffset FirstAt,
        DateTimeOffset LastAt, string Cases, DateTimeOffset? CheckedAt, string? CheckedBy, string? Note);

    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    /// <summary>"kontrollerade", "alla", or nothing for the unchecked ones.</summary>
    [BindProperty(SupportsGet = true, Name = "visa")] public string? Show { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty] public string? Note { get; set; }

    public ForbundScope Scope { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    /// <summary>The flag whose form was posted and refused: its note field shows the error and what was written.</summary>
    public long? PostedFlagId { get; private set; }
    public bool Oldest => Sort == "aldst";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(long? flagId)
    {
        if (!await ResolveAsync()) return NotFound();
        ModelState.Clear();
        if (flagId is not { } id)
        {
            ModelState.AddModelError(string.Empty, "Välj en flagga att markera. Inget är ändrat.");
            await LoadAsync();
            return Page();
        }
        var result = await commands.CheckAsync(Scope.Id, id, Note, HttpContext.Member()!.UserId, HttpContext.RequestAborted);
        switch (result.Status)
        {
            case CommandStatus.Done:
                TempData["Status"] = result.Message;
                return Redirect(ListUrl());
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Refused:
            case CommandStatus.Conflict:
                PostedFlagId = id;
                if (result.Message is not null) ModelState.AddModelError(string.Empty, result.Message);
                foreach (var e in result.FieldErrors) ModelState.AddModelError(e.Field, e.Message);
                await LoadAsync();
                return Page();
        }
        throw new InvalidOperationException($"Unknown status {result.Status}.");
    }

    public static string RuleName(AccessRule rule) => AccessLogReview.RuleName(rule);

    public static string WeekName(DateOnly week) => AccessLogReview.WeekName(week);

    /// <summary>The reads a flag covers: the person and the days from its first to its last read, on Behandlingshistorik.</summary>
    public string LogUrl(Row r)
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (!Scope.IsCurrent) values.Add(new(ForbundScope.QueryName, Scope.Id.ToString(CultureInfo.InvariantCulture)));
        values.Add(new("person", r.Email ?? r.Who));
        values.Add(new("fran", Stockholm.FormatDate(r.FirstAt)));
        values.Add(new("till", Stockholm.FormatDate(r.LastAt)));
        values.Add(new("sort", "aldst"));
        return "/behandlingshistorik" + QueryString.Create(values).ToUriComponent();
    }

    /// <summary>The list with the förbund, filter and sorting as query values; <paramref name="show"/> and <paramref name="sort"/> replace the current ones when given.</summary>
    public string ListUrl(string? show = "keep", string? sort = "keep")
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (!Scope.IsCurrent) values.Add(new(ForbundScope.QueryName, Scope.Id.ToString(CultureInfo.InvariantCulture)));
        if ((show == "keep" ? Show : show) is { } v) values.Add(new("visa", v));
        if ((sort == "keep" ? Sort : sort) is { } s) values.Add(new("sort", s));
        return Path + QueryString.Create(values).ToUriComponent();
    }

    private async Task<bool> ResolveAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return false;
        Scope = scope;
        if (Show is not ("kontrollerade" or "alla")) Show = null;
        if (Sort != "aldst") Sort = null;
        return true;
    }

    private async Task LoadAsync()
    {
        var query = db.AccessFlags.AsNoTracking().Where(f => f.ForbundId == Scope.Id);
        query = Show switch
        {
            "kontrollerade" => query.Where(f => f.CheckedAt != null),
            "alla" => query,
            _ => query.Where(f => f.CheckedAt == null),
        };
        Total = await query.CountAsync(HttpContext.RequestAborted);
        var ordered = Oldest
            ? query.OrderBy(f => f.Week).ThenBy(f => f.UserId).ThenBy(f => f.Rule)
            : query.OrderByDescending(f => f.Week).ThenBy(f => f.UserId).ThenBy(f => f.Rule);
        Rows = await ordered.Take(ListCap)
            .Select(f => new Row(f.Id,
                db.Users.Where(u => u.Id == f.UserId).Select(u => u.FullName).FirstOrDefault() ?? "Borttagen användare",
                db.Users.Where(u => u.Id == f.UserId).Select(u => u.Email).FirstOrDefault(),
                f.Rule, f.Week, f.Reads, f.FirstAt, f.LastAt, f.Cases, f.CheckedAt,
                db.Users.Where(u => u.Id == f.CheckedByUserId).Select(u => u.FullName).FirstOrDefault(), f.CheckNote))
            .ToListAsync(HttpContext.RequestAborted);
    }
}
