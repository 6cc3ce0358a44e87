using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Features.News;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Cities;

/// <summary>新着情報 on the city home: each feature's short list, linking to the items.</summary>
public class CityHomeTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "muroran";

    private Task<T> AddAsync<T>(T row) where T : class => TestData.WithDbAsync(factory, async db =>
    {
        db.Add(row);
        await db.SaveChangesAsync();
        return row;
    });

    /// <summary>The links of one section of 新着情報, by its heading.</summary>
    private static List<string> Section(IHtmlDocument home, string heading)
    {
        var card = home.QuerySelectorAll("main section[aria-labelledby=whats-new-title] li.card")
            .SingleOrDefault(c => c.QuerySelector("h3")!.TextContent == heading);
        return card?.QuerySelectorAll("ul.whats-new a").Select(a => a.GetAttribute("href") ?? "").ToList() ?? [];
    }

    [Fact]
    public async Task TheHome_ShowsTheLatestNewsGrantsEventsWithPlacesAndOpportunities_ButNotAFullEvent()
    {
        await factory.EnsurePreparedAsync();
        var cityId = await TestData.CityIdAsync(factory, City);
        var today = DateOnly.FromDateTime(Display.ToTokyo(DateTime.UtcNow));
        var now = DateTime.UtcNow;
        var news = await AddAsync(new NewsItem { CityId = cityId, Title = "センターの年末年始の休館", Body = "お休みします。", PublishedOn = today, IsPublished = true, CreatedAt = now, UpdatedAt = now });
        var draft = await AddAsync(new NewsItem { CityId = cityId, Title = "下書きのお知らせ", Body = "まだです。", PublishedOn = today, IsPublished = false, CreatedAt = now, UpdatedAt = now });
        var grant = await AddAsync(new GrantNotice
        {
            CityId = cityId,
            Title = "地域づくり助成",
            Funder = "室蘭市",
            Deadline = today.AddDays(30),
            Eligibility = "市内の団体",
            Description = "地域の活動を助成します。",
            PublishedOn = today,
            IsPublished = true,
            CreatedAt = now,
            UpdatedAt = now,
        });
        var closedGrant = await AddAsync(new GrantNotice
        {
            CityId = cityId,
            Title = "締め切った助成",
            Funder = "室蘭市",
            Deadline = today.AddDays(-1),
            Eligibility = "市内の団体",
            Description = "終わりました。",
            PublishedOn = today,
            IsPublished = true,
            CreatedAt = now,
            UpdatedAt = now,
        });
        var open = await TestData.CreateEventAsync(factory, City, e => e.Titled("防災講座").Places(20));
        var full = await TestData.CreateEventAsync(factory, City, e => e.Titled("満席の講座").Places(1));
        await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().Where(e => e.Id == full.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Confirmed, 1)));
        var opportunity = await TestData.CreateOpportunityAsync(factory, City, o => o.Titled("海岸清掃のボランティア"));

        var (_, home) = await Browser.For(factory).GetPageAsync($"/{City}");

        Section(home, "お知らせ").ShouldContain($"/{City}/news/{news.Id}");
        Section(home, "お知らせ").ShouldNotContain($"/{City}/news/{draft.Id}");
        Section(home, "助成金情報").ShouldContain($"/{City}/grants/{grant.Id}");
        Section(home, "助成金情報").ShouldNotContain($"/{City}/grants/{closedGrant.Id}");
        Section(home, "講座・イベント").ShouldContain($"/{City}/events/{open.Id}");
        Section(home, "講座・イベント").ShouldNotContain($"/{City}/events/{full.Id}");
        Section(home, "ボランティアの募集").ShouldContain($"/{City}/opportunities/{opportunity.Id}");
        // The event's line gives its date as people read it, with the weekday, and the places left.
        var eventLine = home.QuerySelector($"main a[href='/{City}/events/{open.Id}']")!.Closest("li")!.TextContent;
        eventLine.ShouldContain(Display.Tokyo(open.Meetings[0].StartsAt));
        eventLine.ShouldContain("残り20席");
        var more = home.QuerySelectorAll("main section[aria-labelledby=whats-new-title] li.card > p a").Select(a => a.GetAttribute("href")).ToList();
        more.ShouldContain($"/{City}/events");
        more.ShouldContain($"/{City}/news");

        // A section heading follows the section's h2; the feature cards stay after it.
        home.QuerySelector("main section[aria-labelledby=whats-new-title] h2")!.TextContent.ShouldBe("新着情報");
    }

    [Fact]
    public async Task TheHome_InEnglish_GivesTheEventDateInEnglishWithTheWeekday()
    {
        await factory.EnsurePreparedAsync();
        var start = new DateTime(2031, 2, 28, 1, 0, 0, DateTimeKind.Utc); // Friday, 10:00 in Japan
        var e = await TestData.CreateEventAsync(factory, City, x => x.Titled("英語の日付の講座").StartingAt(start));

        var (_, home) = await Browser.For(factory).GetPageAsync($"/{City}?culture=en&ui-culture=en");

        home.QuerySelector($"main a[href='/{City}/events/{e.Id}']")!.Closest("li")!.TextContent.ShouldContain("Fri 28 Feb 2031 10:00");
    }

    [Fact]
    public async Task TheHome_ShowsThePlanInForce_HeadlineIndicators_WithTheLatestFigureAgainstTheTarget()
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Features.Plans.Demo.DemoPlans>().SeedAsync();
        var (_, home) = await Browser.For(factory).GetPageAsync("/shimonoseki");
        var card = home.QuerySelectorAll("main section[aria-labelledby=whats-new-title] li.card")
            .Single(c => c.QuerySelector("h3")!.TextContent == "計画の成果指標");
        var text = card.TextContent;
        // Shimonoseki's 5th plan (R8–R12) is in force: its first indicator, measured in R7, aims at 45% in R12.
        text.ShouldContain("市民活動の経験");
        text.ShouldContain("39.5%（令和7年度）");
        text.ShouldContain("目標 45%（令和12年度）");
        card.QuerySelectorAll("a")[0].GetAttribute("href")!.ShouldEndWith("/plans/shiminkatsudo-5#indicators");
    }
}
