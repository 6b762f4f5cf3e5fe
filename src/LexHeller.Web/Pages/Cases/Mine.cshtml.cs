using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Cases;

/// <summary>"Mina ärenden": every case the reporter filed in the current förbund, drafts included.</summary>
[Authorize(Policy = Policies.Rapportor)]
public class MineModel(LexHellerDb db) : PageModel
{
    public sealed record Row(int Id, string? Reference, CaseKind Kind, string? Category, CaseState State, DateTimeOffset UpdatedAt);

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "senast";

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var member = HttpContext.Member()!;
        var query = db.Cases.Where(c => c.ReporterUserId == member.UserId && c.ForbundId == member.Current!.Id);
        query = Status switch
        {
            "utkast" => query.Where(c => c.State == CaseState.Utkast),
            "pagaende" => query.Where(c => c.State != CaseState.Utkast && c.State != CaseState.Avslutad && c.State != CaseState.Avvisad && c.State != CaseState.Aterkallad),
            "avslutade" => query.Where(c => c.State == CaseState.Avslutad || c.State == CaseState.Avvisad || c.State == CaseState.Aterkallad),
            _ => query,
        };
        query = Sort switch
        {
            "referens" => query.OrderBy(c => c.ReferenceYear == null).ThenByDescending(c => c.ReferenceYear).ThenByDescending(c => c.ReferenceSequence),
            // Ties (cases changed in the same instant) in the order they were made, on every database.
            "aldst" => query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
            _ => query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
        };
        Rows = await query
            .Select(c => new Row(c.Id, c.Reference, c.Kind,
                db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(), c.State, c.UpdatedAt))
            .Take(500)
            .ToListAsync();
    }
}
