using System.Globalization;
using LexHeller.Core.Data;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Outbox;

/// <summary>
/// "Utskick": the mail outbox for the administrator — where each mail stands, why it failed, and "Skicka igen"
/// for a failed one. Shows addresses, subjects and errors, never the mail's text. A mail that tells who reported a
/// case (<see cref="OutboxMessage.ReporterBound"/>) shows its address and full subject only to an administrator who
/// is also that förbund's kansli; to anyone else it is "Rapportören" and the subject without the case's reference,
/// and the search and the sorting look only at what is shown.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class OutboxModel(OutboxQuery query, LexHellerDb db, TimeProvider clock, IConfiguration config) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string Sort { get; set; } = "nyast";
    [BindProperty(SupportsGet = true, Name = "p")] public int P { get; set; } = 1;

    public OutboxQuery.StatusOption? Filter { get; private set; }
    public IReadOnlyList<OutboxQuery.StatusCount> Counts { get; private set; } = [];
    public int AllCount { get; private set; }
    public int Total { get; private set; }
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<OutboxQuery.Row> Rows { get; private set; } = [];
    /// <summary>Whether Hangfire runs here, and with it the dashboard of the jobs that send the mail.</summary>
    public bool JobsDashboard => LexHeller.Web.Setup.JobsSetup.Enabled(config);
    /// <summary>Filter values that were not understood and were dropped, said in Swedish above the list.</summary>
    public IReadOnlyList<string> Ignored { get; private set; } = [];

    public async Task OnGetAsync()
    {
        ReadFilters();
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostResendAsync(long id)
    {
        ReadFilters();
        var resend = await new OutboxResend(db, clock).ResendAsync(id, KansliForbund(), HttpContext.Member()!.UserId);
        if (resend is null) return NotFound();
        if (!resend.Requeued)
        {
            ModelState.AddModelError(string.Empty,
                $"Brevet till {resend.To} har status {OutboxQuery.NameOf(resend.Status)}. Bara ett misslyckat brev kan skickas igen.");
            await LoadAsync();
            return Page();
        }
        TempData["Status"] = $"Brevet till {resend.To} med ämnet ”{resend.Subject}” lades i kön igen och skickas vid nästa utskick.";
        return Redirect(ListUrl());
    }

    private async Task LoadAsync()
    {
        var result = await query.LoadAsync(new OutboxQuery.Filter(Q, Filter, Sort, P, KansliForbund()));
        (Counts, AllCount, Total, Pages, P, Rows) = (result.Counts, result.AllCount, result.Total, result.Pages, result.Page, result.Rows);
    }

    /// <summary>The förbund whose reporters the viewer may know: those where they are kansli.</summary>
    private List<int?> KansliForbund() =>
        HttpContext.Member()!.Memberships.Where(m => m.Role == Core.Identity.MembershipRole.Kansli && m.ForbundId is not null)
            .Select(m => m.ForbundId).Distinct().ToList();

    /// <summary>Takes the filter from the address; what is not understood is dropped and named in <see cref="Ignored"/>.</summary>
    private void ReadFilters()
    {
        var ignored = new List<string>();
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (Q?.Length > 200) Q = Q[..200];
        if (!string.IsNullOrWhiteSpace(Status))
        {
            Filter = OutboxQuery.Statuses.FirstOrDefault(s => string.Equals(s.Value, Status.Trim(), StringComparison.OrdinalIgnoreCase));
            if (Filter is null) ignored.Add($"Statusen ”{Status}” finns inte. Alla utskick visas.");
        }
        Status = Filter?.Value;
        if (OutboxQuery.Sortings.All(s => s.Value != Sort))
        {
            ignored.Add($"Sorteringen ”{Sort}” finns inte. Utskicken sorteras med de nyaste först.");
            Sort = OutboxQuery.Sortings[0].Value;
        }
        if (ModelState.TryGetValue("p", out var page) && page.Errors.Count > 0)
        {
            ignored.Add($"Sidan ”{page.AttemptedValue}” finns inte. Första sidan visas.");
            P = 1;
        }
        Ignored = ignored;
    }

    /// <summary>The filter and sorting as query values, for links and forms that must keep them.</summary>
    public Dictionary<string, string> RouteValues(int? page = null)
    {
        var values = new Dictionary<string, string>();
        if (Q is not null) values["q"] = Q;
        if (Filter is not null) values["status"] = Filter.Value;
        if (Sort != OutboxQuery.Sortings[0].Value) values["sort"] = Sort;
        if ((page ?? P) > 1) values["p"] = (page ?? P).ToString(CultureInfo.InvariantCulture);
        return values;
    }

    public string ListUrl(int? page = null) =>
        "/utskick" + QueryString.Create(RouteValues(page).Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).ToUriComponent();

    /// <summary>The outbox filtered to one status (and nothing else), for the counts at the top.</summary>
    public static string StatusUrl(OutboxQuery.StatusOption? status) => status is null ? "/utskick" : $"/utskick?status={status.Value}";

    public IReadOnlyList<int?> PageLinks() => Paging.Links(P, Pages);

}
