using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Groups;

/// <summary>The activity step of a group's registration: its logo, and answers kept as they were.</summary>
public class GroupActivityStepTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "muroran";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0];
    private static readonly byte[] Webp = "RIFF\u0024\0\0\0WEBPVP8 "u8.ToArray();
    private static readonly byte[] Gif = "GIF89a\u0001\0\u0001\0"u8.ToArray();

    /// <summary>A published group administered by a new signed-in person.</summary>
    private async Task<(Browser Admin, int GroupId)> PublishedGroupAsync()
    {
        var user = await TestData.CreateUserAsync(factory);
        var group = await TestData.CreateGroupAsync(factory, City, g => g.Named(TestData.Unique("ロゴの会"), "ろごのかい")
            .Described("ロゴの試験をする団体です。").RepresentedBy("代表 花子").InFields(2).Confirmed(DateTime.UtcNow).AdministeredBy(user));
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, group.Id);
    }

    /// <summary>Posts the activity step as the browser does: multipart, with the form's token and a file.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(Browser browser, int id, byte[] file, string fileName, string contentType, bool remove = false)
    {
        var url = $"/{City}/groups/register/{id}/activity";
        var (_, page) = await browser.GetPageAsync(url);
        page.QuerySelector("main form")!.GetAttribute("enctype").ShouldBe("multipart/form-data");
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent("毎月第1土曜日"), "Input.MeetingSchedule" },
            { new StringContent(remove ? "true" : "false"), "Input.RemoveLogo" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(content, "Input.Logo", fileName);
        return await browser.Client.PostAsync(url, form);
    }

    public static IEnumerable<object[]> Images() =>
    [
        [Png, "image/png"],
        [Jpeg, "image/jpeg"],
        [Webp, "image/webp"],
    ];

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Upload_PngJpegOrWebp_IsShownOnThePublicPage(byte[] image, string type)
    {
        var (admin, id) = await PublishedGroupAsync();
        // The name and the browser's type say nothing: the content decides.
        var response = await UploadAsync(admin, id, image, "logo.bin", "application/octet-stream");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var visitor = Browser.For(factory);
        var (_, page) = await visitor.GetPageAsync($"/{City}/groups/{id}");
        var src = page.QuerySelector("main img.group-logo")!.GetAttribute("src")!;
        page.QuerySelector("main img.group-logo")!.GetAttribute("alt").ShouldEndWith("のロゴ");
        var logo = await visitor.GetAsync(src);
        logo.StatusCode.ShouldBe(HttpStatusCode.OK);
        logo.Content.Headers.ContentType!.MediaType.ShouldBe(type);
        (await logo.Content.ReadAsByteArrayAsync()).ShouldBe(image);
        var (_, directory) = await visitor.GetPageAsync($"/{City}/groups?q=ろごのかい");
        directory.QuerySelectorAll("main .card img").Select(i => i.GetAttribute("src")).ShouldContain(src);
    }

    public static IEnumerable<object[]> NotImages() =>
    [
        [Gif, "logo.png", "image/png"],
        ["<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "logo.jpg", "image/jpeg"],
        ["これは画像ではありません"u8.ToArray(), "logo.webp", "image/webp"],
    ];

    [Theory]
    [MemberData(nameof(NotImages))]
    public async Task Upload_NotPngJpegOrWebp_IsRefusedNextToTheField(byte[] file, string name, string type)
    {
        var (admin, id) = await PublishedGroupAsync();
        var response = await UploadAsync(admin, id, file, name, type);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_Logo-error")!.TextContent.ShouldContain("PNG、JPEG、WebPのいずれか");
        page.QuerySelector(".error-summary a[href='#Input_Logo']").ShouldNotBeNull();
        // Nothing was written, not even the other answers of the step.
        var saved = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == id).Select(g => new { g.LogoUpdatedAt, g.MeetingSchedule }).SingleAsync());
        saved.LogoUpdatedAt.ShouldBeNull();
        saved.MeetingSchedule.ShouldBeNull();
    }

    [Fact]
    public async Task ActivityStep_ShowsTheFoundingDate_SoSavingAgainKeepsIt()
    {
        var (admin, id) = await PublishedGroupAsync();
        await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.FoundedOn, new DateOnly(2015, 4, 1))));
        var (_, step) = await admin.GetPageAsync($"/{City}/groups/register/{id}/activity");
        // A date input only shows yyyy-MM-dd; anything else is blank in the browser and lost on the next save.
        step.QuerySelector("#Input_FoundedOn")!.GetAttribute("value").ShouldBe("2015-04-01");
    }

    [Fact]
    public async Task Upload_Over2MB_IsRefused()
    {
        var (admin, id) = await PublishedGroupAsync();
        var big = new byte[LogoImages.MaxBytes + 1];
        Png.CopyTo(big, 0);
        var page = await Browser.ParseAsync(await UploadAsync(admin, id, big, "big.png", "image/png"));
        page.QuerySelector("#Input_Logo-error")!.TextContent.ShouldContain("2MB以下");
    }

    [Fact]
    public async Task Remove_TakesTheLogoOff()
    {
        var (admin, id) = await PublishedGroupAsync();
        await UploadAsync(admin, id, Png, "a.png", "image/png");
        var (_, step) = await admin.GetPageAsync($"/{City}/groups/register/{id}/activity");
        step.QuerySelector("main .logo-current img").ShouldNotBeNull();
        (await admin.SubmitAsync($"/{City}/groups/register/{id}/activity", new Dictionary<string, string> { ["Input.RemoveLogo"] = "true" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Browser.For(factory).GetAsync($"/{City}/groups/{id}/logo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LogoOfAGroupUnderReview_IsNotPublic_ButCentreStaffSeeIt()
    {
        var (admin, id) = await PublishedGroupAsync();
        await UploadAsync(admin, id, Png, "a.png", "image/png");
        await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GroupStatus.Submitted)));
        (await Browser.For(factory).GetAsync($"/{City}/groups/{id}/logo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var staff = Browser.For(factory);
        var staffUser = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        await staff.SignInAsync(staffUser.Email!);
        (await staff.GetAsync($"/{City}/admin/groups/{id}/logo")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Another city's staff cannot reach it by changing the city in the address.
        var other = Browser.For(factory);
        var otherUser = await TestData.CreateUserAsync(factory, u => u.InCity("nagato", CityRole.CentreStaff).ExemptFromTwoFactor());
        await other.SignInAsync(otherUser.Email!);
        (await other.GetAsync($"/nagato/admin/groups/{id}/logo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
