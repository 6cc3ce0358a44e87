using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Api;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Operations;

/// <summary>
/// Every page that takes a file refuses one far larger than it accepts at once, before reading it: 413 with a page that
/// says so, over a real socket (Kestrel), never a 400, a 500 or a reset connection. A file only a little too large still
/// gets the page's own message beside its field.
/// </summary>
public class RequestSizeLimitTests(RealServer server) : IClassFixture<RealServer>
{
    private const int TwentyNineMegabytes = 29 * 1024 * 1024;
    private static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private TsunaguFactory Factory => server.Factory;

    private static byte[] File(int length, byte[]? head = null)
    {
        var bytes = new byte[length];
        head?.CopyTo(bytes, 0);
        return bytes;
    }

    private async Task<Browser> SignedInAsync(Action<TestData.UserSpec>? configure = null)
    {
        var user = await TestData.CreateUserAsync(Factory, configure);
        var browser = server.Browser();
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    /// <summary>Posts the page's upload form as the browser does: multipart with its token, the file under <paramref name="field"/>.</summary>
    private static async Task<HttpResponseMessage> PostFileAsync(Browser browser, string page, string action, string field, HttpContent file, string fileName,
        IDictionary<string, string>? fields = null)
    {
        var (_, form) = await browser.GetPageAsync(page);
        var token = form.QuerySelector("main form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields ?? new Dictionary<string, string>()) content.Add(new StringContent(v), k);
        content.Add(file, field, fileName);
        return await browser.Client.PostAsync(action, content);
    }

    private static async Task<IHtmlDocument> ShouldBeRefusedAsync(HttpResponseMessage response, string page)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var document = await Browser.ParseAsync(response);
        document.QuerySelector("h1")!.TextContent.ShouldBe("送られたファイルが大きすぎます");
        document.QuerySelector("main")!.TextContent.ShouldContain("このページで受け付ける大きさを超えている");
        document.QuerySelector($"main a[href='{page}']")!.TextContent.ShouldBe("ファイルを選び直す");
        return document;
    }

    [Fact]
    public async Task GroupLogo_Of29MB_IsRefusedAtOnce_With413AndTheMessage()
    {
        var user = await TestData.CreateUserAsync(Factory);
        var group = await TestData.CreateGroupAsync(Factory, "muroran", g => g.Named(TestData.Unique("大きいロゴの会"), "おおきいろごのかい").AdministeredBy(user));
        var browser = server.Browser();
        await browser.SignInAsync(user.Email!);
        var page = $"/muroran/groups/register/{group.Id}/activity";

        var response = await PostFileAsync(browser, page, page, "Input.Logo", new ByteArrayContent(File(TwentyNineMegabytes, PngHeader)), "logo.png");

        await ShouldBeRefusedAsync(response, page);
        (await TestData.WithDbAsync(Factory, db => db.Set<GroupLogo>().AnyAsync(l => l.GroupId == group.Id))).ShouldBeFalse();
        // The same connection goes on: the next request is answered as usual.
        (await browser.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GroupLogo_Of3MB_GetsThePagesOwnMessage()
    {
        var user = await TestData.CreateUserAsync(Factory);
        var group = await TestData.CreateGroupAsync(Factory, "muroran", g => g.Named(TestData.Unique("少し大きいロゴの会"), "すこしおおきいろごのかい").AdministeredBy(user));
        var browser = server.Browser();
        await browser.SignInAsync(user.Email!);
        var page = $"/muroran/groups/register/{group.Id}/activity";

        var response = await PostFileAsync(browser, page, page, "Input.Logo", new ByteArrayContent(File(3 * 1024 * 1024, PngHeader)), "logo.png");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(response)).QuerySelector("#Input_Logo-error")!.TextContent.ShouldContain("2MB以下");
    }

    [Fact]
    public async Task RoomPhoto_Of29MB_IsRefusedAtOnce_With413AndTheMessage()
    {
        var room = await TestData.CreateRoomAsync(Factory, "shimonoseki");
        var browser = await SignedInAsync(u => u.InCity("shimonoseki", CityRole.CentreStaff).ExemptFromTwoFactor());
        var page = $"/shimonoseki/admin/spaces/rooms/{room.Id}";

        var response = await PostFileAsync(browser, page, page, "Upload.Photo", new ByteArrayContent(File(TwentyNineMegabytes, PngHeader)), "room.png",
            new Dictionary<string, string> { ["Upload.Alt"] = "明るい会議室" });

        await ShouldBeRefusedAsync(response, page);
        (await TestData.WithDbAsync(Factory, db => db.Set<RoomPhoto>().IgnoreQueryFilters().AnyAsync(p => p.RoomId == room.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task GroupImport_Of29MB_IsRefusedAtOnce_With413AndTheMessage()
    {
        var browser = await SignedInAsync(u => u.InCity("nagato", CityRole.CentreStaff).ExemptFromTwoFactor());
        const string page = "/nagato/admin/groups/import";

        var response = await PostFileAsync(browser, page, page + "?handler=Preview", "file", new ByteArrayContent(File(TwentyNineMegabytes)), "groups.csv");

        await ShouldBeRefusedAsync(response, page);
    }

    [Fact]
    public async Task PlanImport_Of29MB_IsRefusedAtOnce_With413AndTheMessage()
    {
        var browser = await SignedInAsync(u => u.InCity("muroran", CityRole.PlanManager).ExemptFromTwoFactor());
        const string page = "/muroran/admin/plans";

        var response = await PostFileAsync(browser, page, page + "?handler=Import", "file", new ByteArrayContent(File(TwentyNineMegabytes)), "plan.json");

        await ShouldBeRefusedAsync(response, page);
    }

    [Fact]
    public async Task PlanImport_Of6MB_GetsThePagesOwnMessage()
    {
        var browser = await SignedInAsync(u => u.InCity("muroran", CityRole.PlanManager).ExemptFromTwoFactor());
        const string page = "/muroran/admin/plans";

        var response = await PostFileAsync(browser, page, page + "?handler=Import", "file", new ByteArrayContent(File(6 * 1024 * 1024)), "plan.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(response)).QuerySelector("#file-error")!.TextContent.ShouldContain("5MB以下");
    }

    [Fact]
    public async Task AnUploadSentWithoutALength_IsRefusedWhenItPassesTheLimit()
    {
        var browser = await SignedInAsync(u => u.InCity("nagato", CityRole.CentreStaff).ExemptFromTwoFactor());
        const string page = "/nagato/admin/groups/import";

        var response = await PostFileAsync(browser, page, page + "?handler=Preview", "file", new UnknownLength(File(TwentyNineMegabytes)), "groups.csv");

        await ShouldBeRefusedAsync(response, page);
    }

    [Fact]
    public async Task TheRefusal_IsInEnglish_WhenThePagesAre()
    {
        var room = await TestData.CreateRoomAsync(Factory, "shimonoseki");
        var browser = await SignedInAsync(u => u.InCity("shimonoseki", CityRole.CentreStaff).ExemptFromTwoFactor());
        await browser.PostWithTokenAsync("/shimonoseki", "/culture", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/shimonoseki" });
        var page = $"/shimonoseki/admin/spaces/rooms/{room.Id}";

        var response = await PostFileAsync(browser, page, page, "Upload.Photo", new ByteArrayContent(File(TwentyNineMegabytes, PngHeader)), "room.png");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var document = await Browser.ParseAsync(response);
        document.DocumentElement.GetAttribute("lang").ShouldBe("en");
        document.QuerySelector("h1")!.TextContent.ShouldBe("The file sent is too large");
        document.QuerySelector($"main a[href='{page}']")!.TextContent.ShouldBe("Choose another file");
    }

    [Fact]
    public async Task AJsonBodyOver1MB_IsRefusedWithProblemDetails()
    {
        var user = await TestData.CreateUserAsync(Factory);
        using var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OpportunityTestData.ApiTokenAsync(Factory, user.Id));
        var body = "{\"roomId\":1,\"purpose\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";

        var response = await client.PostAsync("/api/v1/shimonoseki/bookings", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ApiErrorTests.ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("detail").GetString()!.ShouldContain("大きすぎます");
    }

    /// <summary>Content whose length is not known beforehand: sent chunked, as a program streaming a file may.</summary>
    private sealed class UnknownLength(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
