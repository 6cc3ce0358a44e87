using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Primitives;

namespace Tsunagu.Web.Operations;

/// <summary>
/// Characters nobody types, removed from every query and form value before anything reads them: NUL, which PostgreSQL
/// refuses in text (every search answered 500), and the other C0/C1 controls, which XML feeds and iCalendar refuse and
/// which hide in pasted text. Tab and line breaks stay: multi-line fields need them. A path with a control character,
/// and a form with a NUL (which ASP.NET Core's form reader refuses), are answered 400.
/// </summary>
public static class ControlCharacters
{
    public static IApplicationBuilder UseControlCharacterFilter(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        // The error page shown for a refused request reads nothing from it.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next();
            return;
        }
        if (request.Path.HasValue && request.Path.Value!.Any(char.IsControl))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (request.QueryString.HasValue && request.Query.Any(p => p.Value.Any(HasControl) || HasControl(p.Key)))
        {
            var cleaned = request.Query.Select(p => KeyValuePair.Create(Strip(p.Key)!, new StringValues([.. p.Value.Select(Strip)])));
            request.QueryString = QueryString.Create(cleaned);
            context.Features.Set<IQueryFeature>(null);
        }
        if (request.HasFormContentType)
        {
            // The form is read here, before the page: the page's own size limit must already hold, so it is applied first.
            if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } limit
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = limit.MaxRequestBodySize;
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
            {
                // A body that is not the form it says it is: a broken multipart boundary, or a NUL, which ASP.NET Core's
                // own form reader refuses.
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            if (form.Any(p => p.Value.Any(HasControl)))
            {
                var cleaned = form.ToDictionary(p => p.Key, p => new StringValues([.. p.Value.Select(Strip)]));
                context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(cleaned, form.Files)));
            }
        }
        await next();
    });

    /// <summary>A control character other than tab, CR and LF.</summary>
    public static bool IsUnwanted(char c) => char.IsControl(c) && c is not ('\t' or '\r' or '\n');

    public static bool HasControl(string? value) => value is not null && value.Any(IsUnwanted);

    public static string? Strip(string? value) => HasControl(value) ? new string([.. value!.Where(c => !IsUnwanted(c))]) : value;
}
