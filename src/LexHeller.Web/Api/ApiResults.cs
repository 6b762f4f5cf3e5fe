using System.Security.Cryptography;
using System.Text.Json;

namespace LexHeller.Web.Api;

/// <summary>An answer with an ETag made from its bytes; a matching If-None-Match gets 304 and no body.</summary>
public static class ApiResults
{
    /// <summary>What a key reads is the key holder's alone; a proxy keeps nothing.</summary>
    public const string Private = "private, no-cache";

    /// <summary>Open data: anyone may keep a copy, and asks again (with the ETag) before using it.</summary>
    public const string Public = "public, no-cache";

    public static IResult Ok<T>(HttpContext http, T body, string cache = Private) =>
        File(http, JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options), "application/json; charset=utf-8", null, cache);

    /// <summary>Any body; <paramref name="fileName"/> names it for a browser that saves it.</summary>
    public static IResult File(HttpContext http, byte[] bytes, string contentType, string? fileName, string cache = Public)
    {
        var tag = "\"" + Convert.ToBase64String(SHA256.HashData(bytes), 0, 16).TrimEnd('=') + "\"";
        var headers = http.Response.Headers;
        headers.ETag = tag;
        headers.CacheControl = cache;
        if (fileName is not null) headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        foreach (var value in http.Request.Headers.IfNoneMatch)
        {
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (candidate == "*" || candidate == tag || candidate == "W/" + tag)
                    return Results.StatusCode(StatusCodes.Status304NotModified);
            }
        }
        return Results.Bytes(bytes, contentType);
    }
}
