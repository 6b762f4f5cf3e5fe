using LexHeller.Core.Compilations;

namespace LexHeller.Web.Setup;

public static class CompilationsSetup
{
    /// <summary>Asking for, computing and showing compilations; the jobs around them are listed in <see cref="JobsSetup"/>.</summary>
    public static void AddCompilations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CompilationService>();
    }
}
