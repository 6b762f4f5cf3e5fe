using System.Globalization;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.ChangeLog;

/// <summary>"Ändringslogg": the audit trail of one förbund, newest first, filtered by action and by Stockholm day.</summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class ChangeLogModel(LexHellerDb db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(long Id, DateTimeOffset At, string Who, string What, string Subject, string? Before, string? After);

    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty(SupportsGet = true, Name = "atgard")] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "fran")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "till")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int P { get; set; } = 1;

    public ForbundScope Scope { get; private set; } = null!;
    public int Total { get; private set; }
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    /// <summary>Filter values that were not understood and were dropped, said in Swedish above the list.</summary>
    public IReadOnlyList<string> Ignored { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return NotFound();
        Scope = scope;
        ReadFilters();

        var query = db.AuditEntries.AsNoTracking().Where(a => a.ForbundId == Scope.Id);
        if (Kind is { } action) query = query.Where(a => a.Action == action);
        if (From is { } from)
        {
            var start = Stockholm.ToUtc(from, TimeOnly.MinValue);
            query = query.Where(a => a.At >= start);
        }
        if (To is { } to)
        {
            var end = Stockholm.ToUtc(to.AddDays(1), TimeOnly.MinValue);
            query = query.Where(a => a.At < end);
        }

        Total = await query.CountAsync();
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        P = Math.Clamp(P, 1, Pages);
        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((P - 1) * PageSize).Take(PageSize)
            .Select(a => new
            {
                a.Id, a.At, a.ActorUserId, a.Action, a.Subject, a.Before, a.After,
                Actor = db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.FullName).FirstOrDefault(),
            })
            .ToListAsync();
        Rows = rows.Select(a => new Row(a.Id, a.At,
            a.ActorUserId is null ? "Systemet" : a.Actor ?? "Borttagen användare",
            AuditLabels.For(a.Action), a.Subject, a.Before, a.After)).ToList();
        return Page();
    }

    private void ReadFilters()
    {
        var ignored = new List<string>();
        Kind = string.IsNullOrWhiteSpace(Kind) ? null : Kind.Trim();
        if (Kind is not null && !AuditLabels.IsKnown(Kind))
        {
            ignored.Add($"Ändringen ”{Kind}” finns inte. Alla slags ändringar visas.");
            Kind = null;
        }
        foreach (var (key, name) in new[] { ("fran", "Från"), ("till", "Till") })
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
                ignored.Add(entry.Errors.Any(e => e.ErrorMessage == InputBindingSetup.DateOutOfRange)
                    ? $"{name}-datumet ”{entry.AttemptedValue}” används inte. {InputBindingSetup.DateOutOfRange}"
                    : $"{name}-datumet ”{entry.AttemptedValue}” är inte ett datum (ÅÅÅÅ-MM-DD) och används inte.");
        if (From is { } f && To is { } t && f > t)
            ignored.Add("Från-datumet ligger efter till-datumet, så inga ändringar kan visas. Byt plats på datumen.");
        if (ModelState.TryGetValue("p", out var page) && page.Errors.Count > 0)
        {
            ignored.Add($"Sidan ”{page.AttemptedValue}” finns inte. Första sidan visas.");
            P = 1;
        }
        Ignored = ignored;
    }

    /// <summary>The förbund and filter as query values, for the page links.</summary>
    public string ListUrl(int page)
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (!Scope.IsCurrent) values.Add(new(ForbundScope.QueryName, Scope.Id.ToString(CultureInfo.InvariantCulture)));
        if (Kind is not null) values.Add(new("atgard", Kind));
        if (From is { } f) values.Add(new("fran", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (To is { } t) values.Add(new("till", t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (page > 1) values.Add(new("p", page.ToString(CultureInfo.InvariantCulture)));
        return "/andringslogg" + QueryString.Create(values).ToUriComponent();
    }

    public bool Filtered => Kind is not null || From is not null || To is not null;

    public IReadOnlyList<int?> PageLinks() => Paging.Links(P, Pages);
}
