using LexHeller.Core.Notifications;

namespace LexHeller.Web.Setup;

public static class MailSetup
{
    public static void AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));
        var host = builder.Configuration["Smtp:Host"];
        if (!string.IsNullOrWhiteSpace(host))
        {
            builder.Services.AddSingleton<IMailTransport, SmtpMailTransport>();
            builder.Services.AddHostedService<OutboxSender>();
        }
        else if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton<IMailTransport, LoggingMailTransport>();
            builder.Services.AddHostedService<OutboxSender>();
            Console.WriteLine("Lex Heller: ingen Smtp:Host angiven – e-post skrivs till loggen (Development).");
        }
        else
        {
            Console.WriteLine("Lex Heller: ingen Smtp:Host angiven – e-post är avstängd och väntar i utkorgen.");
        }
    }
}
