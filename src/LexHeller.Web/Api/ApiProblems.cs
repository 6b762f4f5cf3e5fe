using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace LexHeller.Web.Api;

/// <summary>The API's errors as RFC 9457 problem details, in Swedish.</summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    public static ProblemDetails Make(int status, string title, string detail, string? field = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = "about:blank" };
        if (field is not null) problem.Extensions["field"] = field;
        return problem;
    }

    public static async Task WriteAsync(HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        problem.Instance = http.Request.Path;
        await http.Response.WriteAsJsonAsync(problem, ApiJson.Options, ContentType);
    }

    public static IResult Result(ProblemDetails problem) =>
        Results.Json(problem, ApiJson.Options, ContentType, problem.Status);

    public static ProblemDetails BadField(string field, string detail) =>
        Make(StatusCodes.Status400BadRequest, "Ogiltig begäran", detail, field);
}

public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Make();

    private static JsonSerializerOptions Make()
    {
        // Swedish letters as themselves, as the pages write them; characters that matter to HTML stay escaped.
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        };
        o.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return o;
    }
}
