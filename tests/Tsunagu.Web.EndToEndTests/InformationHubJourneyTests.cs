using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.News;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

public class InformationHubJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_PublishesNewsAndACase_VisitorOnAPhoneFindsThemFromHomeSearchAndGroupPage()
    {
        using (var scope = app.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoGroups>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<DemoNews>().SeedAsync();
        }
        var group = await TestData.WithDbAsync(app.Factory, db => db.Groups.IgnoreQueryFilters()
            .Where(g => db.Cities.Any(c => c.Id == g.CityId && c.Slug == "nagato") && g.Name.Contains("手話サークル")).OrderBy(g => g.Id)
            .Select(g => new { g.Id, g.Name }).FirstAsync());
        var staffUser = await TestData.CreateUserAsync(app.Factory, u => u.InCity("nagato", CityRole.CentreStaff).ExemptFromTwoFactor());

        // Staff write a news item about the group.
        var staff = await app.NewPageAsync();
        await staff.SignInAsync(staffUser.Email!);
        await staff.GotoAsync("/nagato/admin");
        await staff.GetByRole(AriaRole.Link, new() { Name = "お知らせの管理" }).ClickAsync();
        await staff.AssertAccessibleAsync("h01-admin-news");
        await staff.GetByRole(AriaRole.Link, new() { Name = "お知らせを書く" }).ClickAsync();
        await staff.GetByLabel("タイトル").FillAsync("手話体験会を開きます");
        await staff.GetByLabel("本文").FillAsync("## 日時\n12月の毎週土曜日 10時から\n\n- 初めての方も歓迎\n- [センターのページ](https://example.jp/)");
        await staff.GetByLabel("関連する団体").SelectOptionAsync(new SelectOptionValue { Label = group.Name });
        await staff.GetByLabel("公開する").CheckAsync();
        await staff.AssertAccessibleAsync("h02-news-form");
        await staff.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        (await staff.Locator("main").TextContentAsync() ?? "").ShouldContain("お知らせを公開しました");

        // And a case study the group took part in; a missing field is refused first.
        await staff.GotoAsync("/nagato/admin/cases/new");
        await staff.GetByLabel("タイトル").FillAsync("手話で伝える防災訓練");
        await staff.GetByLabel("種類").SelectOptionAsync("Collaboration");
        await staff.GetByLabel("概要").FillAsync("手話サークルと市が共催で、聴覚障害のある方も参加できる防災訓練を開きました。");
        await staff.GetByLabel("本文").FillAsync("市の防災担当と手話サークルが、訓練の案内を手話と文字で行いました。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        (await staff.Locator(".error-summary").TextContentAsync() ?? "").ShouldContain("活動分野を1つ以上選んでください");
        await staff.AssertAccessibleAsync("h03-case-form-error");
        await staff.GetByLabel("保健・医療・福祉").CheckAsync();
        await staff.GetByLabel("災害救援").CheckAsync();
        await staff.GetByLabel("共催", new() { Exact = true }).CheckAsync();
        await staff.GetByLabel("関わった団体").SelectOptionAsync(new[] { new SelectOptionValue { Label = group.Name } });
        await staff.GetByLabel("公開する").CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        (await staff.Locator("main").TextContentAsync() ?? "").ShouldContain("事例を公開しました");

        // A visitor on a phone: the city home links to the news.
        var page = await app.NewPageAsync(width: 375, height: 800);
        await page.GotoAsync("/nagato");
        await page.AssertAccessibleAsync("h04-home-phone");
        await page.Locator("main .card-list").GetByRole(AriaRole.Link, new() { Name = "お知らせ", Exact = true }).ClickAsync();
        await page.AssertAccessibleAsync("h05-news-list-phone");
        (await page.Locator("head link[rel=alternate][type='application/atom+xml']").CountAsync()).ShouldBe(1);
        await page.GetByRole(AriaRole.Link, new() { Name = "手話体験会を開きます" }).ClickAsync();
        (await page.Locator("main h2").First.TextContentAsync() ?? "").ShouldBe("日時");
        await page.AssertAccessibleAsync("h06-news-phone");

        // The home page's search box finds the case study.
        await page.GotoAsync("/nagato");
        await page.GetByLabel("サイト内を検索").FillAsync("手話");
        await page.GetByRole(AriaRole.Button, new() { Name = "検索する" }).ClickAsync();
        await page.AssertAccessibleAsync("h07-search-phone");
        (await page.Locator("#groups-title").TextContentAsync() ?? "").ShouldNotContain("（0件）");
        await page.GetByRole(AriaRole.Link, new() { Name = "手話で伝える防災訓練" }).ClickAsync();
        await page.AssertAccessibleAsync("h08-case-phone");

        // The case links to the group, whose page shows both.
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = group.Name }).ClickAsync();
        var main = await page.Locator("main").TextContentAsync() ?? "";
        main.ShouldContain("手話体験会を開きます");
        main.ShouldContain("手話で伝える防災訓練");
        await page.AssertAccessibleAsync("h09-group-phone");

        // Grants: open ones first, the closed demo notice marked.
        await page.GotoAsync("/nagato/grants");
        (await page.Locator("main").TextContentAsync() ?? "").ShouldContain("募集終了");
        await page.AssertAccessibleAsync("h10-grants-phone");
        await page.GotoAsync("/nagato/cases?form=CoHosting");
        await page.AssertAccessibleAsync("h11-cases-phone");
    }

}
