using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Tsunagu.Web.Operations;

/// <summary>
/// Characters nobody types (Shared/ControlCharacters.cs), removed from every query value before anything reads it: a
/// NUL in a search answered 500 on PostgreSQL. Forms refuse them with a message next to the field instead
/// (NoControlCharactersEverywhere); a form with a NUL, which ASP.NET Core's form reader refuses, and a path with a
/// control character are answered 400.
/// </summary>
public static class ControlCharacterFilter
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
        await next();
    });

    private static bool HasControl(string? value) => Shared.ControlCharacters.Any(value);

    private static string? Strip(string? value) => value is null ? null : Shared.ControlCharacters.Remove(value);
}
