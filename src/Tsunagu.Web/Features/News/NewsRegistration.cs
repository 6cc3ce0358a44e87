using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.News;

public sealed class NewsRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<NewsService>();
        feature.Services.AddScoped<SiteSearch>();
        feature
            .StaffMenu(new(MenuSections.Centre, "お知らせの管理", "センターからのお知らせを書き、公開・非公開を切り替えます。団体のページにも表示できます。", "admin/news", Policies.CentreStaff) { Order = 120 })
            .StaffMenu(new(MenuSections.Centre, "助成金情報の管理", "助成金・補助金の募集情報を登録し、締切とともに公開します。", "admin/grants", Policies.CentreStaff) { Order = 130 })
            .StaffMenu(new(MenuSections.Centre, "事例の管理", "活動事例・協働事例を、活動分野と協働の形態、関わった団体とともに公開します。", "admin/cases", Policies.CentreStaff) { Order = 140 })
            .CityHome(new("お知らせ", "センターからのお知らせや、団体の活動の話題です。", "news") { Order = 40 })
            .CityHome(new("助成金情報", "市民活動に使える助成金・補助金の募集情報です。", "grants") { Order = 50 })
            .CityHome(new("活動事例・協働事例", "団体の活動と、市や地域との協働の事例を紹介します。", "cases") { Order = 60 })
            .CityHomeSection<LatestNewsSection>()
            .CityHomeSection<OpenGrantsSection>()
            .CityFeed(new("{0}のお知らせ・助成金情報", "feed.atom", "application/atom+xml") { Order = 10 })
            .DemoData<DemoNews>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapNewsFeed();
}
