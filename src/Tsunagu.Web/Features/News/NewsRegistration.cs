namespace Tsunagu.Web.Features.News;

public static class NewsRegistration
{
    public static IServiceCollection AddNews(this IServiceCollection services)
    {
        services.AddScoped<NewsService>();
        services.AddScoped<SiteSearch>();
        return services;
    }

    public static void MapNews(this IEndpointRouteBuilder app) => app.MapNewsFeed();
}
