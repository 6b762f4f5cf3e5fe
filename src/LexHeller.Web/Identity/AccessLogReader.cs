using LexHeller.Core.AccessLog;

namespace LexHeller.Web.Identity;

public static class AccessLogReaderExtensions
{
    /// <summary>
    /// The reader as the access log records them: their roles in the förbund read from (all their roles when none),
    /// the log-in session (so the log says how they authenticated) and the page they read it on.
    /// </summary>
    public static AccessLogWriter.Reader AccessReader(this HttpContext http, int? forbundId)
    {
        var member = http.Member()!;
        var roles = member.Memberships.Where(m => forbundId is null || m.ForbundId == forbundId || m.ForbundId is null)
            .Select(m => m.Role.ToString()).Distinct().Order();
        var path = http.Request.Path.Value + http.Request.QueryString.Value;
        return new(member.UserId, string.Join(",", roles), http.User.FindFirst(LoginClaims.Session)?.Value, path);
    }
}
