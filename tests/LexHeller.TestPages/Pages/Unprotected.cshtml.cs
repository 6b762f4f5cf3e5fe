using LexHeller.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.TestPages.Pages;

/// <summary>
/// Answers anyone, for any id, and its POST writes to the database before it claims not to have found anything:
/// the kinds of page the authorization matrix must refuse to let through.
/// </summary>
[AllowAnonymous]
public sealed class UnprotectedModel(LexHellerDb db) : PageModel
{
    public int Id { get; private set; }

    public void OnGet(int id) => Id = id;

    public async Task<IActionResult> OnPostForgetAsync(int id)
    {
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "FullName" = "FullName" || '.'""");
        return NotFound();
    }
}
