using System.Net;
using System.Net.Http.Json;
using Tsunagu.Web.Features.Cities;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Tenancy;

public class CityRoutingTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Fact]
    public async Task Get_Root_ListsTheFourDemoCities()
    {
        await factory.EnsurePreparedAsync();
        var (response, page) = await Browser.For(factory).GetPageAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldBe(["/muroran", "/shimonoseki", "/yamaguchi", "/nagato"], ignoreOrder: true);
        page.DocumentElement.GetAttribute("lang").ShouldBe("ja");
    }

    [Fact]
    public async Task Get_CityBySlug_ShowsCityAndCentre()
    {
        await factory.EnsurePreparedAsync();
        var (response, page) = await Browser.For(factory).GetPageAsync("/shimonoseki");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("下関市");
        page.QuerySelector(".site-header__city")!.TextContent.ShouldContain("しものせき市民活動センター");
    }

    [Theory]
    [InlineData("/352012", "/shimonoseki")]
    [InlineData("/352110", "/nagato")]
    [InlineData("/012050/admin", "/muroran/admin")]
    [InlineData("/api/v1/352039/districts", "/api/v1/yamaguchi/districts")]
    public async Task Get_CityByCode_RedirectsToSlug(string url, string expected)
    {
        await factory.EnsurePreparedAsync();
        var response = await Browser.For(factory).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(expected);
    }

    [Theory]
    [InlineData("/352013")] // check digit wrong
    [InlineData("/131016")] // valid code, not a Tsunagu city
    [InlineData("/atlantis")]
    [InlineData("/api/v1/352013/districts")]
    public async Task Get_UnknownOrBadCityCode_IsNotFound(string url)
    {
        await factory.EnsurePreparedAsync();
        var response = await Browser.For(factory).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Api_Cities_ListsSlugCodeAndName()
    {
        await factory.EnsurePreparedAsync();
        var cities = await factory.CreateClient().GetFromJsonAsync<List<CitiesApi.CityDto>>("/api/v1/cities");
        cities!.Select(c => (c.Slug, c.Code, c.Name)).ShouldBe(
            [("muroran", "012050", "室蘭市"), ("shimonoseki", "352012", "下関市"), ("yamaguchi", "352039", "山口市"), ("nagato", "352110", "長門市")],
            ignoreOrder: true);
    }

    [Fact]
    public async Task Nagato_HasItsTenCouncilsWithFigures()
    {
        await factory.EnsurePreparedAsync();
        var districts = await factory.CreateClient().GetFromJsonAsync<List<CitiesApi.DistrictDto>>("/api/v1/nagato/districts");
        districts!.Count.ShouldBe(10);
        districts.ShouldAllBe(d => d.Population > 0 && d.Population65Plus > 0 && d.Households > 0 && d.AgingRatePercent > 0);
        foreach (var d in districts)
            ((decimal)d.Population65Plus!.Value * 100 / d.Population!.Value).ShouldBe(d.AgingRatePercent!.Value, 0.15m);
    }

    [Fact]
    public async Task EveryCity_HasDepartments()
    {
        await factory.EnsurePreparedAsync();
        foreach (var slug in new[] { "shimonoseki", "yamaguchi", "nagato", "muroran" })
        {
            var departments = await factory.CreateClient().GetFromJsonAsync<List<CitiesApi.DepartmentDto>>($"/api/v1/{slug}/departments");
            departments!.ShouldNotBeEmpty(slug);
        }
    }
}
