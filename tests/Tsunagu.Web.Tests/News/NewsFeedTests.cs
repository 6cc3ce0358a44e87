using System.Net;
using System.Xml.Linq;
using Tsunagu.Web.Features.News;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.News;

/// <summary>The Atom feed as feed readers meet it: HTML bodies, hostile characters in what staff pasted, found from every page.</summary>
public class NewsFeedTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private async Task<Browser> StaffAsync(string city)
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity(city, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private async Task<List<XElement>> EntriesAsync(string city)
    {
        var response = await Browser.For(factory).GetAsync($"/{city}/feed.atom");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements(Atom + "entry").ToList();
    }

    private static XElement Entry(List<XElement> entries, string url) => entries.Single(e => e.Element(Atom + "id")!.Value == url);

    [Fact]
    public async Task Feed_WithControlCharactersInANewsItem_StillAnswers_WithoutThem()
    {
        // Pasted text that reached the database before the forms refused it (or by another way in).
        var cityId = await TestData.CityIdAsync(factory, "muroran");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var id = await TestData.WithDbAsync(factory, async db =>
        {
            var item = new NewsItem
            {
                CityId = cityId,
                Title = "抜き\u0001打ち\u000B点検\uFFFEのお知らせ",
                Body = "本文\u0008です。\u001F\n\n次の段落\uFFFF",
                PublishedOn = today,
                IsPublished = true,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            db.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        });

        var entry = Entry(await EntriesAsync("muroran"), $"http://localhost/muroran/news/{id}");
        entry.Element(Atom + "title")!.Value.ShouldBe("抜き打ち点検のお知らせ");
        entry.Element(Atom + "summary")!.Value.ShouldBe("本文です。 次の段落");
        entry.Element(Atom + "content")!.Value.ShouldBe("<p>本文です。</p>\n<p>次の段落</p>\n");
    }

    [Fact]
    public async Task Feed_CarriesTheSanitisedHtmlOfNewsAndNotices()
    {
        var staff = await StaffAsync("nagato");
        var created = await staff.SubmitAsync("/nagato/admin/news/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "HTMLで届くお知らせ",
            ["Input.Body"] = "一つ目の段落。\n\n[申込のページ](https://example.jp/apply) と [相対リンク](/nagato/groups)\n\n<script>alert(1)</script>",
            ["Input.PublishedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.IsPublished"] = "true",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var newsId = created.Headers.Location!.OriginalString.Split('/')[^1];
        var grant = await staff.SubmitAsync("/nagato/admin/grants/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "HTMLで届く助成金",
            ["Input.Funder"] = "長門市 & 財団",
            ["Input.Deadline"] = "2099-03-31",
            ["Input.Eligibility"] = "市内の団体\n設立1年以上",
            ["Input.Description"] = "**上限**は10万円です。",
            ["Input.LinkUrl"] = "https://example.jp/grant",
            ["Input.PublishedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.IsPublished"] = "true",
        });
        grant.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var grantId = grant.Headers.Location!.OriginalString.Split('/')[^1];

        var entries = await EntriesAsync("nagato");
        var news = Entry(entries, $"http://localhost/nagato/news/{newsId}").Element(Atom + "content")!;
        news.Attribute("type")!.Value.ShouldBe("html");
        news.Attribute(XNamespace.Xml + "base")!.Value.ShouldBe($"http://localhost/nagato/news/{newsId}");
        news.Value.ShouldContain("<p>一つ目の段落。</p>");
        news.Value.ShouldContain("<a href=\"https://example.jp/apply\">申込のページ</a>");
        news.Value.ShouldContain("<a href=\"/nagato/groups\">相対リンク</a>");
        news.Value.ShouldNotContain("<script>");
        news.Value.ShouldContain("&lt;script&gt;");

        var notice = Entry(entries, $"http://localhost/nagato/grants/{grantId}").Element(Atom + "content")!;
        notice.Attribute("type")!.Value.ShouldBe("html");
        notice.Value.ShouldContain("実施団体：長門市 &amp; 財団");
        notice.Value.ShouldContain("対象：市内の団体<br>設立1年以上");
        notice.Value.ShouldContain("<strong>上限</strong>");
        notice.Value.ShouldContain("<a href=\"https://example.jp/grant\">");
    }

    [Theory]
    [InlineData("/admin/news/new", "Input.Title", "\u0001")]
    [InlineData("/admin/news/new", "Input.Body", "\u000B")]
    [InlineData("/admin/grants/new", "Input.Funder", "\uFFFE")]
    [InlineData("/admin/grants/new", "Input.Description", "\u007F")]
    [InlineData("/admin/cases/new", "Input.Title", "\u0002")]
    [InlineData("/admin/cases/new", "Input.Summary", "\u001B")]
    public async Task Forms_RefuseControlCharacters_WithAMessageNextToTheField(string page, string field, string character)
    {
        var staff = await StaffAsync("yamaguchi");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var fields = page switch
        {
            "/admin/news/new" => new Dictionary<string, string> { ["Input.Title"] = "お知らせ", ["Input.Body"] = "本文", ["Input.PublishedOn"] = today },
            "/admin/grants/new" => new Dictionary<string, string>
            {
                ["Input.Title"] = "助成金",
                ["Input.Funder"] = "市",
                ["Input.Deadline"] = "2099-03-31",
                ["Input.Eligibility"] = "団体",
                ["Input.Description"] = "説明",
                ["Input.PublishedOn"] = today,
            },
            _ => new Dictionary<string, string>
            {
                ["Input.Title"] = "事例",
                ["Input.Kind"] = "Activity",
                ["Input.Summary"] = "概要",
                ["Input.Body"] = "本文",
                ["Input.FiscalYear"] = "2025",
                ["Input.Fields"] = "1",
                ["Input.PublishedOn"] = today,
            },
        };
        fields[field] = $"前{character}後";
        var response = await staff.SubmitAsync("/yamaguchi" + page, fields);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "nothing is saved");
        var form = await Browser.ParseAsync(response);
        form.QuerySelector($"#{field.Replace('.', '_')}-error")!.TextContent.ShouldContain("制御文字");
        form.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ShouldBe([$"#{field.Replace('.', '_')}"]);

        fields[field] = "前\t後";
        (await staff.SubmitAsync("/yamaguchi" + page, fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a tab is ordinary text");
    }

    [Theory]
    [InlineData("/nagato")]
    [InlineData("/nagato/groups")]
    [InlineData("/nagato/events")]
    [InlineData("/nagato/news")]
    [InlineData("/nagato/grants")]
    public async Task EveryCityPage_AdvertisesTheCitysFeeds(string path)
    {
        await factory.EnsurePreparedAsync();
        var (_, page) = await Browser.For(factory).GetPageAsync(path);
        var links = page.Head!.QuerySelectorAll("link[rel=alternate]").ToList();
        var atom = links.Single(l => l.GetAttribute("type") == "application/atom+xml");
        atom.GetAttribute("href").ShouldBe("/nagato/feed.atom");
        atom.GetAttribute("title").ShouldNotBeNullOrWhiteSpace();
        var calendar = links.Single(l => l.GetAttribute("type") == "text/calendar");
        calendar.GetAttribute("href").ShouldBe("/nagato/events.ics");
        calendar.GetAttribute("title").ShouldNotBeNullOrWhiteSpace();

        var (_, home) = await Browser.For(factory).GetPageAsync("/");
        home.Head!.QuerySelectorAll("link[rel=alternate]").ShouldBeEmpty("the list of cities has no feed of its own");
    }
}
