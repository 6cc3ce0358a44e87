using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Volunteers;

/// <summary>The registration's languages, qualifications and notification choice: saved, shown, and changed through the form.</summary>
public class RegistrationFieldsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "nagato";
    private const string RegisterUrl = $"/{City}/volunteers/register";

    private async Task<(Browser Browser, string UserId)> CitizenAsync()
    {
        var (browser, user) = await TestData.SignedInAsync(factory);
        return (browser, user.Id);
    }

    private static async Task<HttpResponseMessage> RegisterAsync(Browser browser, List<KeyValuePair<string, string>> fields)
    {
        var (_, page) = await browser.GetPageAsync(RegisterUrl);
        fields.Add(new("__RequestVerificationToken", page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        return await browser.Client.PostAsync(RegisterUrl, new FormUrlEncodedContent(fields));
    }

    private Task<Volunteer> SavedAsync(string userId) =>
        TestData.WithDbAsync(factory, db => db.Set<Volunteer>().IgnoreQueryFilters().AsNoTracking().SingleAsync(v => v.UserId == userId));

    private static Dictionary<string, string> Shown(IHtmlDocument me) =>
        me.QuerySelectorAll("main dl.definition-list > dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());

    [Fact]
    public async Task LanguagesAndQualifications_AreSaved_ShownOnMyPage_AndOfferedBackInTheForm()
    {
        var (browser, userId) = await CitizenAsync();
        var response = await RegisterAsync(browser, [
            new("Input.AgeBand", "Age50s"), new("Input.Interests", "8"), new("Input.Languages", "  英語、やさしい日本語  "),
            new("Input.Qualifications", "防災士、手話通訳者"), new("Input.Notify", "WeeklyDigest"), new("Input.GuardianConsents", "false"),
        ]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/{City}/volunteers/me");

        var saved = await SavedAsync(userId);
        saved.Languages.ShouldBe("英語、やさしい日本語");
        saved.Qualifications.ShouldBe("防災士、手話通訳者");
        var (_, me) = await browser.GetPageAsync($"/{City}/volunteers/me");
        var shown = Shown(me);
        shown["話せる言語"].ShouldBe("英語、やさしい日本語");
        shown["資格"].ShouldBe("防災士、手話通訳者");

        var (_, form) = await browser.GetPageAsync(RegisterUrl);
        form.QuerySelector<IHtmlInputElement>("input#Input_Languages")!.Value.ShouldBe("英語、やさしい日本語");
        form.QuerySelector<IHtmlInputElement>("input#Input_Qualifications")!.Value.ShouldBe("防災士、手話通訳者");

        // Emptied in the form, they are gone from the registration and the page.
        (await RegisterAsync(browser, [
            new("Input.AgeBand", "Age50s"), new("Input.Interests", "8"), new("Input.Languages", ""), new("Input.Qualifications", "手話通訳者"), new("Input.GuardianConsents", "false"),
        ])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var changed = await SavedAsync(userId);
        changed.Languages.ShouldBeNull();
        changed.Qualifications.ShouldBe("手話通訳者");
        var after = Shown((await browser.GetPageAsync($"/{City}/volunteers/me")).Page);
        after.ShouldNotContainKey("話せる言語");
        after["資格"].ShouldBe("手話通訳者");
    }

    [Fact]
    public async Task TooLongLanguages_AreRefusedNextToTheField()
    {
        var (browser, userId) = await CitizenAsync();
        var response = await RegisterAsync(browser, [
            new("Input.AgeBand", "Age50s"), new("Input.Interests", "8"), new("Input.Languages", new string('語', 201)), new("Input.GuardianConsents", "false"),
        ]);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(response)).QuerySelector("#Input_Languages-error")!.TextContent.ShouldContain("200文字以内");
        (await TestData.WithDbAsync(factory, db => db.Set<Volunteer>().IgnoreQueryFilters().AnyAsync(v => v.UserId == userId))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("None", NotifyPreference.None, "知らせなくてよい")]
    [InlineData("Each", NotifyPreference.Each, "新しい募集があるたびに知らせる")]
    [InlineData("WeeklyDigest", NotifyPreference.WeeklyDigest, "週に1回まとめて知らせる")]
    public async Task TheNotificationChoiceMadeInTheForm_IsSaved_AndShown(string choice, NotifyPreference expected, string text)
    {
        var (browser, userId) = await CitizenAsync();
        // Start from a different choice, so that keeping the old value cannot pass for saving the new one.
        var first = expected == NotifyPreference.Each ? "None" : "Each";
        (await RegisterAsync(browser, [new("Input.AgeBand", "Age30s"), new("Input.Interests", "13"), new("Input.Notify", first), new("Input.GuardianConsents", "false")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SavedAsync(userId)).Notify.ToString().ShouldBe(first);

        // The change goes through the form as the page offers it, its other answers as they were.
        var (_, form) = await browser.GetPageAsync(RegisterUrl);
        form.QuerySelector($"select#Input_Notify option[value='{first}']")!.HasAttribute("selected").ShouldBeTrue();
        form.QuerySelectorAll("select#Input_Notify option").Select(o => o.GetAttribute("value")).ShouldContain(choice);
        (await browser.SubmitAsync(RegisterUrl, new Dictionary<string, string> { ["Input.AgeBand"] = "Age30s", ["Input.Notify"] = choice }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await SavedAsync(userId);
        saved.Notify.ShouldBe(expected);
        var shown = Shown((await browser.GetPageAsync($"/{City}/volunteers/me")).Page);
        shown["新しい募集のお知らせ"].ShouldBe(text);
        shown["関心のある分野"].ShouldNotBeEmpty();
    }
}
