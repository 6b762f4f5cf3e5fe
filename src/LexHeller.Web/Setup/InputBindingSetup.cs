using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Setup;

/// <summary>
/// One rule for every page instead of a check on each: a value no page can use is a Swedish message for its field
/// (or a dropped filter), never a value a page computes with and never a server error. Dates outside 2000–2100,
/// numbers outside their field's [Range] or not finite, enum values that do not exist, booleans that are neither
/// true nor false and text with control characters stop at model binding. A handler the page does not have answers
/// 404, and a method no page serves answers 405.
/// </summary>
public static class InputBindingSetup
{
    public static readonly DateOnly FirstDate = new(2000, 1, 1);
    public static readonly DateOnly LastDate = new(2100, 12, 31);

    public const string DateOutOfRange = "Ange ett datum mellan 2000-01-01 och 2100-12-31.";
    public const string ControlCharacter =
        "Texten innehåller ett osynligt styrtecken som inte kan sparas. Skriv in texten igen, eller klistra in den som oformaterad text.";
    public const string NotABoolean = "Välj ja eller nej.";
    public const string NotAChoice = "Välj ett av alternativen.";
    public const string NotANumber = "Ange ett tal.";

    /// <summary>The methods pages answer; HEAD is answered by the GET handler.</summary>
    private static readonly string[] PageMethods = ["GET", "HEAD", "POST"];

    /// <summary>The error page renders for any request that failed, whatever its method.</summary>
    private const string ErrorPage = "/Error";

    public static void AddInputRules(this MvcOptions options)
    {
        options.ModelBinderProviders.Insert(0, new CheckedBinderProvider());
        options.Filters.Add(new KnownHandlerFilter());
        options.ModelMetadataDetailsProviders.Add(new SwedishValidationMessages());
    }

    public static void AddInputRules(this RazorPagesOptions options) =>
        options.Conventions.Add(new PageMethodsConvention());

