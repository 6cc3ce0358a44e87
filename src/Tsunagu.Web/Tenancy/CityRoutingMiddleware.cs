namespace Tsunagu.Web.Tenancy;

/// <summary>
/// Resolves the {city} route value of pages and API endpoints: a slug sets the current city,
/// a valid city code redirects to the slug URL, anything else is 404.
/// </summary>
public class CityRoutingMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CityDirectory directory, CurrentCity current)
    {
        if (context.GetRouteValue("city") is string routeValue)
        {
            var city = await directory.FindAsync(routeValue, context.RequestAborted);
            if (city is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (!string.Equals(city.Slug, routeValue, StringComparison.Ordinal) && HttpMethods.IsGet(context.Request.Method))
            {
                var path = context.Request.Path.Value ?? "/";
                var prefix = "/" + routeValue;
                var apiPrefix = "/api/v1/" + routeValue;
                var newPath = path.StartsWith(apiPrefix, StringComparison.OrdinalIgnoreCase)
                    ? "/api/v1/" + city.Slug + path[apiPrefix.Length..]
                    : path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? "/" + city.Slug + path[prefix.Length..] : null;
                if (newPath is not null)
                {
                    context.Response.Redirect(newPath + context.Request.QueryString, permanent: false);
                    return;
                }
            }
            current.Set(city);
        }
        await next(context);
    }
}
