using LexHeller.Core.Notifications;

namespace LexHeller.Core.Identity;

/// <summary>The invitation a new user gets: a single-use link to choose a password.</summary>
public sealed record InvitationMail(string To, string FullName, string ForbundName, string RoleName, string Url, DateTimeOffset ExpiresAt)
    : MailMessage(To)
{
    public override string Subject => $"Inbjudan till Lex Heller – {ForbundName}";
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        $"Hej {FullName}!",
        $"Du har bjudits in till Lex Heller i {ForbundName} som {RoleName}. Lex Heller är platsen där du rapporterar och följer upp när samverkan mellan myndigheter brister.",
        $"Välj ditt lösenord via länken nedan. Länken kan användas en gång och gäller till {Time.Stockholm.Format(ExpiresAt)}.",
    ];
}

/// <summary>The link sent after "Glömt lösenord?".</summary>
public sealed record PasswordResetMail(string To, string Url) : MailMessage(To)
{
    public override string Subject => "Återställ ditt lösenord i Lex Heller";
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        "Någon (förhoppningsvis du) har bett om att få återställa lösenordet till ditt konto i Lex Heller. Länken nedan gäller i två timmar och kan användas en gång.",
        "Om det inte var du kan du bortse från det här meddelandet; ditt lösenord är oförändrat.",
    ];
}

/// <summary>Told at once whenever the second factor of an account changes, so a change the owner did not make is noticed.</summary>
public sealed record TwoFactorChangedMail(string To, string WhatHappened) : MailMessage(To)
{
    public override string Subject => "Tvåfaktorsinloggningen för ditt konto i Lex Heller har ändrats";

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        WhatHappened,
        "Om det inte var du eller någon du har bett om det: kontakta förbundets kansli direkt, och byt ditt lösenord.",
    ];
}

/// <summary>Told when so many wrong passwords or codes were tried that the account itself is locked.</summary>
public sealed record AccountLockedMail(string To, TimeSpan LockedFor, string ForgotPasswordUrl) : MailMessage(To)
{
    public override string Subject => "Ditt konto i Lex Heller är tillfälligt låst";
    public override string Link => ForgotPasswordUrl;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        $"Någon har försökt logga in på ditt konto i Lex Heller med fel lösenord eller fel kod många gånger. Kontot är därför låst för inloggning i {(int)LockedFor.TotalMinutes} minuter.",
        "Var det du? Vänta och försök igen, eller välj ett nytt lösenord via länken nedan – då låses kontot upp direkt.",
        "Var det inte du? Välj ett nytt lösenord via länken och berätta för förbundets kansli vad som har hänt.",
    ];
}

/// <summary>An existing user is offered a role in another förbund; nothing changes until they accept it on the linked page.</summary>
public sealed record MembershipOfferMail(string To, string FullName, string ForbundName, string RoleName, string Url, DateTimeOffset ExpiresAt)
    : MailMessage(To)
{
    public override string Subject => $"Inbjudan till {ForbundName} i Lex Heller";
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        $"Hej {FullName}!",
        $"Kansliet i {ForbundName} bjuder in dig att använda Lex Heller i förbundet som {RoleName}.",
        $"Logga in med ditt vanliga konto via länken nedan och välj Acceptera eller Avböj. Du får rollen först när du har accepterat. Länken gäller till {Time.Stockholm.Format(ExpiresAt)}.",
        "Om du inte känner igen inbjudan kan du avböja den eller bortse från det här meddelandet.",
    ];
}
