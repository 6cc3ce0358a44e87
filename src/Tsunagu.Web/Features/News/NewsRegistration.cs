using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.News;

public static class NewsRegistration
{
    public static IServiceCollection AddNews(this IServiceCollection services)
    {
        services.AddScoped<NewsService>();
        services.AddScoped<SiteSearch>();
        // Each staff form serves both "new" and "edit": one page, two addresses.
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/News/Admin/NewsEdit", "{city}/admin/news/new");
            o.Conventions.AddPageRoute("/News/Admin/GrantEdit", "{city}/admin/grants/new");
            o.Conventions.AddPageRoute("/News/Admin/CaseEdit", "{city}/admin/cases/new");
        });
        return services;
    }

    public static void MapNews(this IEndpointRouteBuilder app) => app.MapNewsFeed();
}
