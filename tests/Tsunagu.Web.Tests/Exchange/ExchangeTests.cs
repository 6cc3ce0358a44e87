using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Exchange;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Exchange;

public class ExchangeTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<(Browser Browser, int GroupId, string Name, string Email)> GroupAdminAsync(string theme, params int[] fields)
    {
        var admin = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.GroupAdmin));
        var group = await TestData.CreateGroupAsync(factory, City, g => g.Named(TestData.Unique(theme), "しけん")
            .Described($"{theme}の試験をする団体です。").InFields(fields).AdministeredBy(admin));
        var browser = Browser.For(factory);
        await browser.SignInAsync(admin.Email!);
        return (browser, group.Id, group.Name, admin.Email!);
    }

    private async Task<(Browser Browser, string Email)> StaffAsync(string city = City)
    {
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(city, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        return (browser, staff.Email!);
    }

    private static Task<HttpResponseMessage> SubmitPostAsync(Browser browser, int groupId, string direction, string category, string title, int field, string city = City) =>
        browser.SubmitAsync($"/{city}/exchange/new", new Dictionary<string, string>
        {
            ["Input.GroupId"] = Id(groupId),
            ["Input.Direction"] = direction,
            ["Input.Category"] = category,
            ["Input.Title"] = title,
            ["Input.Details"] = "月に1回、土曜日の午前中です。",
            ["Input.Fields"] = Id(field),
        });

    private static async Task<int> PostAsync(Browser browser, int groupId, string direction, string category, string title, int field, string city = City)
    {
        var response = await SubmitPostAsync(browser, groupId, direction, category, title, field, city);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
    }

    /// <summary>What the indicator source says for this fiscal year, asked as the city's plan page asks it.</summary>
    private async Task<decimal?> MatchingsThisYearAsync(string city)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Data.TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == city));
        var source = scope.ServiceProvider.GetServices<IIndicatorSource>().Single(s => s.Name == "group-matchings");
        return await source.ValueAsync(FiscalYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9))).StartYear);
    }

    [Fact]
    public async Task GroupsPostANeedAndAnOffer_AndTheNeedSuggestsTheOffer_WithItsReasons()
    {
        var (kitchen, kitchenId, _, _) = await GroupAdminAsync("子ども食堂", 13);
        var (cooks, cooksId, cooksName, _) = await GroupAdminAsync("料理の会", 13, 1);
        var need = await PostAsync(kitchen, kitchenId, "Need", "People", "子ども食堂の調理ボランティアを探しています", 13);
        var offer = await PostAsync(cooks, cooksId, "Offer", "People", "調理ボランティアを派遣できます", 13);
        var otherNeed = await PostAsync(cooks, cooksId, "Need", "People", "調理ボランティアの仲間を探しています", 13);

        var (_, page) = await Browser.For(factory).GetPageAsync($"/{City}/exchange/{need}");
        var suggestions = page.QuerySelector("section[aria-labelledby=suggestions-title]")!;
        var card = suggestions.QuerySelectorAll(".card").Single(c => c.QuerySelector($"a[href='/{City}/exchange/{offer}']") is not null);
        card.TextContent.ShouldContain(cooksName);
        var reasons = card.QuerySelectorAll(".tag--reason").Select(r => r.TextContent).ToList();
        reasons.ShouldContain("同じ種類：人材");
        reasons.ShouldContain("同じ分野：子どもの健全育成");
        reasons.ShouldContain("タイトルに共通の言葉：調理、ボランティア");
        // Another need is no counterpart for a need.
        suggestions.QuerySelector($"a[href='/{City}/exchange/{otherNeed}']").ShouldBeNull();
        page.QuerySelector($"main a[href='/{City}/groups/{kitchenId}']").ShouldNotBeNull();

        // The public list filters by direction and words.
        var (_, list) = await Browser.For(factory).GetPageAsync($"/{City}/exchange?direction=Offer&q=ぼらんてぃあ");
        list.QuerySelector($"main a[href='/{City}/exchange/{offer}']").ShouldNotBeNull();
        list.QuerySelector($"main a[href='/{City}/exchange/{need}']").ShouldBeNull();

        // Closing the offer takes it out of the list and the suggestions.
        (await cooks.SubmitAsync($"/{City}/exchange/{offer}/edit", new Dictionary<string, string>(), "main form[action*=Close]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, after) = await Browser.For(factory).GetPageAsync($"/{City}/exchange/{need}");
        after.QuerySelector($"section[aria-labelledby=suggestions-title] a[href='/{City}/exchange/{offer}']").ShouldBeNull();
    }

    [Fact]
    public async Task SomeoneWhoDoesNotAdministerTheGroup_CannotPostOrEditForIt()
    {
        var (owner, groupId, _, _) = await GroupAdminAsync("防災の会", 8);
        var post = await PostAsync(owner, groupId, "Need", "Equipment", "テントを借りたい", 8);
        var citizen = await TestData.CreateUserAsync(factory);
        var stranger = Browser.For(factory);
        await stranger.SignInAsync(citizen.Email!);

        var (_, newPage) = await stranger.GetPageAsync($"/{City}/exchange/new");
        newPage.QuerySelector("main")!.TextContent.ShouldContain("あなたが管理している公開中の団体はありません");
        var before = await TestData.WithDbAsync(factory, db => db.Set<ExchangePost>().IgnoreQueryFilters().CountAsync());
        var token = newPage.QuerySelector("main form input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await stranger.GetPageAsync($"/{City}/exchange")).Page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await stranger.Client.PostAsync($"/{City}/exchange/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.GroupId"] = Id(groupId),
            ["Input.Direction"] = "Offer",
            ["Input.Category"] = "Funds",
            ["Input.Title"] = "なりすまし",
            ["Input.Details"] = "なりすまし",
            ["Input.Fields"] = "8",
        }));
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TestData.WithDbAsync(factory, db => db.Set<ExchangePost>().IgnoreQueryFilters().CountAsync())).ShouldBe(before);
        (await stranger.GetAsync($"/{City}/exchange/{post}/edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostWithTokenAsync($"/{City}/exchange", $"/{City}/exchange/{post}/edit?handler=Close", new Dictionary<string, string>()))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TestData.WithDbAsync(factory, db => db.Set<ExchangePost>().IgnoreQueryFilters().SingleAsync(p => p.Id == post))).Status.ShouldBe(ExchangePostStatus.Open);

        // Nor may they ask for an introduction: they administer no group.
        var (_, details) = await stranger.GetPageAsync($"/{City}/exchange/{post}");
        details.QuerySelector("main form[action*=Request]").ShouldBeNull();
    }

    [Fact]
    public async Task Post_WithMissingOrTooLongFields_ShowsErrorsNextToThem_AndWritesNothing()
    {
        var (admin, groupId, _, _) = await GroupAdminAsync("読書の会", 2);
        var before = await TestData.WithDbAsync(factory, db => db.Set<ExchangePost>().IgnoreQueryFilters().CountAsync());
        // Posted as is, without the fields the form starts with (the group's own).
        var response = await admin.PostWithTokenAsync($"/{City}/exchange/new", $"/{City}/exchange/new", new Dictionary<string, string>
        {
            ["Input.GroupId"] = Id(groupId),
            ["Input.Title"] = new string('あ', 101),
            ["Input.Details"] = "",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_Direction-error")!.TextContent.ShouldContain("求めているのか、提供できるのかを選んで");
        page.QuerySelector("#Input_Category-error")!.TextContent.ShouldContain("種類を選んで");
        page.QuerySelector("#Input_Title-error")!.TextContent.ShouldContain("100文字以内");
        page.QuerySelector("#Input_Details-error")!.TextContent.ShouldContain("くわしい内容を入力");
        page.QuerySelector("#Input_Fields-error")!.TextContent.ShouldContain("活動分野を1つ以上");
        page.QuerySelector(".error-summary")!.TextContent.ShouldContain("種類を選んで");
        (await TestData.WithDbAsync(factory, db => db.Set<ExchangePost>().IgnoreQueryFilters().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task AnotherCitysPost_IsNotFound()
    {
        var (admin, groupId, _, _) = await GroupAdminAsync("観光の会", 4);
        var post = await PostAsync(admin, groupId, "Offer", "KnowHow", "観光ガイドのノウハウを伝えます", 4);
        var visitor = Browser.For(factory);
        (await visitor.GetAsync($"/{City}/exchange/{post}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await visitor.GetAsync($"/nagato/exchange/{post}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (_, list) = await visitor.GetPageAsync("/nagato/exchange");
        list.QuerySelector("main")!.TextContent.ShouldNotContain("観光ガイドのノウハウを伝えます");
        // Nagato's staff cannot introduce it either.
        var (nagatoStaff, _) = await StaffAsync("nagato");
        var page = await Browser.ParseAsync(await nagatoStaff.SubmitAsync("/nagato/admin/exchange/introduce", new Dictionary<string, string>
        {
            ["Input.PostId"] = Id(post),
            ["Input.CounterpartGroupId"] = Id(groupId),
            ["Input.Note"] = "紹介します",
        }));
        page.QuerySelector("#Input_PostId-error")!.TextContent.ShouldContain("紹介のもとになる投稿");
    }

    [Fact]
    public async Task RequestsSentAtTheSameMoment_MakeOneRequest()
    {
        var (kitchen, kitchenId, _, _) = await GroupAdminAsync("同時の依頼を受ける会", 13);
        var (farm, _, _, _) = await GroupAdminAsync("同時に依頼する会", 5);
        var need = await PostAsync(kitchen, kitchenId, "Need", "Equipment", "机を貸してほしい", 13);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            farm.SubmitAsync($"/{City}/exchange/{need}", new Dictionary<string, string> { ["Input.Message"] = "机があります。" }, "main form[action*=Request]")));
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Redirect || a.StatusCode == HttpStatusCode.OK);
        (await TestData.WithDbAsync(factory, db => db.Set<ExchangeIntroduction>().IgnoreQueryFilters().CountAsync(i => i.NeedPostId == need))).ShouldBe(1);
    }

    [Fact]
    public async Task StaffDeclineARequest_TheRequesterIsToldByMail_AndItIsNotAMatching()
    {
        var (kitchen, kitchenId, _, _) = await GroupAdminAsync("子ども食堂の会", 13);
        var (farm, _, _, farmEmail) = await GroupAdminAsync("家庭菜園の会", 5);
        var need = await PostAsync(kitchen, kitchenId, "Need", "Equipment", "大きな鍋を貸してほしい", 13);
        var (staff, _) = await StaffAsync();
        (await farm.SubmitAsync($"/{City}/exchange/{need}", new Dictionary<string, string> { ["Input.Message"] = "鍋があります。" }, "main form[action*=Request]"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var request = await TestData.WithDbAsync(factory, db => db.Set<ExchangeIntroduction>().IgnoreQueryFilters().SingleAsync(i => i.NeedPostId == need));
        var counted = await MatchingsThisYearAsync(City);

        (await staff.SubmitAsync($"/{City}/admin/exchange", new Dictionary<string, string>(), $"main form[action*='Decline'][action*='{request.Id}']"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var mail = await TestData.LastMailToAsync(factory, farmEmail);
        mail.Subject.ShouldContain("紹介の依頼について");
        mail.Body.ShouldContain("「大きな鍋を貸してほしい」についての紹介の依頼は、今回は見送らせていただきました。");
        TestData.FirstLink(mail.Body).ShouldBe($"/{City}/exchange");
        (await TestData.WithDbAsync(factory, db => db.Set<ExchangeIntroduction>().IgnoreQueryFilters().SingleAsync(i => i.Id == request.Id)))
            .Outcome.ShouldBe(IntroductionOutcome.NotSucceeded);
        (await MatchingsThisYearAsync(City)).ShouldBe(counted);
    }

    [Fact]
    public async Task AnotherGroupAsksForAnIntroduction_StaffIntroduceAndRecordSuccess_AndItIsCountedAsAMatching()
    {
        var (kitchen, kitchenId, kitchenName, kitchenEmail) = await GroupAdminAsync("食堂の会", 13);
        var (farm, farmId, farmName, farmEmail) = await GroupAdminAsync("農園の会", 5);
        var need = await PostAsync(kitchen, kitchenId, "Need", "Equipment", "子ども食堂で使う野菜がほしい", 13);
        var offer = await PostAsync(farm, farmId, "Offer", "Equipment", "収穫した野菜を提供できます", 5);
        var (staff, staffEmail) = await StaffAsync();

        // The farm's administrator asks the centre; staff hear of it without anyone's address in the mail.
        var asked = await farm.SubmitAsync($"/{City}/exchange/{need}", new Dictionary<string, string> { ["Input.Message"] = "毎月届けられます。" }, "main form[action*=Request]");
        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mail = await TestData.LastMailToAsync(factory, staffEmail);
        mail.Subject.ShouldContain("紹介の依頼");
        mail.Body.ShouldContain(farmName);
        mail.Body.ShouldNotContain("毎月届けられます");
        mail.Body.ShouldNotContain("@");
        TestData.FirstLink(mail.Body).ShouldBe($"/{City}/admin/exchange");
        // Asking twice makes one request.
        await farm.SubmitAsync($"/{City}/exchange/{need}", new Dictionary<string, string>(), "main form[action*=Request]");
        var request = await TestData.WithDbAsync(factory, db => db.Set<ExchangeIntroduction>().IgnoreQueryFilters().SingleAsync(i => i.NeedPostId == need));
        request.OfferGroupId.ShouldBe(farmId);
        request.IntroducedAt.ShouldBeNull();

        var (_, desk) = await staff.GetPageAsync($"/{City}/admin/exchange");
        desk.QuerySelector($"main a[href='/{City}/admin/exchange/introduce?request={request.Id}']").ShouldNotBeNull();
        desk.QuerySelector("main")!.TextContent.ShouldContain("毎月届けられます。");

        // Staff introduce the need to the farm's offer.
        var introduced = await staff.SubmitAsync($"/{City}/admin/exchange/introduce?request={request.Id}", new Dictionary<string, string>
        {
            ["Input.PostId"] = Id(need),
            ["Input.CounterpartPostId"] = Id(offer),
            ["Input.Note"] = "野菜の受け渡しについて、一度センターで話しましょう。",
        });
        introduced.StatusCode.ShouldBe(HttpStatusCode.Redirect, await introduced.Content.ReadAsStringAsync());
        introduced.Headers.Location!.OriginalString.ShouldBe($"/{City}/admin/exchange/introductions/{request.Id}");
        var toKitchen = await TestData.LastMailToAsync(factory, kitchenEmail);
        toKitchen.Subject.ShouldContain(farmName);
        toKitchen.Body.ShouldContain("野菜の受け渡しについて");
        toKitchen.Body.ShouldContain($"/{City}/groups/{farmId}");
        toKitchen.Body.ShouldNotContain(farmEmail);
        (await TestData.LastMailToAsync(factory, farmEmail)).Subject.ShouldContain(kitchenName);

        var counted = await MatchingsThisYearAsync(City);
        (await staff.SubmitAsync($"/{City}/admin/exchange/introductions/{request.Id}", new Dictionary<string, string> { ["Input.Outcome"] = "Succeeded", ["Input.Note"] = "毎月第1土曜日に届けることになった" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await TestData.WithDbAsync(factory, db => db.Set<ExchangeIntroduction>().IgnoreQueryFilters().SingleAsync(i => i.Id == request.Id));
        saved.Outcome.ShouldBe(IntroductionOutcome.Succeeded);
        saved.OfferPostId.ShouldBe(offer);
        saved.OutcomeAt.ShouldNotBeNull();
        (await MatchingsThisYearAsync(City)).ShouldBe(counted + 1);
        var (_, after) = await staff.GetPageAsync($"/{City}/admin/exchange");
        after.QuerySelector("#matchings-this-year")!.TextContent.ShouldContain($"{counted + 1}件");
    }

    [Fact]
    public async Task Staff_IntroduceAPostToAGroupDirectly_AndBadChoicesAreShownNextToTheFields()
    {
        var (admin, groupId, _, _) = await GroupAdminAsync("音楽の会", 6);
        var (_, otherId, _, otherEmail) = await GroupAdminAsync("合唱の会", 6);
        var need = await PostAsync(admin, groupId, "Need", "Venue", "練習会場を探しています", 6);
        var sameDirection = await PostAsync(admin, groupId, "Need", "Venue", "倉庫を探しています", 6);
        var (staff, _) = await StaffAsync();

        var nothing = await Browser.ParseAsync(await staff.SubmitAsync($"/{City}/admin/exchange/introduce", new Dictionary<string, string> { ["Input.PostId"] = Id(need) }));
        nothing.QuerySelector("#Input_CounterpartPostId-error")!.TextContent.ShouldContain("紹介する相手の投稿か団体を選んで");
        nothing.QuerySelector("#Input_Note-error")!.TextContent.ShouldContain("メッセージを入力");
        var wrong = await Browser.ParseAsync(await staff.SubmitAsync($"/{City}/admin/exchange/introduce", new Dictionary<string, string>
        {
            ["Input.PostId"] = Id(need),
            ["Input.CounterpartPostId"] = Id(sameDirection),
            ["Input.Note"] = "紹介します",
        }));
        wrong.QuerySelector("#Input_CounterpartPostId-error")!.TextContent.ShouldContain("ニーズにはシーズを");
        var own = await Browser.ParseAsync(await staff.SubmitAsync($"/{City}/admin/exchange/introduce", new Dictionary<string, string>
        {
            ["Input.PostId"] = Id(need),
            ["Input.CounterpartGroupId"] = Id(groupId),
            ["Input.Note"] = "紹介します",
        }));
        own.QuerySelector("#Input_CounterpartGroupId-error")!.TextContent.ShouldContain("同じ団体どうし");
        (await TestData.WithDbAsync(factory, db => db.Set<ExchangeIntroduction>().IgnoreQueryFilters().AnyAsync(i => i.NeedPostId == need))).ShouldBeFalse();

        var done = await staff.SubmitAsync($"/{City}/admin/exchange/introduce", new Dictionary<string, string>
        {
            ["Input.PostId"] = Id(need),
            ["Input.CounterpartGroupId"] = Id(otherId),
            ["Input.Note"] = "会場をお持ちの団体です。",
        });
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var introduction = await TestData.WithDbAsync(factory, db => db.Set<ExchangeIntroduction>().IgnoreQueryFilters().SingleAsync(i => i.NeedPostId == need));
        introduction.OfferGroupId.ShouldBe(otherId);
        introduction.OfferPostId.ShouldBeNull();
        introduction.Outcome.ShouldBe(IntroductionOutcome.Pending);
        (await TestData.LastMailToAsync(factory, otherEmail)).Body.ShouldContain($"/{City}/exchange/{need}");

        var missing = await Browser.ParseAsync(await staff.SubmitAsync($"/{City}/admin/exchange/introductions/{introduction.Id}", new Dictionary<string, string> { ["Input.Outcome"] = "" }));
        missing.QuerySelector("#Input_Outcome-error")!.TextContent.ShouldContain("結果を選んで");
    }

    [Fact]
    public async Task GroupMatchingsSource_CountsSucceededIntroductions_InTheirFiscalYear_InJapanTime()
    {
        const string city = "muroran";
        var needId = (await TestData.CreateGroupAsync(factory, city, g => g.Named(TestData.Unique("求める会")).InFields(3))).Id;
        var offerId = (await TestData.CreateGroupAsync(factory, city, g => g.Named(TestData.Unique("提供する会")).InFields(3))).Id;
        var otherCityGroup = (await TestData.CreateGroupAsync(factory, "nagato", g => g.Named(TestData.Unique("別の市の会")).InFields(3))).Id;
        var otherCityGroup2 = (await TestData.CreateGroupAsync(factory, "nagato", g => g.Named(TestData.Unique("別の市の会2")).InFields(3))).Id;
        await TestData.WithDbAsync(factory, async db =>
        {
            var muroran = await db.Cities.Where(c => c.Slug == city).Select(c => c.Id).SingleAsync();
            var nagato = await db.Cities.Where(c => c.Slug == "nagato").Select(c => c.Id).SingleAsync();
            ExchangeIntroduction Intro(int cityId, int need, int offer, IntroductionOutcome outcome, DateTime at) => new()
            {
                CityId = cityId,
                NeedGroupId = need,
                OfferGroupId = offer,
                IntroducedAt = at.AddDays(-10),
                Outcome = outcome,
                OutcomeAt = at,
                Note = "試験",
            };
            db.AddRange(
                // 2026-04-01 00:30 in Japan: FY2026, though still March in UTC.
                Intro(muroran, needId, offerId, IntroductionOutcome.Succeeded, new DateTime(2026, 3, 31, 15, 30, 0, DateTimeKind.Utc)),
                // 2026-03-31 23:30 in Japan: FY2025.
                Intro(muroran, needId, offerId, IntroductionOutcome.Succeeded, new DateTime(2026, 3, 31, 14, 30, 0, DateTimeKind.Utc)),
                Intro(muroran, needId, offerId, IntroductionOutcome.Succeeded, new DateTime(2026, 6, 10, 3, 0, 0, DateTimeKind.Utc)),
                Intro(muroran, needId, offerId, IntroductionOutcome.NotSucceeded, new DateTime(2026, 6, 11, 3, 0, 0, DateTimeKind.Utc)),
                Intro(nagato, otherCityGroup, otherCityGroup2, IntroductionOutcome.Succeeded, new DateTime(2026, 6, 12, 3, 0, 0, DateTimeKind.Utc)));
            return await db.SaveChangesAsync();
        });

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Data.TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == city));
        var source = scope.ServiceProvider.GetServices<IIndicatorSource>().Single(s => s.Name == "group-matchings");
        source.Label.ShouldBe("年度内の団体同士のマッチング件数");
        (await source.ValueAsync(2025)).ShouldBe(1);
        (await source.ValueAsync(2026)).ShouldBe(2);
        (await source.ValueAsync(2024)).ShouldBe(0);
        var notBegun = FiscalYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9))).StartYear + 1;
        (await source.ValueAsync(notBegun)).ShouldBeNull();

        // The console's monthly counts, April to March.
        var months = await scope.ServiceProvider.GetRequiredService<ExchangeIntroductions>().MatchingsByMonthAsync(new FiscalYear(2026));
        months.Count.ShouldBe(12);
        months[0].ShouldBe(new ExchangeIntroductions.MonthlyMatchings(2026, 4, 1));
        months[2].ShouldBe(new ExchangeIntroductions.MonthlyMatchings(2026, 6, 1));
        months[11].ShouldBe(new ExchangeIntroductions.MonthlyMatchings(2027, 3, 0));
        months.Sum(m => m.Count).ShouldBe(2);
    }

    [Fact]
    public async Task ShimonosekisPlan_ShowsTheRealCountOfGroupMatchings()
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var needId = (await TestData.CreateGroupAsync(factory, City, g => g.Named(TestData.Unique("計画の会")).InFields(3))).Id;
        var offerId = (await TestData.CreateGroupAsync(factory, City, g => g.Named(TestData.Unique("指標の会")).InFields(3))).Id;
        var year = FiscalYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)));
        var expected = await TestData.WithDbAsync(factory, async db =>
        {
            var cityId = await db.Cities.Where(c => c.Slug == City).Select(c => c.Id).SingleAsync();
            db.Add(new ExchangeIntroduction
            {
                CityId = cityId,
                NeedGroupId = needId,
                OfferGroupId = offerId,
                IntroducedAt = DateTime.UtcNow.AddMinutes(-5),
                Outcome = IntroductionOutcome.Succeeded,
                OutcomeAt = DateTime.UtcNow,
                Note = "試験",
            });
            await db.SaveChangesAsync();
            var (from, to) = year.UtcRange();
            return await db.Set<ExchangeIntroduction>().IgnoreQueryFilters()
                .CountAsync(i => i.CityId == cityId && i.Outcome == IntroductionOutcome.Succeeded && i.OutcomeAt >= from && i.OutcomeAt < to);
        });
        expected.ShouldBeGreaterThan(0);

        var (_, page) = await Browser.For(factory).GetPageAsync($"/{City}/plans/shiminkatsudo-5");
        var indicator = page.QuerySelectorAll("main section.indicator").Single(s => s.QuerySelector("h3")!.TextContent == "各団体同士のマッチング件数");
        indicator.TextContent.ShouldContain("つなぐの記録から集計");
        var row = indicator.QuerySelectorAll("tbody tr").Single(r => r.Children[0].TextContent == year.ToJapanese());
        row.Children[2].TextContent.ShouldBe($"{expected}件");
    }
}
