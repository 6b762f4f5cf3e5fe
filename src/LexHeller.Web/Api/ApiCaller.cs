using LexHeller.Core.Api;

namespace LexHeller.Web.Api;

/// <summary>Who is calling the API in this request: the key, and the förbund the call reads.</summary>
public sealed record ApiCaller(int KeyId, int ForbundId);

/// <summary>The scope an endpoint needs; the key middleware refuses a key without it.</summary>
public sealed record ApiScopeRequirement(ApiScope Scope);

public static class ApiCallerExtensions
{
    public static ApiCaller ApiCaller(this HttpContext http) =>
        http.Features.Get<ApiCaller>() ?? throw new InvalidOperationException("The API key middleware did not run.");
}
