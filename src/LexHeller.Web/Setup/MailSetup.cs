using LexHeller.Core.Notifications;

namespace LexHeller.Web.Setup;

public static class MailSetup
{
    public static void AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection("Outbox"));
        builder.Services.AddScoped<DigestSweep>();
        var host = builder.Configuration["Smtp:Host"];
        if (!string.IsNullOrWhiteSpace(host))
        {
            builder.Services.AddSingleton<IMailTransport, SmtpMailTransport>();
            AddSender(builder);
        }
        else if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton<IMailTransport, LoggingMailTransport>();
            AddSender(builder);
            Console.WriteLine("Lex Heller: ingen Smtp:Host angiven – e-post skrivs till loggen (Development).");
        }
        else
        {
            Console.WriteLine("Lex Heller: ingen Smtp:Host angiven – e-post är avstängd och väntar i utkorgen.");
        }
    }

    private static void AddSender(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddScoped<OutboxSendJob>();
    }

    /// <summary>Whether mail goes anywhere: the outbox job is scheduled only then.</summary>
    public static bool MailOn(IServiceProvider services) => services.GetService<OutboxSender>() is not null;
}
