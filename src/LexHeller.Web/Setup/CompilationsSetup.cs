using LexHeller.Core.Compilations;

namespace LexHeller.Web.Setup;

public static class CompilationsSetup
{
    /// <summary>Asking for, computing and showing compilations; the job is what Hangfire runs for one on demand.</summary>
    public static void AddCompilations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CompilationService>();
        builder.Services.AddScoped<CompilationJob>();
    }
}
