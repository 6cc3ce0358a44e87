using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.Errors;

/// <summary>
/// Every error under <c>/api/</c> is problem details (RFC 9457, <c>application/problem+json</c>) with <c>type</c>,
/// <c>title</c>, <c>status</c> and <c>detail</c>, whatever the <c>Accept</c> header: a bare status (an unknown route or
/// city, 401 and 403 from authorization, 405, 429 from a rate limiter, a record not found), an exception, and the
/// problems endpoints return themselves. A 401 says how to authenticate (<c>WWW-Authenticate: Bearer</c>, RFC 6750).
/// Other paths keep the HTML error pages (<see cref="ErrorModel"/>).
/// </summary>
public static class ApiProblems
{
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fills in what an endpoint's own problem leaves out (its type, detail, the 401 header).</summary>
    public static IServiceCollection AddApiProblems(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (IsApi(c.HttpContext)) Complete(c.ProblemDetails, c.HttpContext);
        });

    /// <summary>
    /// After request localization, so the detail is in the request's language; before routing, so unknown routes and
    /// wrong methods are covered as well as everything the endpoints do.
    /// </summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) => app.UseWhen(IsApi, api =>
    {
        // The exception is logged by the middleware; the client gets no stack trace, in Development either.
        api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = context => WriteAsync(context),
        });
        api.UseStatusCodePages(context => WriteAsync(context.HttpContext));
    });

    private static Task WriteAsync(HttpContext context)
    {
        var problem = new ProblemDetails { Status = context.Response.StatusCode };
        Complete(problem, context);
        // Written even when the client asked only for HTML: a program reading /api/ gets the same shape every time.
        return Results.Problem(problem).ExecuteAsync(context);
    }

    private static void Complete(ProblemDetails problem, HttpContext context)
    {
        var status = problem.Status ??= context.Response.StatusCode;
        problem.Type ??= Types.TryGetValue(status, out var type) ? type : "about:blank";
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        var bearerSent = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        problem.Detail ??= Detail(status, bearerSent, context.RequestServices.GetService<Text>() ?? new Text());
        if (status == StatusCodes.Status401Unauthorized && string.IsNullOrEmpty(context.Response.Headers.WWWAuthenticate))
            context.Response.Headers.WWWAuthenticate = bearerSent ? "Bearer error=\"invalid_token\"" : "Bearer";
    }

    /// <summary>The section of the standard that defines each status, as ASP.NET links them.</summary>
    private static readonly Dictionary<int, string> Types = new()
    {
        [400] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        [401] = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        [403] = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        [404] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        [405] = "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        [406] = "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        [409] = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        [413] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [415] = "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        [422] = "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        [429] = "https://tools.ietf.org/html/rfc6585#section-4",
        [500] = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        [503] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
    };

    private static string Detail(int status, bool bearerSent, Text t) => status switch
    {
        400 => t["リクエストを読み取れませんでした。パラメーターとJSONの本文を確かめてください。"],
        401 when bearerSent => t["APIトークンが無効です。取り消されたか、アカウントがロックされている可能性があります。"],
        401 => t["個人のAPIトークンが必要です。Authorization: Bearer tsu_… で送ってください。"],
        403 => t["この操作を行う権限がありません。"],
        404 => t["このURLに当たるもの（都市またはデータ）が見つかりません。都市はURLの名前（例：shimonoseki）か団体コードで指定します。"],
        405 => t["このURLはこのメソッドを受け付けません。使えるメソッドはAllowヘッダーにあります。"],
        409 => t["いまの状態と合わないため、処理できませんでした。"],
        413 => t["本文が大きすぎます。このURLが受け付ける大きさを超えています。"],
        415 => t["本文の形式に対応していません。application/jsonで送ってください。"],
        422 => t["規則に合わないため、処理できませんでした。"],
        429 => t["リクエストが多すぎます。しばらく待ってから、もう一度お試しください。"],
        >= 500 => t["サーバーでエラーが発生しました。時間をおいて、もう一度お試しください。"],
        _ => t["リクエストを処理できませんでした。"],
    };
}