    /// <summary>Routing refuses other methods (405 with Allow) before a page is chosen, so TRACE never runs a page without its handler.</summary>
    private sealed class PageMethodsConvention : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            if (model.ViewEnginePath == ErrorPage) return;
            foreach (var selector in model.Selectors)
                selector.EndpointMetadata.Add(new HttpMethodMetadata(PageMethods));
        }
    }

    /// <summary>
    /// Razor Pages runs an unnamed handler for any handler name, and a page with no handler for the request renders
    /// without its data; both answer 404 here. Pages without any handler have nothing to run and are left alone.
    /// </summary>
    private sealed class KnownHandlerFilter : IAsyncPageFilter
    {
        private const string Key = "handler";

        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            if (context.ActionDescriptor.HandlerMethods.Count > 0 && !await IsKnownAsync(context))
            {
                context.Result = new NotFoundResult();
                return;
            }
            await next();
        }

        private static async Task<bool> IsKnownAsync(PageHandlerExecutingContext context)
        {
            if (context.HandlerMethod is not { } handler) return false;
            var name = await RequestedNameAsync(context);
            return name is null || (handler.Name is { } own && own.Equals(name, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>The handler name the request asks for, where Razor Pages looks for it; "" when asked for with no name.</summary>
        private static async Task<string?> RequestedNameAsync(PageHandlerExecutingContext context)
        {
            if (context.RouteData.Values.TryGetValue(Key, out var routed) && routed is not null)
                return Convert.ToString(routed, System.Globalization.CultureInfo.InvariantCulture);
            var request = context.HttpContext.Request;
            if (request.Query.TryGetValue(Key, out var query)) return query.ToString();
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
                if (form.TryGetValue(Key, out var posted)) return posted.ToString();
            }
            return null;
        }
    }

    /// <summary>Wraps the binder MVC would use for a simple value and refuses what no page can use.</summary>
    private sealed class CheckedBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var metadata = context.Metadata;
            if (metadata.BinderType is not null || metadata.IsComplexType && metadata.ModelType != typeof(string)) return null;
            var type = metadata.UnderlyingOrModelType;
            if (type == typeof(bool)) return new BooleanBinder();
            Func<object, ModelMetadata, string?>? check =
                type == typeof(string) ? CheckText
                : type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) ? CheckDate
                : type.IsEnum ? CheckChoice
                : IsNumber(type) ? CheckNumber
                : null;
            if (check is null) return null;

            var providers = context.Services.GetRequiredService<IOptions<MvcOptions>>().Value.ModelBinderProviders;
            foreach (var provider in providers)
            {
                if (provider == this) continue;
                if (provider.GetBinder(context) is { } inner) return new CheckedBinder(inner, check);
            }
            return null;
        }

        private static bool IsNumber(Type type) =>
            type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte)
            || type == typeof(decimal) || type == typeof(double) || type == typeof(float);

        private static string? CheckText(object value, ModelMetadata _) => HasControlCharacter((string)value) ? ControlCharacter : null;

        /// <summary>CR, LF and TAB belong in text; NUL and the other C0 and C1 controls only hide or break it.</summary>
        private static bool HasControlCharacter(string text)
        {
            foreach (var c in text)
                if (char.IsControl(c) && c is not ('\r' or '\n' or '\t')) return true;
            return false;
        }

        private static string? CheckDate(object value, ModelMetadata _)
        {
            var date = value switch
            {
                DateOnly d => d,
                DateTime t => DateOnly.FromDateTime(t),
                DateTimeOffset o => DateOnly.FromDateTime(o.DateTime),
                _ => FirstDate,
            };
            return date < FirstDate || date > LastDate ? DateOutOfRange : null;
        }

        /// <summary>Only named values: no form offers a combination of flags, and a number like 77 names nothing.</summary>
        private static string? CheckChoice(object value, ModelMetadata metadata) =>
            Enum.IsDefined(metadata.UnderlyingOrModelType, value) ? null : NotAChoice;

        private static string? CheckNumber(object value, ModelMetadata metadata)
        {
            if (value is double d && !double.IsFinite(d) || value is float f && !float.IsFinite(f)) return NotANumber;
            foreach (var range in metadata.ValidatorMetadata.OfType<RangeAttribute>())
                if (!range.IsValid(value)) return range.FormatErrorMessage(metadata.GetDisplayName());
            return null;
        }
    }

    private sealed class CheckedBinder(IModelBinder inner, Func<object, ModelMetadata, string?> check) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (!context.Result.IsModelSet || context.Result.Model is not { } value) return;
            if (check(value, context.ModelMetadata) is not { } error) return;
            context.ModelState.TryAddModelError(context.ModelName, error);
            context.Result = ModelBindingResult.Failed();
        }
    }

    /// <summary>
    /// Booleans are read here rather than by MVC's converter: a refused value must leave no raw value in the model state,
    /// or the checkbox that shows the field again would try to read "maybe" as a boolean and fail.
    /// </summary>
    private sealed class BooleanBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var values = context.ValueProvider.GetValue(context.ModelName);
            if (values == ValueProviderResult.None) return Task.CompletedTask;
            var first = values.FirstValue?.Trim();
            if (string.IsNullOrEmpty(first))
            {
                context.ModelState.SetModelValue(context.ModelName, values);
                if (context.ModelMetadata.IsReferenceOrNullableType) context.Result = ModelBindingResult.Success(null);
                else context.ModelState.TryAddModelError(context.ModelName, context.ModelMetadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(first ?? ""));
                return Task.CompletedTask;
            }
            if (bool.TryParse(first, out var value))
            {
                context.ModelState.SetModelValue(context.ModelName, values);
                context.Result = ModelBindingResult.Success(value);
                return Task.CompletedTask;
            }
            context.ModelState.SetModelValue(context.ModelName, rawValue: null, attemptedValue: values.FirstValue);
            context.ModelState.TryAddModelError(context.ModelName, NotABoolean);
            return Task.CompletedTask;
        }
    }
}
