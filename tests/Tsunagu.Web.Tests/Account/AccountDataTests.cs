using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Account;

public class AccountDataTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Fact]
    public async Task DownloadData_ReturnsOwnAccountAndRolesAsJson()
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity("muroran", CityRole.GroupAdmin));
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        var response = await browser.SubmitAsync("/account/data", new Dictionary<string, string>());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("account").GetProperty("Email").GetString().ShouldBe(user.Email);
        json.RootElement.GetProperty("memberships")[0].GetProperty("City").GetString().ShouldBe("muroran");
        json.RootElement.ToString().ShouldNotContain("PasswordHash");
    }

    [Fact]
    public async Task DownloadData_IncludesTheVolunteerRegistrationAndApplications()
    {
        var user = await TestData.CreateUserAsync(factory);
        await TestData.CreateVolunteerAsync(factory, "nagato", v => v.For(user).WithSkills("手話").WithPhone("0837-00-1234"));
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        var response = await browser.SubmitAsync("/account/data", new Dictionary<string, string>());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var volunteer = json.RootElement.GetProperty("volunteers")[0];
        volunteer.GetProperty("City").GetString().ShouldBe("nagato");
        volunteer.GetProperty("Phone").GetString().ShouldBe("0837-00-1234");
        volunteer.GetProperty("Skills")[0].GetString().ShouldBe("手話");
    }

    [Fact]
    public async Task DownloadData_IncludesRoomBookingsWithEquipment_AndLectureRequests()
    {
        var user = await TestData.CreateUserAsync(factory);
        var cityId = await TestData.CityIdAsync(factory, "nagato");
        var room = await TestData.CreateRoomAsync(factory, "nagato", r => r.Named("和室（データ確認）").Seating(10));
        var item = await TestData.CreateEquipmentItemAsync(factory, "nagato", i => i.Named("書画カメラ（データ確認）").Owned(1));
        var start = DateTime.UtcNow.AddDays(10);
        var booking = await TestData.CreateBookingAsync(factory, "nagato", b => b.Of(room).By(user).For("自治会の打ち合わせ")
            .At(start, start.AddHours(2)).Costing(800));
        await TestData.WithDbAsync(factory, async db =>
        {
            var topic = new Tsunagu.Web.Features.Lectures.LectureTopic { CityId = cityId, Title = "協働のはじめ方（データ確認）", Description = "概要", Speaker = "市民活動推進課" };
            db.Add(topic);
            await db.SaveChangesAsync();
            db.Add(new Tsunagu.Web.Features.Spaces.BookingEquipment { CityId = cityId, BookingId = booking.Id, EquipmentItemId = item.Id, Quantity = 1 });
            db.Add(new Tsunagu.Web.Features.Lectures.LectureRequest
            {
                CityId = cityId,
                TopicId = topic.Id,
                RequesterUserId = user.Id,
                Organisation = "東町自治会",
                PreferredDates = "1月の土曜日",
                Place = "東町公民館",
                Participants = 20,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        using var json = JsonDocument.Parse(await (await browser.SubmitAsync("/account/data", new Dictionary<string, string>())).Content.ReadAsStringAsync());
        var booked = json.RootElement.GetProperty("roomBookings")[0];
        booked.GetProperty("Room").GetString().ShouldBe("和室（データ確認）");
        booked.GetProperty("Purpose").GetString().ShouldBe("自治会の打ち合わせ");
        booked.GetProperty("Equipment")[0].GetProperty("Item").GetString().ShouldBe("書画カメラ（データ確認）");
        var asked = json.RootElement.GetProperty("lectureRequests")[0];
        asked.GetProperty("Topic").GetString().ShouldBe("協働のはじめ方（データ確認）");
        asked.GetProperty("Organisation").GetString().ShouldBe("東町自治会");
        json.RootElement.GetProperty("lockerApplications").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task DeleteAccount_NeedsPassword_ThenRemovesIt()
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity("muroran", CityRole.GroupAdmin));
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);

        var wrong = await browser.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Password"] = "not-my-password" });
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("パスワードが正しくありません");

        var done = await browser.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Password"] = TestData.Password });
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.Users.Any(u => u.Id == user.Id)))).ShouldBeFalse();
        (await browser.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The deletion is audited, without the person's e-mail address or name in the record's values.
        var entry = await TestData.WithDbAsync(factory, db => Task.FromResult(db.AuditEntries.Single(e => e.EntityType == "AppUser" && e.Action == "delete" && e.EntityKey == user.Id)));
        entry.Changes.ShouldNotContain(user.Email!);
        entry.Changes.ShouldNotContain(user.DisplayName);
    }

    [Fact]
    public async Task ApiToken_CreatedOnPage_AuthenticatesApi_UntilRevoked()
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity("yamaguchi", CityRole.CouncilMember));
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        var created = await browser.SubmitAsync("/account/api-tokens", new Dictionary<string, string> { ["Name"] = "集計用" });
        var secret = (await Browser.ParseAsync(created)).QuerySelector("#new-token")!.TextContent.Trim();

        var api = factory.CreateClient();
        (await api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = await api.GetAsync("/api/v1/me");
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await me.Content.ReadAsStringAsync()).ShouldContain("CouncilMember");

        var tokenId = await TestData.WithDbAsync(factory, db => Task.FromResult(db.ApiTokens.Single(t => t.UserId == user.Id).Id));
        await browser.PostWithTokenAsync("/account/api-tokens", "/account/api-tokens?handler=Revoke", new Dictionary<string, string> { ["tokenId"] = tokenId.ToString(CultureInfo.InvariantCulture) });
        (await api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokeToken_OfAnotherPerson_IsNotFound()
    {
        var owner = await TestData.CreateUserAsync(factory);
        var other = await TestData.CreateUserAsync(factory);
        var ownerBrowser = Browser.For(factory);
        await ownerBrowser.SignInAsync(owner.Email!);
        await ownerBrowser.SubmitAsync("/account/api-tokens", new Dictionary<string, string> { ["Name"] = "mine" });
        var tokenId = await TestData.WithDbAsync(factory, db => Task.FromResult(db.ApiTokens.Single(t => t.UserId == owner.Id).Id));

        var otherBrowser = Browser.For(factory);
        await otherBrowser.SignInAsync(other.Email!);
        var response = await otherBrowser.PostWithTokenAsync("/account/api-tokens", "/account/api-tokens?handler=Revoke", new Dictionary<string, string> { ["tokenId"] = tokenId.ToString(CultureInfo.InvariantCulture) });
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.ApiTokens.Single(t => t.Id == tokenId).RevokedAt))).ShouldBeNull();
    }
}
