using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Spaces;

/// <summary>Rooms' photos: staff upload (type by content, 2 MB, alt text required), reorder and delete; anyone sees them.</summary>
public class RoomPhotoTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0];
    private static readonly byte[] Webp = "RIFF\u0024\0\0\0WEBPVP8 "u8.ToArray();
    private static readonly byte[] Gif = "GIF89a\u0001\0\u0001\0"u8.ToArray();

    private async Task<int> RoomAsync() =>
        (await TestData.CreateRoomAsync(factory, City, r => r.Seating(24).WithFacilities("プロジェクター").WithAccessibilityNotes("車いすで入れます。"))).Id;

    private async Task<(Browser Browser, AppUser User)> StaffAsync()
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, user);
    }

    /// <summary>Posts the upload form as a browser does: multipart, with a token from <paramref name="tokenPage"/> (the page itself by default).</summary>
    private static async Task<HttpResponseMessage> UploadAsync(Browser browser, int room, byte[]? file, string? alt, string fileName = "room.bin", string contentType = "application/octet-stream", string? tokenPage = null)
    {
        var url = $"/{City}/admin/spaces/rooms/{room}";
        var (_, page) = await browser.GetPageAsync(tokenPage ?? url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        if (tokenPage is null) page.QuerySelector("#upload-form")!.GetAttribute("enctype").ShouldBe("multipart/form-data");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (alt is not null) form.Add(new StringContent(alt), "Upload.Alt");
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(content, "Upload.Photo", fileName);
        }
        return await browser.Client.PostAsync(url, form);
    }

    private Task<List<RoomPhoto>> PhotosAsync(int room) =>
        TestData.WithDbAsync(factory, db => db.Set<RoomPhoto>().IgnoreQueryFilters().Where(p => p.RoomId == room).OrderBy(p => p.SortOrder).ToListAsync());

    public static IEnumerable<object[]> Images() =>
    [
        [TestImages.RoomPng(), "image/png"],
        [Jpeg, "image/jpeg"],
        [Webp, "image/webp"],
    ];

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Staff_UploadAPhoto_ItIsServedWithItsTypeAndCaching_AndShownOnTheRoomPageWithItsAltText(byte[] image, string type)
    {
        var room = await RoomAsync();
        var (staff, staffUser) = await StaffAsync();
        // The file's name and the browser's type say nothing: the content decides.
        (await UploadAsync(staff, room, image, "窓の多い明るい会議室。正面にスクリーン。")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var photo = (await PhotosAsync(room)).ShouldHaveSingleItem();
        photo.ContentType.ShouldBe(type);
        photo.Length.ShouldBe(image.Length);

        var visitor = Browser.For(factory);
        var (response, page) = await visitor.GetPageAsync($"/{City}/spaces/rooms/{room}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("main")!.TextContent.ShouldContain("車いすで入れます。");
        var img = page.QuerySelector("main .room-photos img")!;
        img.GetAttribute("alt").ShouldBe("窓の多い明るい会議室。正面にスクリーン。");
        img.GetAttribute("loading").ShouldBe("lazy");

        var served = await visitor.GetAsync(img.GetAttribute("src")!);
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.ShouldBe(type);
        served.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        served.Headers.CacheControl!.Public.ShouldBeTrue();
        served.Headers.CacheControl.ToString().ShouldContain("immutable");
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(image);
        var etag = served.Headers.ETag!;

        var revalidate = new HttpRequestMessage(HttpMethod.Get, img.GetAttribute("src"));
        revalidate.Headers.IfNoneMatch.Add(etag);
        (await visitor.Client.SendAsync(revalidate)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        // The upload is audited under the staff member; the bytes are recorded only as changed.
        var audit = await TestData.WithDbAsync(factory, db => db.AuditEntries.SingleAsync(e => e.EntityType == nameof(RoomPhoto) && e.EntityKey == photo.Id.ToString(CultureInfo.InvariantCulture) && e.Action == "create"));
        audit.UserId.ShouldBe(staffUser.Id);
        audit.Changes.ShouldContain("\"Content\":{\"new\":\"***\"}");
    }

    public static IEnumerable<object[]> Refusals() =>
    [
        [Gif, "room.png", "写真は", "Upload_Photo", "JPEG、PNG、WebPのいずれかの画像にしてください"],
        ["<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), "room.jpg", "写真は", "Upload_Photo", "JPEG、PNG、WebPのいずれかの画像にしてください"],
        [TestImages.RoomPng().Concat(new byte[2 * 1024 * 1024]).ToArray(), "big.png", "写真は", "Upload_Photo", "2MB以下"],
        [TestImages.RoomPng(), "room.png", "", "Upload_Alt", "写真の説明を入力してください"],
        [TestImages.RoomPng(), "room.png", new string('あ', 201), "Upload_Alt", "200文字以内"],
        [null!, "room.png", "写真は", "Upload_Photo", "写真のファイルを選んでください"],
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Upload_OfTheWrongKind_TooBig_OrWithoutAltText_IsRefusedNextToTheField(byte[]? file, string fileName, string alt, string field, string message)
    {
        var room = await RoomAsync();
        var (staff, _) = await StaffAsync();
        var response = await UploadAsync(staff, room, file, alt, fileName, "image/png");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector($"#{field}-error")!.TextContent.ShouldContain(message);
        page.QuerySelector(".error-summary")!.TextContent.ShouldContain(message);
        (await PhotosAsync(room)).ShouldBeEmpty();
    }

    [Fact]
    public async Task NonStaff_CannotUpload_NorReorderNorDelete()
    {
        var room = await RoomAsync();
        var (staff, _) = await StaffAsync();
        (await UploadAsync(staff, room, TestImages.RoomPng(), "会議室の全景")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var photo = (await PhotosAsync(room)).Single();

        var citizen = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.SignInAsync(citizen.Email!);
        // A valid token of the citizen's own session (from a page they may open) does not make them staff.
        var upload = await UploadAsync(browser, room, TestImages.RoomPng(), "いたずら", tokenPage: $"/{City}/spaces/book");
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        upload.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
        var delete = await browser.PostWithTokenAsync($"/{City}/spaces/book", $"/{City}/admin/spaces/rooms/{room}?handler=Delete&photoId={photo.Id}", new Dictionary<string, string>());
        delete.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
        var anonymous = await Browser.For(factory).Client.PostAsync($"/{City}/admin/spaces/rooms/{room}", new MultipartFormDataContent { { new StringContent("x"), "Upload.Alt" } });
        anonymous.Headers.Location!.OriginalString.ShouldContain("/account/signin");
        (await PhotosAsync(room)).ShouldHaveSingleItem().Alt.ShouldBe("会議室の全景");
    }

    [Fact]
    public async Task Photos_AreReordered_Redescribed_AndDeleted_AndADeletedOneIsGone()
    {
        var room = await RoomAsync();
        var (staff, _) = await StaffAsync();
        var url = $"/{City}/admin/spaces/rooms/{room}";
        (await UploadAsync(staff, room, TestImages.RoomPng(), "一枚目：入口から見た部屋")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await UploadAsync(staff, room, TestImages.RoomPng(64, 48), "二枚目：窓際の机")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var photos = await PhotosAsync(room);
        var (first, second) = (photos[0].Id, photos[1].Id);

        (await staff.PostWithTokenAsync(url, $"{url}?handler=Move&photoId={second}&up=true", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await staff.PostWithTokenAsync(url, $"{url}?handler=Alt&photoId={first}", new Dictionary<string, string> { ["alt"] = "入口から見た部屋の全景" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await Browser.For(factory).GetPageAsync($"/{City}/spaces/rooms/{room}");
        page.QuerySelectorAll("main .room-photos img").Select(i => i.GetAttribute("alt")).ShouldBe(["二枚目：窓際の机", "入口から見た部屋の全景"]);

        // An empty description is refused; the old one stays.
        (await staff.PostWithTokenAsync(url, $"{url}?handler=Alt&photoId={first}", new Dictionary<string, string> { ["alt"] = " " })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PhotosAsync(room)).Single(p => p.Id == first).Alt.ShouldBe("入口から見た部屋の全景");

        (await staff.PostWithTokenAsync(url, $"{url}?handler=Delete&photoId={second}", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PhotosAsync(room)).Select(p => p.Id).ShouldBe([first]);
        (await Browser.For(factory).GetAsync($"/{City}/spaces/rooms/{room}/photos/{second}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var audit = await TestData.WithDbAsync(factory, db => db.AuditEntries.Where(e => e.EntityType == nameof(RoomPhoto) && e.EntityKey == second.ToString(CultureInfo.InvariantCulture)).Select(e => e.Action).ToListAsync());
        audit.ShouldBe(["create", "update", "delete"], ignoreOrder: true);
    }

    [Fact]
    public async Task APhoto_IsServedOnlyUnderItsOwnCityAndRoom()
    {
        var room = await RoomAsync();
        var (staff, _) = await StaffAsync();
        (await UploadAsync(staff, room, TestImages.RoomPng(), "会議室の全景")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var photo = (await PhotosAsync(room)).Single();
        var visitor = Browser.For(factory);
        (await visitor.GetAsync($"/{City}/spaces/rooms/{room}/photos/{photo.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await visitor.GetAsync($"/nagato/spaces/rooms/{room}/photos/{photo.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await visitor.GetAsync($"/{City}/spaces/rooms/{room + 1000}/photos/{photo.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await visitor.GetAsync($"/nagato/spaces/rooms/{room}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
