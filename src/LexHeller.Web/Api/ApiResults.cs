using System.Security.Cryptography;
using System.Text.Json;

namespace LexHeller.Web.Api;

/// <summary>A JSON answer with an ETag made from its bytes; a matching If-None-Match gets 304 and no body.</summary>
public static class ApiResults
{
    public static IResult Ok<T>(HttpContext http, T body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options);
        var tag = "\"" + Convert.ToBase64String(SHA256.HashData(bytes), 0, 16).TrimEnd('=') + "\"";
        var headers = http.Response.Headers;
        headers.ETag = tag;
        headers.CacheControl = "private, no-cache";
        foreach (var value in http.Request.Headers.IfNoneMatch)
        {
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (candidate == "*" || candidate == tag || candidate == "W/" + tag)
                    return Results.StatusCode(StatusCodes.Status304NotModified);
            }
        }
        return Results.Bytes(bytes, "application/json; charset=utf-8");
    }
}
