using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.News;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.News;

public class InformationHubTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private async Task SeedDemoAsync()
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DemoGroups>().SeedAsync();
        await scope.ServiceProvider.GetRequiredService<DemoNews>().SeedAsync();
    }

    private async Task<Browser> StaffAsync(string city = City)
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity(city, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private static int IdFrom(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, string> NewsFields(string title, string body, bool publish = true, string? groupId = null) => new()
    {
        ["Input.Title"] = title,
        ["Input.Body"] = body,
        ["Input.PublishedOn"] = "2026-11-20",
        ["Input.GroupId"] = groupId ?? "",
        ["Input.IsPublished"] = publish ? "true" : "false",
    };

    private Task<int> DemoGroupIdAsync(string theme, string city = City) =>
        TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters()
            .Where(g => db.Cities.Any(c => c.Id == g.CityId && c.Slug == city) && g.Name.Contains(theme)).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync());

    [Fact]
    public async Task Post_MarkdownWithScriptAndJavascriptLink_IsShownEscaped()
    {
        var staff = await StaffAsync();
        var body = "## 見出し\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) と [y](JaVaScRiPt:alert(2)) と <javascript:alert(3)>\n\n[安全なリンク](https://example.jp/a) と <img src=x onerror=alert(4)>";
        var id = IdFrom(await staff.SubmitAsync($"/{City}/admin/news/new", NewsFields("スクリプトのテスト", body)));

        var (response, page) = await Browser.For(factory).GetPageAsync($"/{City}/news/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var prose = page.QuerySelector(".prose")!;
        prose.QuerySelectorAll("script").ShouldBeEmpty();
        prose.QuerySelectorAll("img").ShouldBeEmpty();
        page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!.Trim().ToLowerInvariant()).ShouldAllBe(h => !h.StartsWith("javascript:"));
        prose.TextContent.ShouldContain("<script>alert(1)</script>");
        prose.QuerySelector("h2")!.TextContent.ShouldBe("見出し");
        prose.QuerySelector("a[href='https://example.jp/a']")!.TextContent.ShouldBe("安全なリンク");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("<script>alert");
    }

    [Theory]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" java\tscript:alert(1)", false)]
    [InlineData("data:text/html,<b>", false)]
    [InlineData("vbscript:x", false)]
    [InlineData("https://example.jp/", true)]
    [InlineData("mailto:a@example.jp", true)]
    [InlineData("/shimonoseki/groups", true)]
    [InlineData("page?x=a:b", true)]
    public void SafeUrl_AllowsOnlyWebMailAndRelativeAddresses(string url, bool safe) => SafeMarkdown.IsSafeUrl(url).ShouldBe(safe);

    [Fact]
    public async Task Draft_IsNotPublic_PublishedIs_AndOtherCityCannotSeeIt()
    {
        var staff = await StaffAsync();
        var draft = IdFrom(await staff.SubmitAsync($"/{City}/admin/news/new", NewsFields("下書きのお知らせ", "まだ公開しない", publish: false)));
        var published = IdFrom(await staff.SubmitAsync($"/{City}/admin/news/new", NewsFields("公開のお知らせ", "公開する")));
        var anonymous = Browser.For(factory);

        (await anonymous.GetAsync($"/{City}/news/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/{City}/news/{published}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, list) = await anonymous.GetPageAsync($"/{City}/news");
        list.QuerySelector($"a[href='/{City}/news/{published}']").ShouldNotBeNull();
        list.QuerySelector($"a[href='/{City}/news/{draft}']").ShouldBeNull();
        // Staff preview the draft on its public address, marked as a draft.
        var (preview, previewPage) = await staff.GetPageAsync($"/{City}/news/{draft}");
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        previewPage.QuerySelector("main")!.TextContent.ShouldContain("下書きです");

        (await anonymous.GetAsync($"/nagato/news/{published}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await StaffAsync("nagato")).GetAsync($"/nagato/admin/news/{published}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Unpublishing hides it again; deleting removes it.
        var edit = $"/{City}/admin/news/{published}";
        (await staff.SubmitAsync(edit, NewsFields("公開のお知らせ", "公開する", publish: false))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await anonymous.GetAsync($"/{City}/news/{published}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await staff.PostWithTokenAsync(edit, edit + "?handler=Delete", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await staff.GetAsync(edit)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_GrantWithMissingTitleBadUrlAndNegativeAmount_ShowsErrorsNextToTheFields()
    {
        var staff = await StaffAsync();
        var response = await staff.SubmitAsync($"/{City}/admin/grants/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "",
            ["Input.Funder"] = "市",
            ["Input.AmountMaxYen"] = "-100",
            ["Input.Deadline"] = "2026-13-40",
            ["Input.Eligibility"] = "市民活動団体",
            ["Input.Description"] = "説明",
            ["Input.LinkUrl"] = "javascript:alert(1)",
            ["Input.PublishedOn"] = "2026-11-20",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_Title-error")!.TextContent.ShouldContain("名称を入力してください");
        page.QuerySelector("#Input_AmountMaxYen-error")!.TextContent.ShouldContain("上限額は0以上の整数");
        page.QuerySelector("#Input_LinkUrl-error")!.TextContent.ShouldContain("https:// または http://");
        page.QuerySelector("#Input_Deadline-error")!.TextContent.ShouldContain("年-月-日");
        var summary = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        summary.ShouldBe(["#Input_Title", "#Input_AmountMaxYen", "#Input_Deadline", "#Input_LinkUrl"]);
    }

    [Fact]
    public async Task Grants_OpenOnesFirst_ClosedOnesMarked()
    {
        var staff = await StaffAsync("yamaguchi");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Tsunagu.Web.Shared.Display.TokyoZone));
        async Task<int> GrantAsync(string title, DateOnly deadline) => IdFrom(await staff.SubmitAsync("/yamaguchi/admin/grants/new", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Funder"] = "山口市",
            ["Input.AmountMaxYen"] = "５００,０００",
            ["Input.AmountNote"] = "上限50万円",
            ["Input.Deadline"] = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Eligibility"] = "市民活動団体",
            ["Input.Description"] = "説明",
            ["Input.LinkUrl"] = "https://example.jp/g",
            ["Input.PublishedOn"] = "2026-11-01",
            ["Input.IsPublished"] = "true",
        }));
        var closed = await GrantAsync("締切を過ぎた交付金", today.AddDays(-1));
        var open = await GrantAsync("きょう締切の交付金", today);
        (await TestData.WithDbAsync(factory, db => db.GrantNotices.IgnoreQueryFilters().Where(g => g.Id == open).Select(g => g.AmountMaxYen).SingleAsync())).ShouldBe(500000);

        var (_, page) = await Browser.For(factory).GetPageAsync("/yamaguchi/grants");
        var links = page.QuerySelectorAll("main h3 a").Select(a => a.GetAttribute("href")).ToList();
        links.IndexOf($"/yamaguchi/grants/{open}").ShouldBeLessThan(links.IndexOf($"/yamaguchi/grants/{closed}"));
        page.QuerySelector($"a[href='/yamaguchi/grants/{closed}']")!.Closest("li")!.TextContent.ShouldContain("募集終了");
        page.QuerySelector($"a[href='/yamaguchi/grants/{open}']")!.Closest("li")!.TextContent.ShouldContain("募集中");
    }

    [Fact]
    public async Task CaseStudy_LinksGroups_AndFiltersByFieldAndForm()
    {
        await SeedDemoAsync();
        var groupId = await DemoGroupIdAsync("里山保全クラブ", "muroran");
        var staff = await StaffAsync("muroran");
        var form = new List<KeyValuePair<string, string>>
        {
            new("Input.Title", "里山の散策道を市と一緒に整備"), new("Input.Kind", "Collaboration"), new("Input.Summary", "市の委託で散策道を整備しました。"),
            new("Input.Body", "本文"), new("Input.FiscalYear", "令和7年度"), new("Input.Fields", "7"), new("Input.Fields", "5"),
            new("Input.Forms", "Commission"), new("Input.GroupIds", groupId.ToString(CultureInfo.InvariantCulture)), new("Input.PublishedOn", "2026-11-20"), new("Input.IsPublished", "true"),
        };
        var (_, newPage) = await staff.GetPageAsync("/muroran/admin/cases/new");
        form.Add(new("__RequestVerificationToken", newPage.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        var id = IdFrom(await staff.Client.PostAsync("/muroran/admin/cases/new", new FormUrlEncodedContent(form)));

        var anonymous = Browser.For(factory);
        var (_, detail) = await anonymous.GetPageAsync($"/muroran/cases/{id}");
        detail.QuerySelector($"main a[href='/muroran/groups/{groupId}']").ShouldNotBeNull();
        detail.QuerySelector("main")!.TextContent.ShouldContain("委託");
        detail.QuerySelector("main")!.TextContent.ShouldContain("令和7年度");

        async Task<bool> Listed(string query) => (await anonymous.GetPageAsync("/muroran/cases" + query)).Page.QuerySelector($"a[href='/muroran/cases/{id}']") is not null;
        (await Listed("?field=7")).ShouldBeTrue();
        (await Listed("?field=13")).ShouldBeFalse();
        (await Listed("?form=Commission")).ShouldBeTrue();
        (await Listed("?form=Subsidy")).ShouldBeFalse();
        (await Listed("?field=5&form=Commission&kind=Collaboration")).ShouldBeTrue();

        // The group's page shows the case it appears in.
        var (_, groupPage) = await anonymous.GetPageAsync($"/muroran/groups/{groupId}");
        groupPage.QuerySelector($"#group-cases-title")!.ParentElement!.QuerySelector($"a[href='/muroran/cases/{id}']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Post_CaseWithoutFieldOrKind_ShowsErrors()
    {
        var staff = await StaffAsync();
        var response = await staff.SubmitAsync($"/{City}/admin/cases/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "事例",
            ["Input.Kind"] = "",
            ["Input.Summary"] = "概要",
            ["Input.Body"] = "本文",
            ["Input.FiscalYear"] = "むかし",
            ["Input.PublishedOn"] = "2026-11-20",
        });
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_Kind-error")!.TextContent.ShouldContain("種類を選んでください");
        page.QuerySelector("#Input_Fields-error")!.TextContent.ShouldContain("活動分野を1つ以上選んでください");
        page.QuerySelector("#Input_FiscalYear-error")!.TextContent.ShouldContain("年度は");
    }

    [Fact]
    public async Task GroupPage_ShowsItsLatestPublishedNews()
    {
        await SeedDemoAsync();
        var groupId = await DemoGroupIdAsync("手話サークル");
        var staff = await StaffAsync();
        var id = IdFrom(await staff.SubmitAsync($"/{City}/admin/news/new", NewsFields("手話サークルの体験会", "どなたでも", groupId: groupId.ToString(CultureInfo.InvariantCulture))));
        var draft = IdFrom(await staff.SubmitAsync($"/{City}/admin/news/new", NewsFields("手話サークルの下書き", "まだ", publish: false, groupId: groupId.ToString(CultureInfo.InvariantCulture))));
        var (_, page) = await Browser.For(factory).GetPageAsync($"/{City}/groups/{groupId}");
        var section = page.QuerySelector("#group-news-title")!.ParentElement!;
        section.QuerySelector($"a[href='/{City}/news/{id}']").ShouldNotBeNull();
        section.QuerySelector($"a[href='/{City}/news/{draft}']").ShouldBeNull();
        var (_, newsPage) = await Browser.For(factory).GetPageAsync($"/{City}/news/{id}");
        newsPage.QuerySelector($"main a[href='/{City}/groups/{groupId}']").ShouldNotBeNull();
    }

    [Fact]
    public async Task AtomFeed_IsWellFormed_HasNewsAndNotices_AndNoRepresentativeContact()
    {
        await SeedDemoAsync();
        var staff = await StaffAsync("nagato");
        var groupId = await DemoGroupIdAsync("子ども食堂", "nagato");
        var newsId = IdFrom(await staff.SubmitAsync("/nagato/admin/news/new", NewsFields("フィードに載るお知らせ & <特集>", "本文 **太字**", groupId: groupId.ToString(CultureInfo.InvariantCulture))));

        var response = await Browser.For(factory).GetAsync("/nagato/feed.atom");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
        var xml = await response.Content.ReadAsStringAsync();
        var feed = XDocument.Parse(xml).Root!;
        feed.Name.ShouldBe(Atom + "feed");
        feed.Element(Atom + "id")!.Value.ShouldBe("http://localhost/nagato/feed.atom");
        feed.Element(Atom + "title")!.Value.ShouldNotBeNullOrWhiteSpace();
        DateTimeOffset.Parse(feed.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.MinValue);
        feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value.ShouldBe("http://localhost/nagato/feed.atom");
        feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value.ShouldBe("http://localhost/nagato/news");
        var entries = feed.Elements(Atom + "entry").ToList();
        entries.ShouldAllBe(e => e.Element(Atom + "id") != null && e.Element(Atom + "title") != null && e.Element(Atom + "updated") != null && e.Element(Atom + "link") != null);
        entries.ShouldContain(e => e.Element(Atom + "id")!.Value == $"http://localhost/nagato/news/{newsId}" && e.Element(Atom + "title")!.Value == "フィードに載るお知らせ & <特集>");
        entries.ShouldContain(e => e.Element(Atom + "title")!.Value.Contains("市民のちから応援補助金"));
        entries.ShouldNotContain(e => e.Element(Atom + "id")!.Value.Contains("/shimonoseki/"));

        var representativeEmails = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Select(g => g.RepresentativeEmail).ToListAsync());
        representativeEmails.ShouldNotBeEmpty();
        foreach (var email in representativeEmails) xml.ShouldNotContain(email);
        xml.ShouldNotContain("代表者（デモ）");
    }

    [Fact]
    public async Task Search_FindsGroupsByKatakanaAgainstHiragana_AndNewsNoticesAndCasesByPartialWords()
    {
        await SeedDemoAsync();
        var anonymous = Browser.For(factory);
        // Demo groups' furigana is hiragana (さとやまほぜんくらぶ); a partial katakana word finds them.
        var (_, page) = await anonymous.GetPageAsync("/yamaguchi/search?q=" + Uri.EscapeDataString("ホゼンクラ"));
        var groups = page.QuerySelector("#groups-title")!.ParentElement!;
        groups.QuerySelectorAll("a[href^='/yamaguchi/groups/']").Select(a => a.TextContent).ShouldContain(n => n.Contains("里山保全クラブ"));
        page.QuerySelector("#groups-title")!.TextContent.ShouldNotContain("（0件）");

        (await anonymous.GetPageAsync("/yamaguchi/search?q=" + Uri.EscapeDataString("スキルアップ"))).Page
            .QuerySelector("#news-title")!.ParentElement!.QuerySelectorAll("a[href^='/yamaguchi/news/']").Length.ShouldBe(1);
        (await anonymous.GetPageAsync("/yamaguchi/search?q=" + Uri.EscapeDataString("促進事業"))).Page
            .QuerySelector("#grants-title")!.ParentElement!.QuerySelectorAll("a[href^='/yamaguchi/grants/']").Length.ShouldBe(1);
        (await anonymous.GetPageAsync("/yamaguchi/search?q=" + Uri.EscapeDataString("竹林"))).Page
            .QuerySelector("#cases-title")!.ParentElement!.QuerySelectorAll("a[href^='/yamaguchi/cases/']").Length.ShouldBe(1);
        // Another city's items are not found here.
        (await anonymous.GetPageAsync("/yamaguchi/search?q=" + Uri.EscapeDataString("市民のちから"))).Page
            .QuerySelector("#grants-title")!.TextContent.ShouldContain("0");
    }

    [Fact]
    public async Task Search_NeverShowsRepresentativeContact()
    {
        await SeedDemoAsync();
        var email = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters()
            .Where(g => db.Cities.Any(c => c.Id == g.CityId && c.Slug == City) && g.IsDemo && g.NameKana != "").OrderBy(g => g.Id).Select(g => g.RepresentativeEmail).FirstAsync());
        // Searching for the representative's address finds nothing (the query itself is only echoed back) ...
        var (_, byEmail) = await Browser.For(factory).GetPageAsync($"/{City}/search?q=" + Uri.EscapeDataString(email));
        byEmail.QuerySelector("#groups-title")!.TextContent.ShouldContain("（0件）");
        // ... and broad searches that list many demo groups never show it.
        foreach (var q in new[] { "デモ", "の", "会" })
        {
            var response = await Browser.For(factory).GetAsync($"/{City}/search?q=" + Uri.EscapeDataString(q));
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain("（デモ）");
            html.ShouldNotContain("representative-");
            html.ShouldNotContain(email);
            html.ShouldNotContain("代表者（デモ）");
        }
    }

    [Fact]
    public async Task DemoNews_GivesEachCityNewsNoticesAndCases_MarkedAsDemo_Once()
    {
        // A database of its own: the other tests here add news before the demo seeding could.
        using var fresh = new TsunaguFactory();
        await fresh.EnsurePreparedAsync();
        using (var seedScope = fresh.Services.CreateScope())
        {
            await seedScope.ServiceProvider.GetRequiredService<DemoGroups>().SeedAsync();
            (await seedScope.ServiceProvider.GetRequiredService<DemoNews>().SeedAsync()).ShouldBeGreaterThan(40);
        }
        using var scope = fresh.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<DemoNews>().SeedAsync()).ShouldBe(0);
        var counts = await TestData.WithDbAsync(fresh, async db => new
        {
            News = await db.NewsItems.IgnoreQueryFilters().GroupBy(n => n.CityId).Select(g => g.Count()).ToListAsync(),
            Closed = await db.GrantNotices.IgnoreQueryFilters().Where(g => g.Deadline < DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2))).CountAsync(),
            CaseGroups = await db.Set<CaseStudyGroup>().CountAsync(),
            NotDemo = await db.CaseStudies.IgnoreQueryFilters().CountAsync(c => !c.IsDemo),
        });
        counts.News.Count.ShouldBe(4);
        counts.News.ShouldAllBe(n => n >= 5);
        counts.Closed.ShouldBeGreaterThanOrEqualTo(4);
        counts.CaseGroups.ShouldBeGreaterThan(16);
        counts.NotDemo.ShouldBe(0);
        var (_, page) = await Browser.For(fresh).GetPageAsync("/muroran/grants");
        page.QuerySelector("main")!.TextContent.ShouldContain("まちづくり活動支援補助金");
        var first = page.QuerySelector("main h3 a")!.GetAttribute("href")!;
        (await Browser.For(fresh).GetPageAsync(first)).Page.QuerySelector("main")!.TextContent.ShouldContain("デモ用の架空のデータです");
    }

    [Theory]
    [InlineData(CityRole.GroupAdmin)]
    [InlineData(CityRole.DepartmentStaff)]
    public async Task NonStaff_AreDeniedTheStaffPages(CityRole role)
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity(City, role).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        foreach (var url in new[] { "news", "news/new", "grants/new", "cases/new" })
        {
            var response = await browser.GetAsync($"/{City}/admin/{url}");
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            response.Headers.Location!.OriginalString.ShouldContain("access-denied");
        }
        var citizen = Browser.For(factory);
        await citizen.SignInAsync((await TestData.CreateUserAsync(factory)).Email!);
        (await citizen.PostWithTokenAsync($"/{City}/news", $"/{City}/admin/news/new", NewsFields("x", "y"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.NewsItems.IgnoreQueryFilters().AnyAsync(n => n.Title == "x"))).ShouldBeFalse();
    }
}
