namespace LexHeller.Web.Identity;

/// <summary>The claims Lex Heller adds to the login cookie.</summary>
public static class LoginClaims
{
    /// <summary>The <see cref="LexHeller.Core.Identity.LoginSession"/> id of this log-in.</summary>
    public const string Session = "lh:session";

    /// <summary>How the person logged in, in words ("Lösenord och autentiseringsapp", "SITHS via Inera (stark autentisering)").</summary>
    public const string Method = "lh:method";
}
