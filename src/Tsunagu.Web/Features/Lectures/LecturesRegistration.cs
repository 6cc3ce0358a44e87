namespace Tsunagu.Web.Features.Lectures;

public static class LecturesRegistration
{
    public static IServiceCollection AddLectures(this IServiceCollection services)
    {
        services.AddScoped<LectureService>();
        return services;
    }
}
