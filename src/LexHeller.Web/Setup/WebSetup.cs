using LexHeller.Core.Time;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.WebEncoders;

namespace LexHeller.Web.Setup;

public static class WebSetup
{
    private const string Policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
    /// <summary>The list of published answers a förbund's own site shows in a frame: any site may frame it; it runs nothing.</summary>
    private const string EmbedPolicy =
        "default-src 'none'; style-src 'self'; frame-ancestors *; form-action 'none'; base-uri 'none'";
    private const string DashboardPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";

    public static void AddWebUi(this WebApplicationBuilder builder)
    {
        // Links in mail must not be built from a request's Host header, which anyone can forge.
        var env = builder.Environment;
        builder.Services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.Section);
        var publicUrl = builder.Configuration.GetSection(PublicUrlOptions.Section).Get<PublicUrlOptions>() ?? new PublicUrlOptions();
        if (publicUrl.WhyInvalid(required: !env.IsDevelopment() && !env.IsEnvironment("Testing")) is { } why)
            throw new StartupException(why);

        builder.Services.AddRazorPages(o =>
            {
                o.Conventions.AddPageRoute("/Cases/Form", "arenden/{id:int}/redigera");
                o.AddInputRules();
            })
            .AddMvcOptions(o =>
            {
                SwedishBindingMessages(o.ModelBindingMessageProvider);
                o.AddInputRules();
            });
        // Razor would otherwise write å, ä and ö as numeric entities.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var sv = new CultureInfo("sv-SE");
            o.DefaultRequestCulture = new RequestCulture(sv);
            o.SupportedCultures = [sv];
            o.SupportedUICultures = [sv];
            o.RequestCultureProviders.Clear();
        });
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "LexHeller.Antiforgery");
    }

    public static void UseLexHeller(this WebApplication app)
    {
        app.UseTransport();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/fel");
        app.UseStatusCodePagesWithReExecute("/fel/{0}");
        // Inside the error pages, so a database that went away gets its own 503 page rather than the general one.
        app.UseMiddleware<LexHeller.Web.Health.DatabaseOutage>();
        app.Use(async (context, next) =>
        {
            var h = context.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "same-origin";
            if (LexHeller.Web.Api.OpenDataEndpoints.IsEmbed(context.Request.Path))
                h.ContentSecurityPolicy = EmbedPolicy;
            else
            {
                h.XFrameOptions = "DENY";
                // Hangfire's dashboard writes style attributes and its chart injects a <style>; its scripts are its own files.
                h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(JobsSetup.DashboardPath) ? DashboardPolicy : Policy;
            }
            await next();
        });
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.Use(LexHeller.Web.Identity.OidcSchemes.FollowProviderPathsAsync);
        app.UseAuthentication();
        app.UseMemberContext();
        // The API answers for itself (a key, not a login) before the log-in rules would send a caller to the log-in page.
        app.UseMiddleware<LexHeller.Web.Api.ApiKeyMiddleware>();
        app.UseAuthorization();
        app.MapRazorPages();
    }

    private static void SwedishBindingMessages(Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DefaultModelBindingMessageProvider p)
    {
        p.SetValueIsInvalidAccessor(v => $"Värdet '{v}' är ogiltigt.");
        p.SetValueMustBeANumberAccessor(f => $"{f} måste vara ett tal.");
        p.SetMissingBindRequiredValueAccessor(f => $"{f} saknas.");
        p.SetAttemptedValueIsInvalidAccessor((v, f) => $"Värdet '{v}' är inte giltigt för {f}.");
        p.SetMissingKeyOrValueAccessor(() => "Ett värde krävs.");
        p.SetUnknownValueIsInvalidAccessor(f => $"Värdet är inte giltigt för {f}.");
        p.SetValueMustNotBeNullAccessor(v => "Fältet måste fyllas i.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"Värdet '{v}' är ogiltigt.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Värdet är ogiltigt.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Fältet måste vara ett tal.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Formuläret är tomt.");
    }
}
