using LexHeller.Core.Archive;

namespace LexHeller.Web.Setup;

public static class ArchiveSetup
{
    /// <summary>The archive packages (e-arkiv): where finished packages are kept, the request and the background job.</summary>
    public static void AddArchive(this WebApplicationBuilder builder)
    {
        // AddData has already resolved Data:Folder to a checked, absolute folder.
        var dataFolder = builder.Configuration["Data:Folder"]!;
        var configured = builder.Configuration["Archive:Folder"];
        var folder = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(dataFolder, "arkivpaket") : configured, dataFolder);
        builder.Services.AddSingleton(new ArchiveFolder(folder));
        builder.Services.AddScoped<ArchivePackages>();
        builder.Services.AddScoped<ArchivePackageJob>();
    }
}
